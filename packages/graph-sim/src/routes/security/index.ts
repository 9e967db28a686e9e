// Defender XDR routes (workload `security`): Secure Score, alerts_v2 and incidents.
import type { RouteDefinition } from '../../engine/route.js';
import { alertRoutes } from './alerts.js';
import { incidentRoutes } from './incidents.js';
import { secureScoreRoutes } from './secure-score.js';

export const securityRoutes: readonly RouteDefinition[] = [
  ...secureScoreRoutes,
  ...alertRoutes,
  ...incidentRoutes,
];
