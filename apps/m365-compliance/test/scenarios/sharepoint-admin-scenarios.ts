import type { ControlScenario } from './scenario-row.js';

/** One row per control evaluated over this service's admin API (see control-scenarios.ts). */
export const sharePointAdminScenarios: ControlScenario[] = [];
