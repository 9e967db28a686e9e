// OAuth 2.0 on-behalf-of: a server behind Entra sign-in exchanges the caller's access token (issued
// for the server's own app) for a Graph token of that same user, so Graph enforces the user's roles
// and its activity log names them. The server app proves itself with the credential it already has.
import type { TokenCredential } from '@azure/identity';
import type { CloudProfile } from '@m365-mcp/graph-core';
import { identityClientOptions } from '../authority.js';
import { credentialSettingsFromEnv } from '../environment.js';
import { ConfigurationError } from '../errors.js';
import { LazyCredential, loadIdentity } from '../lazy-credential.js';

/** How the server app proves itself in the exchange: the same variables as its app-only sign-in. */
export type ServerAppProof =
  | { kind: 'client-secret'; secret: string }
  | { kind: 'client-certificate'; certificatePath: string }
  | { kind: 'workload-identity'; tokenFilePath: string };

export interface ServerAppCredentials {
  tenantId: string;
  clientId: string;
  proof: ServerAppProof;
}

/**
 * The server app's credentials for on-behalf-of, from the variables credentialFromEnvironment reads
 * (AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or
 * AZURE_FEDERATED_TOKEN_FILE). The exchange needs a confidential client of the app the callers'
 * tokens are for, so a managed identity, a given token or Key Vault indirection is refused by name.
 */
export function serverAppCredentialsFromEnv(
  env: Record<string, string | undefined>,
  registerSecret: (value: string) => void = () => {},
): ServerAppCredentials {
  const settings = credentialSettingsFromEnv(env);
  switch (settings.kind) {
    case 'client-secret':
      registerSecret(settings.secret);
      return {
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        proof: { kind: 'client-secret', secret: settings.secret },
      };
    case 'client-certificate':
      if (settings.certificatePassword !== undefined) {
        registerSecret(settings.certificatePassword);
        throw new ConfigurationError(
          'On-behalf-of takes a PEM certificate whose private key is not encrypted (@azure/identity reads it by path): use such a file, or a client secret, and unset AZURE_CLIENT_CERTIFICATE_PASSWORD.',
          ['AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_CLIENT_CERTIFICATE_PASSWORD'],
        );
      }
      return {
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        proof: { kind: 'client-certificate', certificatePath: settings.certificatePath },
      };
    case 'workload-identity':
      return {
        tenantId: settings.tenantId,
        clientId: settings.clientId,
        proof: { kind: 'workload-identity', tokenFilePath: settings.tokenFilePath },
      };
    default:
      throw new ConfigurationError(
        `On-behalf-of needs the server app's own confidential credential (AZURE_TENANT_ID and AZURE_CLIENT_ID with AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE); the configured ${settings.kind} cannot make the exchange.`,
        ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_FEDERATED_TOKEN_FILE'],
      );
  }
}

export interface OnBehalfOfOptions extends ServerAppCredentials {
  /** The caller's access token for the server app: the assertion exchanged. A secret. */
  userAssertion: string;
  cloud: CloudProfile;
  /** PEM CA bundle to trust for the authority (a simulator or private endpoint). */
  ca?: string;
}

/** A credential whose Graph tokens are the user's, from their assertion (built on @azure/identity's OnBehalfOfCredential). */
export function onBehalfOfCredential(options: OnBehalfOfOptions): TokenCredential {
  const client = identityClientOptions(options.cloud, options.ca);
  const base = {
    ...client,
    tenantId: options.tenantId,
    clientId: options.clientId,
    userAssertionToken: options.userAssertion,
  };
  const { proof } = options;
  return new LazyCredential(async () => {
    const { OnBehalfOfCredential } = await loadIdentity();
    switch (proof.kind) {
      case 'client-secret':
        return new OnBehalfOfCredential({ ...base, clientSecret: proof.secret });
      case 'client-certificate':
        return new OnBehalfOfCredential({ ...base, certificatePath: proof.certificatePath });
      case 'workload-identity': {
        const { readFile } = await import('node:fs/promises');
        // The federated token is rotated on disk (Kubernetes projects a fresh one): read it each time.
        return new OnBehalfOfCredential({
          ...base,
          getAssertion: async () => (await readFile(proof.tokenFilePath, 'utf8')).trim(),
        });
      }
    }
  });
}
