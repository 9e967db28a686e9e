import { z } from 'zod';
import { ConfigurationError } from './errors.js';

// Blank variables count as unset: a `FOO=` line in an .env file must not select anything.
const optionalText = z
  .string()
  .optional()
  .transform((value) => {
    const trimmed = value?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
  });

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT_DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const KEY_VAULT_SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;

export const credentialEnvSchema = z.object({
  AZURE_TENANT_ID: optionalText,
  AZURE_CLIENT_ID: optionalText,
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  AZURE_CLIENT_CERTIFICATE_PASSWORD: optionalText,
  AZURE_FEDERATED_TOKEN_FILE: optionalText,
  AZURE_KEY_VAULT_URL: optionalText,
  M365_CLIENT_SECRET_NAME: optionalText,
  M365_KEY_VAULT_CLIENT_ID: optionalText,
  M365_ACCESS_TOKEN: optionalText,
  M365_USE_MANAGED_IDENTITY: optionalText,
});

export type CredentialEnv = z.infer<typeof credentialEnvSchema>;

/** Every environment variable that chooses or carries a credential. */
export const credentialVariables: readonly string[] = Object.keys(credentialEnvSchema.shape);

export type CredentialSettings =
  | { kind: 'access-token'; token: string }
  | { kind: 'client-secret'; tenantId: string; clientId: string; secret: string }
  | {
      kind: 'key-vault-client-secret';
      tenantId: string;
      clientId: string;
      vaultUrl: string;
      secretName: string;
      vaultIdentityClientId?: string;
    }
  | {
      kind: 'client-certificate';
      tenantId: string;
      clientId: string;
      certificatePath: string;
      certificatePassword?: string;
    }
  | { kind: 'workload-identity'; tenantId: string; clientId: string; tokenFilePath: string }
  | { kind: 'managed-identity'; clientId?: string };

export type CredentialKind = CredentialSettings['kind'];

const NO_CREDENTIALS = [
  'No credentials are configured. Set one of:',
  '  AZURE_CLIENT_SECRET (with AZURE_TENANT_ID and AZURE_CLIENT_ID),',
  '  AZURE_CLIENT_CERTIFICATE_PATH (with AZURE_TENANT_ID and AZURE_CLIENT_ID),',
  '  AZURE_FEDERATED_TOKEN_FILE (with AZURE_TENANT_ID and AZURE_CLIENT_ID),',
  '  AZURE_KEY_VAULT_URL and M365_CLIENT_SECRET_NAME (with AZURE_TENANT_ID and AZURE_CLIENT_ID),',
  '  M365_USE_MANAGED_IDENTITY=true (AZURE_CLIENT_ID selects a user-assigned identity),',
  '  M365_ACCESS_TOKEN (a bearer token for Microsoft Graph),',
  'or run with --demo to use the built-in demo tenant.',
].join('\n');

function parseBoolean(variable: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (['true', '1', 'yes'].includes(lower)) return true;
  if (['false', '0', 'no'].includes(lower)) return false;
  throw new ConfigurationError(`${variable} must be "true" or "false"; got "${value}".`, [variable]);
}

function requireApp(env: CredentialEnv, because: string): { tenantId: string; clientId: string } {
  const missing = [
    ...(env.AZURE_TENANT_ID === undefined ? ['AZURE_TENANT_ID'] : []),
    ...(env.AZURE_CLIENT_ID === undefined ? ['AZURE_CLIENT_ID'] : []),
  ];
  if (missing.length > 0) {
    throw new ConfigurationError(
      `${because} needs ${missing.join(' and ')}: set ${missing.length > 1 ? 'them' : 'it'} to the ${missing
        .map((name) =>
          name === 'AZURE_TENANT_ID' ? "tenant's id (GUID or domain)" : "app registration's client id",
        )
        .join(' and the ')}.`,
      missing,
    );
  }
  const tenantId = env.AZURE_TENANT_ID as string;
  const clientId = env.AZURE_CLIENT_ID as string;
  if (['common', 'organizations', 'consumers'].includes(tenantId.toLowerCase())) {
    throw new ConfigurationError('AZURE_TENANT_ID must name one tenant for app-only access.', [
      'AZURE_TENANT_ID',
    ]);
  }
  if (!GUID.test(tenantId) && !TENANT_DOMAIN.test(tenantId)) {
    throw new ConfigurationError(
      `AZURE_TENANT_ID must be the tenant's id (a GUID) or a verified domain such as contoso.onmicrosoft.com; got "${tenantId}".`,
      ['AZURE_TENANT_ID'],
    );
  }
  requireGuid('AZURE_CLIENT_ID', clientId, "the app registration's client (application) id");
  return { tenantId, clientId };
}

