// SharePoint and OneDrive routes (workload `sharepoint`): tenant settings, sites, drives, items,
// delta, permissions and file content.
import type { RouteDefinition } from '../../engine/route.js';
import { contentRoutes } from './content.js';
import { deltaRoutes } from './delta.js';
import { driveRoutes } from './drives.js';
import { itemPermissionRoutes } from './item-permissions.js';
import { itemRoutes } from './items.js';
import { settingsRoutes } from './settings.js';
import { siteRoutes } from './sites.js';

export const sharepointRoutes: readonly RouteDefinition[] = [
  ...settingsRoutes,
  ...siteRoutes,
  ...driveRoutes,
  ...itemRoutes,
  ...deltaRoutes,
  ...itemPermissionRoutes,
  ...contentRoutes,
];
