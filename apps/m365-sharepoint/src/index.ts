// Public API of @m365-mcp/m365-sharepoint: the server definition (for posture and tests), and the
// pure pieces other packages may reuse.
export { SCORE_RULE } from './analysis/classify-permission.js';
export {
  detectSensitive,
  ibanValid,
  luhnValid,
  type SensitiveMatch,
} from './analysis/sensitive-detectors.js';
export { sharepointPermissions } from './permissions.js';
export { sharepointServer } from './server.js';
export { contentScanEnvVar } from './settings.js';
export { ASSESSMENT_BUDGET, STATUS_RULE } from './tools/assess-sharepoint-posture.js';
