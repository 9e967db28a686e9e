import type { ManualRow } from '../manual-row.js';

/**
 * This service's recommendations still read by a person: [CIS id, read with, where, why not here].
 * None: every Defender recommendation this service owns is evaluated (controls.ts).
 */
export const defenderManualRows: ManualRow[] = [];
