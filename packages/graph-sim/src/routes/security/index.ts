import type { RouteDefinition } from '../../engine/route.js';

export const securityRoutes: readonly RouteDefinition[] = [];
