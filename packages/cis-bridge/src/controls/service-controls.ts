import { defenderControls } from './defender/controls.js';
import { exchangeControls } from './exchange/controls.js';
import { fabricControls } from './fabric/controls.js';
import { purviewControls } from './purview/controls.js';
import { sharePointAdminControls } from './sharepoint-admin/controls.js';
import { teamsControls } from './teams/controls.js';
import type { Control } from './types.js';

/** The controls evaluated over admin APIs beyond Graph, in benchmark order. */
export const serviceControls: readonly Control[] = [
  ...exchangeControls,
  ...defenderControls,
  ...purviewControls,
  ...sharePointAdminControls,
  ...teamsControls,
  ...fabricControls,
];
