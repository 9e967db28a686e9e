// What the security area offers other packages (through the package's index): the demo's planted
// facts, and the model's types.
export type {
  AlertComment,
  AlertEvidence,
  ControlScore,
  SecureScore,
  SecureScoreControlProfile,
  SecurityAlert,
  SecurityData,
  SecurityIncident,
} from '../../security.js';
export { DEMO_CONTROLS, type DemoControl } from './control-profiles.js';
export { DEMO_ATTACK_INCIDENT_ID } from './incidents.js';
export { demoScoreOn } from './secure-scores.js';