function requireGuid(variable: string, value: string, what: string): void {
  if (!GUID.test(value)) {
    throw new ConfigurationError(`${variable} must be ${what}, a GUID; got "${value}".`, [variable]);
  }
}

function parseVaultUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(
      `AZURE_KEY_VAULT_URL must be the vault's https URL, e.g. https://my-vault.vault.azure.net; got "${value}".`,
      ['AZURE_KEY_VAULT_URL'],
    );
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
    throw new ConfigurationError('AZURE_KEY_VAULT_URL must be an https URL without credentials.', [
      'AZURE_KEY_VAULT_URL',
    ]);
  }
  return url.origin;
}

/**
 * Decides which credential the environment asks for. Exactly one source may be set: a second one
 * is reported rather than silently ignored, because running as the wrong identity is worse than
 * not starting.
 */
export function credentialSettingsFromEnv(
  rawEnv: NodeJS.ProcessEnv,
  options: { managedIdentity?: boolean } = {},
): CredentialSettings {
  const parsed = credentialEnvSchema.safeParse(rawEnv);
  if (!parsed.success) {
    const variables = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    throw new ConfigurationError(`These variables must be text: ${variables.join(', ')}.`, variables);
  }
  const env = parsed.data;
  const managedIdentity =
    options.managedIdentity === true ||
    parseBoolean('M365_USE_MANAGED_IDENTITY', env.M365_USE_MANAGED_IDENTITY);
  const keyVault = env.AZURE_KEY_VAULT_URL !== undefined || env.M365_CLIENT_SECRET_NAME !== undefined;

  const sources = [
    ...(env.M365_ACCESS_TOKEN === undefined ? [] : ['M365_ACCESS_TOKEN']),
    ...(env.AZURE_CLIENT_SECRET === undefined ? [] : ['AZURE_CLIENT_SECRET']),
    ...(keyVault ? ['AZURE_KEY_VAULT_URL'] : []),
    ...(env.AZURE_CLIENT_CERTIFICATE_PATH === undefined ? [] : ['AZURE_CLIENT_CERTIFICATE_PATH']),
    ...(env.AZURE_FEDERATED_TOKEN_FILE === undefined ? [] : ['AZURE_FEDERATED_TOKEN_FILE']),
    ...(managedIdentity ? ['M365_USE_MANAGED_IDENTITY'] : []),
  ];
  if (sources.length > 1) {
    throw new ConfigurationError(
      `More than one credential is configured (${sources.join(', ')}); set only one of them and unset the others.`,
      sources,
    );
  }
  if (
    env.AZURE_CLIENT_CERTIFICATE_PASSWORD !== undefined &&
    env.AZURE_CLIENT_CERTIFICATE_PATH === undefined
  ) {
    throw new ConfigurationError(
      'AZURE_CLIENT_CERTIFICATE_PASSWORD is set but AZURE_CLIENT_CERTIFICATE_PATH is not: set the path to the PEM certificate, or unset the password.',
      ['AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_CLIENT_CERTIFICATE_PASSWORD'],
    );
  }
  if (env.M365_KEY_VAULT_CLIENT_ID !== undefined && !keyVault) {
    throw new ConfigurationError(
      'M365_KEY_VAULT_CLIENT_ID is set but no Key Vault is: set AZURE_KEY_VAULT_URL and M365_CLIENT_SECRET_NAME, or unset it.',
      ['AZURE_KEY_VAULT_URL', 'M365_CLIENT_SECRET_NAME', 'M365_KEY_VAULT_CLIENT_ID'],
    );
  }
  const source = sources[0];
  switch (source) {
    case 'M365_ACCESS_TOKEN':
      return { kind: 'access-token', token: env.M365_ACCESS_TOKEN as string };
    case 'AZURE_CLIENT_SECRET':
      return {
        kind: 'client-secret',
        ...requireApp(env, 'AZURE_CLIENT_SECRET'),
        secret: env.AZURE_CLIENT_SECRET as string,
      };
    case 'AZURE_KEY_VAULT_URL': {
      if (env.AZURE_KEY_VAULT_URL === undefined || env.M365_CLIENT_SECRET_NAME === undefined) {
        const missing =
          env.AZURE_KEY_VAULT_URL === undefined ? 'AZURE_KEY_VAULT_URL' : 'M365_CLIENT_SECRET_NAME';
        throw new ConfigurationError(
          `A client secret from Key Vault needs both AZURE_KEY_VAULT_URL and M365_CLIENT_SECRET_NAME: set ${missing}.`,
          [missing],
        );
      }
      if (!KEY_VAULT_SECRET_NAME.test(env.M365_CLIENT_SECRET_NAME)) {
        throw new ConfigurationError(
          `M365_CLIENT_SECRET_NAME must be a Key Vault secret name (letters, digits and dashes); got "${env.M365_CLIENT_SECRET_NAME}".`,
          ['M365_CLIENT_SECRET_NAME'],
        );
      }
      if (env.M365_KEY_VAULT_CLIENT_ID !== undefined) {
        requireGuid(
          'M365_KEY_VAULT_CLIENT_ID',
          env.M365_KEY_VAULT_CLIENT_ID,
          'the managed identity client id',
        );
      }
      return {
        kind: 'key-vault-client-secret',
        ...requireApp(env, 'A client secret from Key Vault'),
        vaultUrl: parseVaultUrl(env.AZURE_KEY_VAULT_URL),
        secretName: env.M365_CLIENT_SECRET_NAME,
        ...(env.M365_KEY_VAULT_CLIENT_ID === undefined
          ? {}
          : { vaultIdentityClientId: env.M365_KEY_VAULT_CLIENT_ID }),
      };
    }
    case 'AZURE_CLIENT_CERTIFICATE_PATH':
      return {
        kind: 'client-certificate',
        ...requireApp(env, 'AZURE_CLIENT_CERTIFICATE_PATH'),
        certificatePath: env.AZURE_CLIENT_CERTIFICATE_PATH as string,
        ...(env.AZURE_CLIENT_CERTIFICATE_PASSWORD === undefined
          ? {}
          : { certificatePassword: env.AZURE_CLIENT_CERTIFICATE_PASSWORD }),
      };
    case 'AZURE_FEDERATED_TOKEN_FILE':
      return {
        kind: 'workload-identity',
        ...requireApp(env, 'AZURE_FEDERATED_TOKEN_FILE'),
        tokenFilePath: env.AZURE_FEDERATED_TOKEN_FILE as string,
      };
    case 'M365_USE_MANAGED_IDENTITY': {
      if (env.AZURE_CLIENT_ID === undefined) return { kind: 'managed-identity' };
      requireGuid('AZURE_CLIENT_ID', env.AZURE_CLIENT_ID, 'the user-assigned managed identity client id');
      return { kind: 'managed-identity', clientId: env.AZURE_CLIENT_ID };
    }
    default:
      throw new ConfigurationError(NO_CREDENTIALS, [
        'AZURE_CLIENT_SECRET',
        'AZURE_CLIENT_CERTIFICATE_PATH',
        'AZURE_FEDERATED_TOKEN_FILE',
        'AZURE_KEY_VAULT_URL',
        'M365_USE_MANAGED_IDENTITY',
        'M365_ACCESS_TOKEN',
      ]);
  }
}
