// The demo tenant's Defender XDR data lives in ./security/ (one file per part).
export { DEMO_ATTACK_INCIDENT_ID, DEMO_CONTROLS, demoScoreOn, demoSecurity } from './security/index.js';
