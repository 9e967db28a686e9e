// Contoso's Defender XDR data: 90 days of Secure Score below 70% and slipping, its control
// profiles, and incidents with their alerts (see incidents.ts for the story).
import type { SecurityData } from '../../security.js';
import { CONTOSO_TENANT_ID } from '../people.js';
import { demoClock } from '../sharepoint/context.js';
import { demoControlProfiles } from './control-profiles.js';
import { demoIncidents } from './incidents.js';
import { demoSecureScores } from './secure-scores.js';

export function demoSecurity(now: Date): SecurityData {
  const { incidents, alerts } = demoIncidents(CONTOSO_TENANT_ID, demoClock(now));
  return {
    secureScores: demoSecureScores(CONTOSO_TENANT_ID, now),
    controlProfiles: demoControlProfiles(CONTOSO_TENANT_ID, now),
    alerts,
    incidents,
  };
}

export { DEMO_CONTROLS } from './control-profiles.js';
export { DEMO_ATTACK_INCIDENT_ID } from './incidents.js';
export { demoScoreOn } from './secure-scores.js';
