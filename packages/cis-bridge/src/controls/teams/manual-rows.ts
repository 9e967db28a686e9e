import type { ManualRow } from '../manual-row.js';

/**
 * This service's recommendations still read by a person: [CIS id, read with, where, why not here].
 * None: every CIS 8 recommendation is evaluated over the Teams admin API (controls.ts).
 */
export const teamsManualRows: ManualRow[] = [];
