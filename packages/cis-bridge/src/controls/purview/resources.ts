import type { CmdletResourceSpec } from '../service-resource-spec.js';

// Purview policies, read through Security & Compliance's InvokeCommand API with the cmdlets (and
// property names) of Microsoft's Security & Compliance cmdlet reference.

/** What this service's controls read, by the key they name. */
export const purviewResources = {
  /** DLP policies: Mode and the locations each covers (ExchangeLocation, TeamsLocation, …). */
  dlpCompliancePolicies: { service: 'compliance', cmdlet: 'Get-DlpCompliancePolicy', kind: 'list' },
  /** Sensitivity label policies: the labels each publishes and to whom. */
  labelPolicies: { service: 'compliance', cmdlet: 'Get-LabelPolicy', kind: 'list' },
} as const satisfies Record<string, CmdletResourceSpec>;
