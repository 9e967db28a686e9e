// Defender XDR data of the simulated tenant, in Graph's shapes (namespace microsoft.graph.security).
// The routes serve these objects as they are (the engine filters, selects and pages them), so every
// property here is one Graph returns. Enums are camelCase as in v1.0; `category` and
// `controlStateUpdates[].state` are PascalCase because Graph sends them that way.

export type AlertSeverity = 'informational' | 'low' | 'medium' | 'high' | 'unknownFutureValue';
export type IncidentSeverity = 'unknown' | AlertSeverity;
export type AlertStatus = 'new' | 'inProgress' | 'resolved' | 'unknownFutureValue';
export type IncidentStatus =
  | 'active'
  | 'resolved'
  | 'inProgress'
  | 'redirected'
  | 'awaitingAction'
  | 'unknownFutureValue';
export type AlertClassification =
  | 'unknown'
  | 'falsePositive'
  | 'truePositive'
  | 'informationalExpectedActivity'
  | 'unknownFutureValue';
export type AlertDetermination =
  | 'unknown'
  | 'apt'
  | 'malware'
  | 'securityPersonnel'
  | 'securityTesting'
  | 'unwantedSoftware'
  | 'other'
  | 'multiStagedAttack'
  | 'compromisedAccount'
  | 'phishing'
  | 'maliciousUserActivity'
  | 'notMalicious'
  | 'notEnoughDataToValidate'
  | 'confirmedActivity'
  | 'lineOfBusinessApplication'
  | 'unknownFutureValue';
export type ServiceSource =
  | 'unknown'
  | 'microsoftDefenderForEndpoint'
  | 'microsoftDefenderForIdentity'
  | 'microsoftDefenderForCloudApps'
  | 'microsoftDefenderForOffice365'
  | 'microsoft365Defender'
  | 'azureAdIdentityProtection'
  | 'microsoftAppGovernance'
  | 'dataLossPrevention'
  | 'microsoftDefenderForCloud'
  | 'microsoftSentinel'
  | 'microsoftInsiderRiskManagement';

/** `microsoft.graph.security.alertComment`, used by alerts and incidents alike. */
export interface AlertComment {
  comment: string;
  createdByDisplayName: string;
  createdDateTime: string;
}

/** One item of an alert's polymorphic `evidence`, discriminated by `@odata.type`. */
export interface AlertEvidence {
  '@odata.type': `#microsoft.graph.security.${string}Evidence`;
  createdDateTime: string;
  verdict: 'unknown' | 'suspicious' | 'malicious' | 'noThreatsFound' | 'unknownFutureValue';
  remediationStatus: 'none' | 'remediated' | 'prevented' | 'blocked' | 'notFound' | 'unknownFutureValue';
  remediationStatusDetails: string | null;
  roles: string[];
  detailedRoles: string[];
  tags: string[];
  [property: string]: unknown;
}

/** `microsoft.graph.security.alert` (alerts_v2). */
export interface SecurityAlert {
  '@odata.type': '#microsoft.graph.security.alert';
  id: string;
  providerAlertId: string;
  incidentId: string;
  status: AlertStatus;
  severity: AlertSeverity;
  classification: AlertClassification | null;
  determination: AlertDetermination | null;
  serviceSource: ServiceSource;
  /** A `microsoft.graph.security.detectionSource` member (v1.0 names: `cloudAppSecurity`, not the service's name). */
  detectionSource: string;
  detectorId: string;
  tenantId: string;
  title: string;
  description: string;
  recommendedActions: string;
  category: string;
  assignedTo: string | null;
  alertWebUrl: string;
  incidentWebUrl: string;
  actorDisplayName: string | null;
  threatDisplayName: string | null;
  threatFamilyName: string | null;
  mitreTechniques: string[];
  createdDateTime: string;
  lastUpdateDateTime: string;
  resolvedDateTime: string | null;
  firstActivityDateTime: string;
  lastActivityDateTime: string;
  comments: AlertComment[];
  evidence: AlertEvidence[];
  systemTags: string[];
  [property: string]: unknown;
}

/** `microsoft.graph.security.incident`; its alerts are the alerts whose `incidentId` is its id. */
export interface SecurityIncident {
  '@odata.type': '#microsoft.graph.security.incident';
  id: string;
  tenantId: string;
  displayName: string;
  description: string | null;
  summary: string | null;
  createdDateTime: string;
  lastUpdateDateTime: string;
  lastModifiedBy: string | null;
  assignedTo: string | null;
  classification: AlertClassification;
  determination: AlertDetermination;
  status: IncidentStatus;
  severity: IncidentSeverity;
  resolvingComment: string | null;
  customTags: string[];
  systemTags: string[];
  comments: AlertComment[];
  incidentWebUrl: string;
  redirectIncidentId: string | null;
  priorityScore: number | null;
  [property: string]: unknown;
}

export interface ControlScore {
  controlCategory: string;
  controlName: string;
  description: string;
  score: number;
  scoreInPercentage: number;
  implementationStatus: string;
  lastSynced: string;
  [property: string]: unknown;
}

/** `microsoft.graph.secureScore`: one a day, id `<tenantId>_<yyyy-MM-dd>`. */
export interface SecureScore {
  id: string;
  azureTenantId: string;
  activeUserCount: number;
  createdDateTime: string;
  currentScore: number;
  maxScore: number;
  licensedUserCount: number;
  enabledServices: string[];
  averageComparativeScores: { basis: 'AllTenants' | 'TotalSeats' | 'IndustryTypes'; averageScore: number }[];
  controlScores: ControlScore[];
  vendorInformation: SecurityVendorInformation;
  [property: string]: unknown;
}

export interface SecurityVendorInformation {
  provider: string;
  providerVersion: string | null;
  subProvider: string | null;
  vendor: string;
}

export interface ControlStateUpdate {
  assignedTo: string | null;
  comment: string | null;
  state: 'Default' | 'Ignored' | 'ThirdParty' | 'Reviewed';
  updatedBy: string | null;
  updatedDateTime: string;
}

/** `microsoft.graph.secureScoreControlProfile`; its `id` is the control name used in `controlScores`. */
export interface SecureScoreControlProfile {
  id: string;
  azureTenantId: string;
  actionType: 'Config' | 'Review' | 'Behavior';
  actionUrl: string;
  controlCategory: string;
  title: string;
  deprecated: boolean;
  implementationCost: 'Low' | 'Moderate' | 'High' | 'Unknown';
  lastModifiedDateTime: string | null;
  maxScore: number;
  rank: number;
  remediation: string;
  remediationImpact: string;
  service: string;
  threats: string[];
  tier: string;
  userImpact: 'Low' | 'Moderate' | 'High' | 'Unknown';
  complianceInformation: {
    certificationName: string;
    certificationControls: { name: string; url: string }[];
  }[];
  controlStateUpdates: ControlStateUpdate[];
  vendorInformation: SecurityVendorInformation;
  [property: string]: unknown;
}

export interface SecurityData {
  /** Daily history, newest first. */
  secureScores: SecureScore[];
  controlProfiles: SecureScoreControlProfile[];
  alerts: SecurityAlert[];
  incidents: SecurityIncident[];
}
