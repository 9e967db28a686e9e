// Entra ID data of the simulated tenant, in Graph's shapes. Extended by the directory routes.

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

export interface DirectoryData {
  users: GraphUser[];
}
