import type { RouteDefinition } from '../../engine/route.js';

export const complianceRoutes: readonly RouteDefinition[] = [];
