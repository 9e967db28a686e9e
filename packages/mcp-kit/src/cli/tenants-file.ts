// The tenants registry a server serves: `--tenants <file>` or M365_TENANTS_FILE (the flag wins).
// Without either, the server serves the one tenant its environment names, as always.
import { loadTenantRegistry, TENANTS_FILE_VARIABLE, type TenantRegistry } from '@m365-mcp/auth';
import { ServerConfigError } from '../config/load-config.js';

/** The registry file asked for, if any. */
export function tenantsFileFrom(
  flags: { tenants?: string | undefined },
  env: Record<string, string | undefined>,
): string | undefined {
  const path = flags.tenants?.trim() || env[TENANTS_FILE_VARIABLE]?.trim();
  return path === '' ? undefined : path;
}

/**
 * Loads the registry (its errors name the file, the entry and the field), refusing the options
 * that pick one tenant's sign-in: the registry says how each tenant signs in.
 */
export async function loadServedRegistry(
  path: string,
  options: { demo: boolean; managedIdentity: boolean },
): Promise<TenantRegistry> {
  if (options.demo) {
    throw new ServerConfigError(
      `--demo serves the one demo tenant and cannot be combined with a tenants registry (--tenants or ${TENANTS_FILE_VARIABLE}=${path}); drop one of them.`,
    );
  }
  if (options.managedIdentity) {
    throw new ServerConfigError(
      `--managed-identity signs in to one tenant; with a tenants registry (${path}) each tenant's sign-in comes from the registry (keyVault reads its secret with the machine's identity).`,
    );
  }
  return loadTenantRegistry(path);
}
