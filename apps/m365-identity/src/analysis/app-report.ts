// What the app credential audit reports about one app, in a file of its own so the audit
// (app-credentials.ts) and the disabled-app findings (disabled-apps.ts) share it without importing
// each other.

export interface CredentialIssue {
  kind: 'secret' | 'certificate';
  keyId: string | null;
  displayName: string | null;
  endDateTime: string | null;
  /** Negative when already expired. */
  daysToExpiry: number | null;
  lifetimeDays: number | null;
  issue: 'expired' | 'expiringSoon' | 'longLived';
}

export interface AppReport {
  /** Object id of the app registration, or of the service principal when there is none. */
  id: string;
  appId: string | null;
  displayName: string;
  objectType: 'application' | 'servicePrincipal';
  credentialIssues: CredentialIssue[];
  /** Valid (not expired) credentials left. */
  validCredentials: number;
  highRiskPermissions: { permission: string; risk: 'tier0' | 'high'; grantedDateTime: string | null }[];
  /** False when its service principal in this tenant is disabled; null when it has none. */
  accountEnabled: boolean | null;
}
