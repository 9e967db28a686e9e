// What the SharePoint area offers other packages (through the package's index): the large-tenant
// generator, the demo's planted values, the model's types, and builders for planting sharing in a
// test.
export { DEMO_APPS, PLANTED_CARD_NUMBERS, PLANTED_IBANS } from '../demo/sharepoint/index.js';
export { type GenerateSharePointOptions, generateSharePoint } from '../generate/sharepoint.js';
export type {
  GraphPermission,
  SharePointData,
  SharePointSettings,
  SimDrive,
  SimDriveItem,
  SimIdentity,
  SimSite,
} from '../sharepoint.js';
export { sharingLinkUrl } from './build.js';
export {
  appGrant,
  everyoneExceptExternalUsers,
  type LinkOptions,
  type SharePointPrincipal,
  sharingLink,
  siteGroups,
  userGrant,
} from './permissions.js';
