// Purview (Security & Compliance) policies of the simulated tenant, as its InvokeCommand API's Get-
// cmdlets write them: the property names and value types of Microsoft's Security & Compliance cmdlet
// reference. Locations are kept as the names PowerShell shows (`All`, an address, a site URL).

/** Get-DlpCompliancePolicy. */
export interface DlpCompliancePolicy {
  Name: string;
  Guid: string;
  /** `Enable` enforces the policy; the Test modes only report (simulation). */
  Mode: 'Enable' | 'TestWithNotifications' | 'TestWithoutNotifications' | 'Disable' | 'PendingDeletion';
  Enabled: boolean;
  /** The workloads the locations cover, e.g. `Exchange, SharePoint, OneDriveForBusiness, Teams`. */
  Workload: string;
  ExchangeLocation: string[];
  SharePointLocation: string[];
  OneDriveLocation: string[];
  TeamsLocation: string[];
  TeamsLocationException: string[];
  Priority: number;
  DistributionStatus: 'Success' | 'Pending' | 'Error';
  WhenCreatedUTC: string;
  WhenChangedUTC: string;
  [property: string]: unknown;
}

/** Get-LabelPolicy: a sensitivity label policy, which publishes labels to users and groups. */
export interface LabelPolicy {
  Name: string;
  Guid: string;
  Enabled: boolean;
  Mode: 'Enforce' | 'PendingDeletion';
  Type: 'PublishedSensitivityLabel';
  /** The published labels, by name. */
  Labels: string[];
  ExchangeLocation: string[];
  ExchangeLocationException: string[];
  ModernGroupLocation: string[];
  Priority: number;
  DistributionStatus: 'Success' | 'Pending' | 'Error';
  WhenCreatedUTC: string;
  WhenChangedUTC: string;
  [property: string]: unknown;
}

export interface PurviewData {
  dlpCompliancePolicies: DlpCompliancePolicy[];
  labelPolicies: LabelPolicy[];
}
