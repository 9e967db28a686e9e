import type { ManualRow } from '../manual-row.js';

/**
 * This service's recommendations still read by a person: [CIS id, read with, where, why not here].
 * None: every Exchange Online recommendation is evaluated over the InvokeCommand API (controls.ts).
 */
export const exchangeManualRows: ManualRow[] = [];
