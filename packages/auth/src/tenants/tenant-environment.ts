// One tenant's environment, in the variables credentialFromEnvironment and mcp-kit's
// graphFromEnvironment read (Azure SDK names), built from the registry and the process's own
// environment. The process's credential variables are dropped first: a tenant signs in with what
// the registry says for it, or not at all, never with another tenant's (or the operator's) secret.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { credentialVariables } from '../environment.js';
import { ConfigurationError } from '../errors.js';
import {
  TENANTS_FILE_VARIABLE,
  type TenantEntry,
  type TenantRegistry,
  type TenantSignIn,
} from './tenant-registry.js';

export type Environment = Record<string, string | undefined>;

/**
 * The environment to sign in to `entry` with: AZURE_TENANT_ID, AZURE_CLIENT_ID and the variables of
 * its one credential kind (a secret read now from its variable or file), M365_CLOUD when the entry
 * names a cloud, and the rest of `env` (M365_*_URL overrides, AZURE_AUTHORITY_HOST,
 * NODE_EXTRA_CA_CERTS...) as it is. M365_TENANTS_FILE is dropped: this is one tenant's environment,
 * and a server started with it serves that tenant alone.
 */
export function tenantEnvironment(
  registry: TenantRegistry,
  entry: TenantEntry,
  env: Environment,
): Environment {
  const signIn = entry.signIn ?? registry.signIn;
  const tenant = `tenant "${entry.name}" (${registry.source})`;
  if (signIn?.clientId === undefined) {
    throw new ConfigurationError(
      `Tenant "${entry.name}" (${registry.source}) has no sign-in: add "signIn" to its entry or to the registry.`,
      [TENANTS_FILE_VARIABLE],
    );
  }
  const result: Environment = { ...env };
  for (const variable of [...credentialVariables, TENANTS_FILE_VARIABLE]) delete result[variable];
  result.AZURE_TENANT_ID = entry.tenantId;
  result.AZURE_CLIENT_ID = signIn.clientId;
  if (entry.cloud !== undefined) result.M365_CLOUD = entry.cloud;
  return { ...result, ...credentialOf(signIn, tenant, registry.directory ?? process.cwd(), env) };
}

function credentialOf(
  signIn: TenantSignIn,
  tenant: string,
  directory: string,
  env: Environment,
): Environment {
  if (signIn.certificateFile !== undefined) {
    return {
      AZURE_CLIENT_CERTIFICATE_PATH: resolve(directory, signIn.certificateFile),
      ...(signIn.certificatePasswordEnv === undefined
        ? {}
        : {
            AZURE_CLIENT_CERTIFICATE_PASSWORD: variable(
              env,
              signIn.certificatePasswordEnv,
              `certificate password of ${tenant}`,
            ),
          }),
    };
  }
  if (signIn.secretEnv !== undefined) {
    return { AZURE_CLIENT_SECRET: variable(env, signIn.secretEnv, `client secret of ${tenant}`) };
  }
  if (signIn.secretFile !== undefined) {
    return { AZURE_CLIENT_SECRET: secretFile(resolve(directory, signIn.secretFile), tenant) };
  }
  if (signIn.keyVault !== undefined) {
    const identity = signIn.keyVault.identityClientId ?? blankToUndefined(env.M365_KEY_VAULT_CLIENT_ID);
    return {
      AZURE_KEY_VAULT_URL: signIn.keyVault.vaultUrl,
      M365_CLIENT_SECRET_NAME: signIn.keyVault.secretName,
      // The identity reading the vault is the machine's, not a tenant's: the environment's applies.
      ...(identity === undefined ? {} : { M365_KEY_VAULT_CLIENT_ID: identity }),
    };
  }
  if (signIn.federatedTokenFile !== undefined) {
    return { AZURE_FEDERATED_TOKEN_FILE: resolve(directory, signIn.federatedTokenFile) };
  }
  throw new ConfigurationError(
    `The sign-in of ${tenant} names no credential: add certificateFile, secretEnv, secretFile, keyVault or federatedTokenFile to its sign-in.`,
    [TENANTS_FILE_VARIABLE],
  );
}

function variable(env: Environment, name: string, what: string): string {
  const value = blankToUndefined(env[name]);
  if (value === undefined) {
    throw new ConfigurationError(`${name} is not set: it should hold the ${what}.`, [name]);
  }
  return value;
}

function secretFile(path: string, tenant: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigurationError(`The secretFile "${path}" of ${tenant} cannot be read (${code}).`, [
      TENANTS_FILE_VARIABLE,
    ]);
  }
  const secret = text.trim();
  if (secret === '') {
    throw new ConfigurationError(`The secretFile "${path}" of ${tenant} is empty.`, [TENANTS_FILE_VARIABLE]);
  }
  return secret;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
