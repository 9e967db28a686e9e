// Every Graph route the simulator serves, one module per Graph area.
import type { RouteDefinition } from '../engine/route.js';

export const allRoutes: readonly RouteDefinition[] = [];
