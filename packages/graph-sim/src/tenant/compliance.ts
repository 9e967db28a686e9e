// Purview / records-management and org-settings data of the simulated tenant that Graph exposes to
// an app, in Graph's shapes, as the CIS audit reads it.
export interface ComplianceData {
  /** `/security/triggers/retentionEvents`. */
  retentionEvents: Record<string, unknown>[];
  /** `/security/triggerTypes/retentionEventTypes`. */
  retentionEventTypes: Record<string, unknown>[];
  /** `/identityGovernance/accessReviews/definitions` (Entra ID P2 / ID Governance). */
  accessReviewDefinitions: Record<string, unknown>[];
  /** beta `/admin/appsAndServices/settings`. */
  appsAndServicesSettings: Record<string, unknown>;
  /** beta `/admin/forms/settings`. */
  formsSettings: Record<string, unknown>;
}
