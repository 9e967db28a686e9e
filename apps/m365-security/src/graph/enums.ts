// Enum values the tools accept as filters and writes: Graph's v1.0 members (camelCase), minus
// unknownFutureValue, which is never a useful filter or update.

export const alertSeverities = ['informational', 'low', 'medium', 'high'] as const;
export const incidentSeverities = ['informational', 'low', 'medium', 'high'] as const;
export const alertStatuses = ['new', 'inProgress', 'resolved'] as const;
export const incidentStatuses = ['active', 'inProgress', 'awaitingAction', 'resolved', 'redirected'] as const;
/** Statuses of an incident that still needs work. */
export const openIncidentStatuses = ['active', 'inProgress', 'awaitingAction'] as const;
export const serviceSources = [
  'microsoftDefenderForEndpoint',
  'microsoftDefenderForIdentity',
  'microsoftDefenderForCloudApps',
  'microsoftDefenderForOffice365',
  'microsoft365Defender',
  'azureAdIdentityProtection',
  'microsoftAppGovernance',
  'dataLossPrevention',
  'microsoftDefenderForCloud',
  'microsoftSentinel',
  'microsoftInsiderRiskManagement',
] as const;
export const classifications = [
  'unknown',
  'falsePositive',
  'truePositive',
  'informationalExpectedActivity',
] as const;
export const determinations = [
  'unknown',
  'apt',
  'malware',
  'securityPersonnel',
  'securityTesting',
  'unwantedSoftware',
  'other',
  'multiStagedAttack',
  'compromisedAccount',
  'phishing',
  'maliciousUserActivity',
  'notMalicious',
  'notEnoughDataToValidate',
  'confirmedActivity',
  'lineOfBusinessApplication',
] as const;

const severityRank: Record<string, number> = { high: 0, medium: 1, low: 2, informational: 3 };

/** Most severe first; unknown severities last. */
export function compareSeverity(a: string, b: string): number {
  return (severityRank[a] ?? 4) - (severityRank[b] ?? 4);
}
