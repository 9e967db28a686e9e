import { access, constants } from 'node:fs/promises';
import type { TokenCredential } from '@azure/identity';
import type { CloudProfile } from '@m365-mcp/graph-core';
import { identityClientOptions } from './authority.js';
import { readCertificateFile } from './certificate-file.js';
import { type CredentialKind, type CredentialSettings, credentialSettingsFromEnv } from './environment.js';
import { ConfigurationError } from './errors.js';
import { GivenTokenCredential } from './given-token-credential.js';
import {
  defaultSecretReaderFactory,
  keyVaultCredential,
  readClientSecretFromKeyVault,
  type SecretReaderFactory,
} from './key-vault.js';
import { LazyCredential, loadIdentity } from './lazy-credential.js';
import { decodeTokenRoles } from './token-roles.js';

export interface CredentialFromEnvironmentOptions {
  env?: NodeJS.ProcessEnv;
  cloud: CloudProfile;
  /** PEM CA bundle to trust for the authority (a simulator or private endpoint). */
  ca?: string;
  /** Use managed identity (the --managed-identity flag); same as M365_USE_MANAGED_IDENTITY=true. */
  managedIdentity?: boolean;
  /**
   * Receives every secret value the credential is built from (client secret, certificate
   * password, given token), e.g. audit-log's `registerSecret`, so they can be scrubbed from output.
   */
  registerSecret?: (value: string) => void;
  /** How Key Vault is reached; tests inject a reader, production uses SecretClient. */
  secretReaderFactory?: SecretReaderFactory;
}

export interface EnvironmentCredential {
  credential: TokenCredential;
  kind: CredentialKind;
  /** Which identity this is, for logs and `check`; never contains a secret. */
  description: string;
}

/** Builds the credential the environment describes, following the Azure SDK's variable names. */
export async function credentialFromEnvironment(
  options: CredentialFromEnvironmentOptions,
): Promise<EnvironmentCredential> {
  const settings = credentialSettingsFromEnv(
    options.env ?? process.env,
    options.managedIdentity === undefined ? {} : { managedIdentity: options.managedIdentity },
  );
  const register = options.registerSecret ?? (() => {});
  const client = identityClientOptions(options.cloud, options.ca);
  return build(settings, options, client, register);
}

async function build(
  settings: CredentialSettings,
  options: CredentialFromEnvironmentOptions,
  client: ReturnType<typeof identityClientOptions>,
  register: (value: string) => void,
): Promise<EnvironmentCredential> {
  switch (settings.kind) {
    case 'access-token': {
      register(settings.token);
      let credential: GivenTokenCredential;
      try {
        credential = new GivenTokenCredential(settings.token);
      } catch (error) {
        throw new ConfigurationError(
          `M365_ACCESS_TOKEN must be a Microsoft Graph access token (a JWT with an expiry): ${(error as Error).message}.`,
          ['M365_ACCESS_TOKEN'],
        );
      }
      const { appId, tenantId } = decodeTokenRoles(settings.token);
      return {
        credential,
        kind: settings.kind,
        description: `a given access token${appId ? ` for app ${appId}` : ''}${tenantId ? ` in tenant ${tenantId}` : ''}, valid until ${credential.expiresOn.toISOString()}`,
      };
    }
    case 'client-secret':
      register(settings.secret);
      return {
        credential: new LazyCredential(
          async () =>
            new (await loadIdentity()).ClientSecretCredential(
              settings.tenantId,
              settings.clientId,
              settings.secret,
              client,
            ),
        ),
        kind: settings.kind,
        description: `client secret for app ${settings.clientId} in tenant ${settings.tenantId}`,
      };
    case 'key-vault-client-secret': {
      // The secret is read now, so a wrong vault or name stops the server at start-up.
      const factory = options.secretReaderFactory ?? (await defaultSecretReaderFactory(options.ca));
      const vaultIdentity = await keyVaultCredential(
        settings.vaultIdentityClientId,
        client.tlsOptions === undefined ? {} : { tlsOptions: client.tlsOptions },
      );
      const secret = await readClientSecretFromKeyVault(
        factory(settings.vaultUrl, vaultIdentity),
        settings.vaultUrl,
        settings.secretName,
      );
      register(secret);
      return {
        credential: new (await loadIdentity()).ClientSecretCredential(
          settings.tenantId,
          settings.clientId,
          secret,
          client,
        ),
        kind: settings.kind,
        description: `client secret "${settings.secretName}" from Key Vault ${settings.vaultUrl} for app ${settings.clientId} in tenant ${settings.tenantId}`,
      };
    }
    case 'client-certificate': {
      if (settings.certificatePassword !== undefined) register(settings.certificatePassword);
      const certificate = await readCertificateFile(settings.certificatePath, settings.certificatePassword);
      return {
        credential: new LazyCredential(
          async () =>
            new (await loadIdentity()).ClientCertificateCredential(
              settings.tenantId,
              settings.clientId,
              {
                certificate,
                ...(settings.certificatePassword === undefined
                  ? {}
                  : { certificatePassword: settings.certificatePassword }),
              },
              client,
            ),
        ),
        kind: settings.kind,
        description: `client certificate ${settings.certificatePath} for app ${settings.clientId} in tenant ${settings.tenantId}`,
      };
    }
    case 'workload-identity': {
      try {
        await access(settings.tokenFilePath, constants.R_OK);
      } catch {
        throw new ConfigurationError(
          `AZURE_FEDERATED_TOKEN_FILE points to "${settings.tokenFilePath}", which cannot be read.`,
          ['AZURE_FEDERATED_TOKEN_FILE'],
        );
      }
      return {
        credential: new LazyCredential(
          async () =>
            new (await loadIdentity()).WorkloadIdentityCredential({
              ...client,
              tenantId: settings.tenantId,
              clientId: settings.clientId,
              tokenFilePath: settings.tokenFilePath,
            }),
        ),
        kind: settings.kind,
        description: `workload identity (federated token ${settings.tokenFilePath}) for app ${settings.clientId} in tenant ${settings.tenantId}`,
      };
    }
    case 'managed-identity': {
      const base = client.tlsOptions === undefined ? {} : { tlsOptions: client.tlsOptions };
      return {
        credential: new LazyCredential(async () => {
          const { ManagedIdentityCredential } = await loadIdentity();
          return settings.clientId === undefined
            ? new ManagedIdentityCredential(base)
            : new ManagedIdentityCredential({ ...base, clientId: settings.clientId });
        }),
        kind: settings.kind,
        description:
          settings.clientId === undefined
            ? 'system-assigned managed identity'
            : `user-assigned managed identity ${settings.clientId}`,
      };
    }
  }
}
