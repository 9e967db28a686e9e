import type { ManualRow } from '../manual-row.js';

/**
 * This service's recommendations still read by a person: [CIS id, read with, where, why not here].
 * None: 3.2.1, 3.2.2 and 3.3.1 are evaluated (controls.ts).
 */
export const purviewManualRows: ManualRow[] = [];
