import type { Control } from '../types.js';

/** The controls evaluated over this service's admin API. */
export const teamsControls: Control[] = [];
