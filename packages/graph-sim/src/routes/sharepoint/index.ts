import type { RouteDefinition } from '../../engine/route.js';

export const sharepointRoutes: readonly RouteDefinition[] = [];
