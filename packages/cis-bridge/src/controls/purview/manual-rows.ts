import { PURVIEW } from '../manual-reasons.js';
import type { ManualRow } from '../manual-row.js';

/** This service's recommendations still read by a person: [CIS id, read with, where, why not here]. */
export const purviewManualRows: ManualRow[] = [
  ['3.2.1', 'Purview PowerShell', 'Get-DlpCompliancePolicy (Mode Enable)', PURVIEW],
  ['3.2.2', 'Purview PowerShell', 'Get-DlpCompliancePolicy (TeamsLocation, Mode Enable)', PURVIEW],
  ['3.3.1', 'Purview PowerShell', 'Get-LabelPolicy', `${PURVIEW} Graph lists labels, not label policies.`],
];
