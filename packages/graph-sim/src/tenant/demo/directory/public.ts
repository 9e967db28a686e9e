// The directory area's public API, gathered in one place so that the package index needs a single
// line: `export * from './tenant/demo/directory/public.js'` (in src/tenant/index.ts or src/index.ts).
export type {
  ActiveRoleAssignment,
  DirectoryData,
  DirectoryPolicies,
  GraphEntity,
  GraphGroup,
  GraphUser,
  RoleDefinition,
  RoleEligibility,
  UserRegistrationDetails,
} from '../../directory.js';
export { type GenerateDirectoryOptions, generateDirectory } from '../../generate/directory.js';
export { adminUserIds, demoDirectory } from '../directory.js';
export { demoAppIds } from './applications.js';
export {
  adminRolesRequiringMfa,
  demoConditionalAccessIds,
  demoNamedLocationIds,
} from './conditionalAccess.js';
export { demoGroupIds } from './groups.js';
export { type EntraIdLicence, hasEntraIdP1, hasEntraIdP2, setEntraIdLicence } from './licences.js';
export { directoryPeople, type RegisteredMethod } from './users.js';
export {
  graphAppRoleIds,
  guestRoleIds,
  MICROSOFT_GRAPH_APP_ID,
  roleTemplateIds,
  servicePlans,
  skuIds,
} from './wellKnown.js';
