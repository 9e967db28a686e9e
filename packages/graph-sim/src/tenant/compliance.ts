// Purview / records-management data of the simulated tenant that Graph exposes to an app, in
// Graph's shapes. Extended by the compliance routes.
export interface ComplianceData {
  /** `/security/triggers/retentionEvents`. */
  retentionEvents: Record<string, unknown>[];
}
