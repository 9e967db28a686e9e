// Public API of @m365-mcp/m365-sharepoint: the server definition (for posture and tests), and the
// pure pieces other packages may reuse.
export { SCORE_RULE } from './analysis/classify-permission.js';
export { STATUS_RULE } from './analysis/posture-status.js';
export {
  detectSensitive,
  ibanValid,
  luhnValid,
  type SensitiveMatch,
} from './analysis/sensitive-detectors.js';
export { sharepointCard } from './card.js';
export type { Now } from './clock.js';
export { sharepointPermissions } from './permissions.js';
export { createSharepointServer, type SharepointServerOptions, sharepointServer } from './server.js';
export { contentScanEnvVar, includeOneDrivesEnvVar } from './settings.js';
export { ASSESSMENT_BUDGET } from './tools/assess-sharepoint-posture.js';
