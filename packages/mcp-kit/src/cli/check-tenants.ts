// `check` with a tenants registry: the same sign-in and permission check as for one tenant, for
// each tenant of the registry (or the one `--tenant` names), one line each. An MSP's usual faults
// show per tenant: a consent revoked in one customer tenant, a permission added to the app but not
// yet consented there.
import {
  ConfigurationError,
  checkPermissions,
  isUserSignIn,
  type PermissionCheckReport,
  SIGN_IN_VARIABLE,
  signInModeFromEnv,
  type TenantRegistry,
} from '@m365-mcp/auth';
import { UnauthorizedError } from '@m365-mcp/graph-core';
import type { ServerCard } from '../server/server-card.js';
import { TenantConnections } from '../tenants/tenant-connections.js';
import { describeError } from '../tools/error-result.js';
import type { ToolTenant } from '../tools/tool-context.js';

/** Entra's answers for an app the tenant does not know or has not consented to. */
const ENTRA_REFUSALS = /AADSTS(700016|7000229|65001|500011)\b/;

/** Tenants checked at once: each check is a few token requests and one Graph read. */
const CONCURRENT_CHECKS = 4;

type TenantCheck =
  | { tenant: ToolTenant; report: PermissionCheckReport }
  | { tenant: ToolTenant; failure: string; refused: boolean };

/** Resolves to the exit code: 1 when any tenant lacks a Graph permission or cannot sign in. */
export async function checkTenants(
  definition: ServerCard,
  registry: TenantRegistry,
  options: { writes: boolean; tenant?: string | undefined },
  env: Record<string, string | undefined>,
  stdout: (text: string) => void,
): Promise<number> {
  const signIn = signInModeFromEnv(env);
  if (isUserSignIn(signIn)) {
    // A person signs in to one tenant; the registry's tenants are reached with the app's own sign-in.
    throw new ConfigurationError(
      `${SIGN_IN_VARIABLE}=${signIn} signs you in to one tenant, but a tenants registry names ${registry.tenants.length}: check the registry with the app's own sign-in (unset ${SIGN_IN_VARIABLE}), or your own tenant without the registry.`,
      [SIGN_IN_VARIABLE],
    );
  }
  const connections = new TenantConnections({ registry, env });
  try {
    const tenants =
      options.tenant === undefined
        ? registry.tenants.map((entry) => connections.resolve(entry.tenantId))
        : [connections.resolve(options.tenant)];
    stdout(
      `Permission check for ${definition.name} (${options.writes ? 'reads and writes' : 'read-only'}) in ${
        tenants.length
      } tenant${tenants.length === 1 ? '' : 's'} of ${registry.source}:\n`,
    );
    const checks = await mapBounded(tenants, CONCURRENT_CHECKS, (tenant) =>
      checkOne(definition, connections, tenant, options.writes),
    );
    for (const check of checks) stdout(`${lineOf(check)}\n`);
    const failed = checks.filter((check) => 'failure' in check || !check.report.ok).length;
    stdout(
      failed === 0
        ? `Result: OK in every tenant (${checks.length}).\n`
        : `Result: FAILED in ${failed} of ${checks.length} tenant${checks.length === 1 ? '' : 's'}; \`${definition.name} check --tenant <name>\` without the registry's other tenants, or \`${definition.name} permissions\` for what to grant.\n`,
    );
    return failed === 0 ? 0 : 1;
  } finally {
    await connections.close();
  }
}

async function checkOne(
  definition: ServerCard,
  connections: TenantConnections,
  tenant: ToolTenant,
  writes: boolean,
): Promise<TenantCheck> {
  try {
    const { credential, cloud, graph } = await connections.connection(tenant);
    const report = await checkPermissions(credential, definition.permissions, { writes, cloud, graph });
    return { tenant, report };
  } catch (error) {
    const failure = describeError(error, definition.name).message;
    return { tenant, failure, refused: error instanceof UnauthorizedError || ENTRA_REFUSALS.test(failure) };
  }
}

function lineOf(check: TenantCheck): string {
  const who = `${check.tenant.name} (${check.tenant.tenantId})`;
  if ('failure' in check) {
    // The consent hint only where Entra refused the app: an unset secret variable is no consent matter.
    const hint = check.refused
      ? " If the app's admin consent in this tenant was revoked, an administrator of the tenant must consent again."
      : '';
    return `  ${who}: FAILED, cannot sign in: ${check.failure}${hint}`;
  }
  const { report } = check;
  const services = report.services
    .filter((service) => service.missing.length > 0)
    .map((service) => `${service.name} lacks ${service.missing.join(', ')}`);
  const beyond = services.length === 0 ? '' : `; beyond Graph (optional): ${services.join('; ')}`;
  if (!report.ok) {
    return `  ${who}: FAILED, missing ${report.missing.map((entry) => entry.permission).join(', ')}${beyond}`;
  }
  const excess = report.excess.length === 0 ? '' : `, excess ${report.excess.join(', ')}`;
  return `  ${who}: OK${excess}${beyond}`;
}

/** `work` over `items`, at most `limit` at once, answers in the items' order. */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}
