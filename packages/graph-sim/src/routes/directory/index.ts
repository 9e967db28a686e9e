// Entra ID routes: users, groups, roles, apps, tenant, policies, conditional access, Identity
// Protection, reports. Each file serves one area of Graph over DirectoryData.
import type { RouteDefinition } from '../../engine/route.js';
import { applicationRoutes } from './applications.js';
import { conditionalAccessRoutes } from './conditionalAccess.js';
import { groupRoutes } from './groups.js';
import { identityProtectionRoutes } from './identityProtection.js';
import { meRoutes } from './me.js';
import { organizationRoutes } from './organization.js';
import { policyRoutes } from './policies.js';
import { reportRoutes } from './reports.js';
import { roleRoutes } from './roles.js';
import { userRoutes } from './users.js';

export const directoryRoutes: readonly RouteDefinition[] = [
  ...userRoutes,
  ...meRoutes,
  ...groupRoutes,
  ...roleRoutes,
  ...applicationRoutes,
  ...organizationRoutes,
  ...policyRoutes,
  ...conditionalAccessRoutes,
  ...identityProtectionRoutes,
  ...reportRoutes,
];
