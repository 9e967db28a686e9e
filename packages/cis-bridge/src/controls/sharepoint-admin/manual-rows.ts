import type { ManualRow } from '../manual-row.js';

/**
 * This service's recommendations still read by a person: [CIS id, read with, where, why not here].
 * None: CIS 7.2.2, 7.2.4, 7.2.7-7.2.11 and 7.3.1 are evaluated over the SharePoint admin API (controls.ts).
 */
export const sharePointAdminManualRows: ManualRow[] = [];
