// The simulated tenant: plain data in Graph's own shapes, mutable so that tests can plant or fix a
// misconfiguration and write routes can change it. Route modules read and write it; the engine
// only needs its identity. Each Graph area adds its collections here.
export interface Tenant {
  /** Directory (tenant) id, a GUID. */
  id: string;
  displayName: string;
  /** The initial domain, e.g. `contoso.onmicrosoft.com`. */
  initialDomain: string;
  /** SharePoint host name, e.g. `contoso.sharepoint.com`. */
  sharepointHost: string;
  /** Licences present (Graph SKU part numbers), for licence-gated endpoints, e.g. `AAD_PREMIUM_P2`. */
  skus: string[];
  users: GraphUser[];
}

/** A user in Graph's shape (`microsoft.graph.user`), the properties the servers read. */
export interface GraphUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string | null;
  userType: 'Member' | 'Guest';
  accountEnabled: boolean;
  createdDateTime: string;
  onPremisesSyncEnabled?: boolean | null;
  assignedLicenses?: { skuId: string; disabledPlans: string[] }[];
  signInActivity?: {
    lastSignInDateTime: string | null;
    lastNonInteractiveSignInDateTime: string | null;
    lastSuccessfulSignInDateTime?: string | null;
  } | null;
  [property: string]: unknown;
}
