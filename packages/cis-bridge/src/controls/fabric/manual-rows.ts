import type { ManualRow } from '../manual-row.js';

/**
 * This service's recommendations still read by a person: [CIS id, read with, where, why not here].
 * None: CIS 9.1.1-9.1.12 are evaluated over the Fabric admin API (controls.ts).
 */
export const fabricManualRows: ManualRow[] = [];
