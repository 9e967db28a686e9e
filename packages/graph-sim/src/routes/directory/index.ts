import type { RouteDefinition } from '../../engine/route.js';

export const directoryRoutes: readonly RouteDefinition[] = [];
