// Typed views of tool results: the same output shapes the server registers, parsed again here so the
// tests read typed values (and prove the shape once more).
import { z } from 'zod';
import { assessSecurityPostureOutput } from '../src/tools/assess-security-posture.js';
import { getSecurityAlertsOutput } from '../src/tools/get-security-alerts.js';
import { getSecurityScoreOutput } from '../src/tools/get-security-score.js';
import { investigateIncidentOutput } from '../src/tools/investigate-incident.js';
import { listIncidentsOutput } from '../src/tools/list-incidents.js';

/** The output schema of each read tool, by tool name. */
export const results = {
  get_security_score: z.object(getSecurityScoreOutput),
  get_security_alerts: z.object(getSecurityAlertsOutput),
  list_incidents: z.object(listIncidentsOutput),
  investigate_incident: z.object(investigateIncidentOutput),
  assess_security_posture: z.object(assessSecurityPostureOutput),
};

export function structured<S extends z.ZodType>(
  schema: S,
  result: { structuredContent?: unknown },
): z.output<S> {
  return schema.parse(result.structuredContent);
}
