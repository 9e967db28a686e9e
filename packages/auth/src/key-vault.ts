import type { TokenCredential } from '@azure/identity';
import { ConfigurationError } from './errors.js';
import { loadIdentity } from './lazy-credential.js';

/** The one call this package makes to Key Vault; tests inject their own reader. */
export interface SecretReader {
  getSecret(name: string): Promise<{ value?: string | undefined }>;
}

export type SecretReaderFactory = (vaultUrl: string, credential: TokenCredential) => SecretReader;

/** SecretClient, loaded only when a server reads its secret from Key Vault. */
export async function defaultSecretReaderFactory(tlsCa: string | undefined): Promise<SecretReaderFactory> {
  const { SecretClient } = await import('@azure/keyvault-secrets');
  return (vaultUrl, credential) =>
    new SecretClient(vaultUrl, credential, tlsCa === undefined ? {} : { tlsOptions: { ca: tlsCa } });
}

/**
 * The identity that reads the vault: the host's managed identity, else the developer's Azure CLI
 * sign-in. Not DefaultAzureCredential: it would take AZURE_CLIENT_ID, which here names the Graph
 * app whose secret is being read, as the managed identity's id. M365_KEY_VAULT_CLIENT_ID picks a
 * user-assigned identity instead.
 */
export async function keyVaultCredential(
  identityClientId: string | undefined,
  options: { tlsOptions?: { ca: string } },
): Promise<TokenCredential> {
  const { AzureCliCredential, ChainedTokenCredential, ManagedIdentityCredential } = await loadIdentity();
  return new ChainedTokenCredential(
    identityClientId === undefined
      ? new ManagedIdentityCredential(options)
      : new ManagedIdentityCredential({ ...options, clientId: identityClientId }),
    new AzureCliCredential(options),
  );
}

export async function readClientSecretFromKeyVault(
  reader: SecretReader,
  vaultUrl: string,
  secretName: string,
): Promise<string> {
  let value: string | undefined;
  try {
    ({ value } = await reader.getSecret(secretName));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unknown error';
    throw new ConfigurationError(
      `Cannot read the secret "${secretName}" (M365_CLIENT_SECRET_NAME) from ${vaultUrl} (AZURE_KEY_VAULT_URL): ${reason}. The identity running this server needs "get" on secrets in that vault.`,
      ['AZURE_KEY_VAULT_URL', 'M365_CLIENT_SECRET_NAME'],
    );
  }
  if (value === undefined || value.trim() === '') {
    throw new ConfigurationError(
      `The secret "${secretName}" in ${vaultUrl} is empty; store the app's client secret in it.`,
      ['M365_CLIENT_SECRET_NAME'],
    );
  }
  return value.trim();
}
