// Every Graph route the simulator serves, one folder per Graph area.
import type { RouteDefinition } from '../engine/route.js';
import { complianceRoutes } from './compliance/index.js';
import { directoryRoutes } from './directory/index.js';
import { securityRoutes } from './security/index.js';
import { sharepointRoutes } from './sharepoint/index.js';

export const allRoutes: readonly RouteDefinition[] = [
  ...directoryRoutes,
  ...securityRoutes,
  ...sharepointRoutes,
  ...complianceRoutes,
];
