import type { CmdletTable } from '../service-handler.js';
import { listCmdlet } from './cmdlet-parameters.js';

// Security & Compliance (Purview) read cmdlets: DLP policies and sensitivity label policies, as
// Microsoft's Security & Compliance cmdlet reference shows them.
export const complianceCmdlets: CmdletTable = {
  'Get-DlpCompliancePolicy': listCmdlet('Get-DlpCompliancePolicy', (t) => t.purview.dlpCompliancePolicies),
  'Get-LabelPolicy': listCmdlet('Get-LabelPolicy', (t) => t.purview.labelPolicies),
};
