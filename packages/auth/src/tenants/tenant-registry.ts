// The tenants registry's shapes: which customer tenants one m365-mcp installation serves, and how it
// signs in to each. The usual MSP model is one multi-tenant app registration (one client id and
// certificate, admin-consented in every customer tenant), named once in `signIn`; a tenant with an
// app of its own overrides it in its entry. A registry never holds a secret in clear: it names where
// the secret is (an environment variable, a file, a Key Vault secret), read at sign-in.
import type { CloudName } from '@m365-mcp/graph-core';

/** The variable naming the registry file (the servers' `--tenants <file>` flag sets the same). */
export const TENANTS_FILE_VARIABLE = 'M365_TENANTS_FILE';

/** How to sign in to a tenant: which app, and where its credential is. One credential kind only. */
export interface TenantSignIn {
  /** The app registration's client (application) id. */
  clientId?: string;
  /** PEM file with the app's certificate and private key (the recommended credential). */
  certificateFile?: string;
  /** Name of the environment variable holding the certificate file's password, if it has one. */
  certificatePasswordEnv?: string;
  /** Name of the environment variable holding a client secret. */
  secretEnv?: string;
  /** File holding a client secret (a mounted secret, e.g. /run/secrets/contoso). */
  secretFile?: string;
  /**
   * A client secret kept in Azure Key Vault, read with the machine's own identity (its managed
   * identity; `identityClientId` picks a user-assigned one).
   */
  keyVault?: { vaultUrl: string; secretName: string; identityClientId?: string };
  /** Workload identity federation: the file holding the federated token. */
  federatedTokenFile?: string;
}

export interface TenantEntry {
  /** Short name used to pick the tenant (`tenant` argument, report file names): [a-z0-9-], unique. */
  name: string;
  /** The directory (tenant) id, a GUID. */
  tenantId: string;
  /** What reports call the customer; default: the name. */
  displayName?: string;
  /** graph-core's cloud names (`global`, `usgov`, `usgov-dod`, `china`), as M365_CLOUD; default: the environment's. */
  cloud?: CloudName;
  /** Overrides the registry's `signIn` for this tenant (an app registered in the customer's tenant). */
  signIn?: TenantSignIn;
}

export interface TenantRegistry {
  /** Where the registry was read from, for error messages. */
  source: string;
  /**
   * The folder relative file paths in the registry (certificateFile, secretFile,
   * federatedTokenFile) are resolved against: the registry file's folder. Default: the working one.
   */
  directory?: string;
  /**
   * The sign-in every tenant uses unless its entry says otherwise (the multi-tenant app). Absent
   * when every entry has its own.
   */
  signIn?: TenantSignIn;
  tenants: readonly TenantEntry[];
}
