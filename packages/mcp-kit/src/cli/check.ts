import {
  checkDelegated,
  checkPermissions,
  decodeTokenRoles,
  formatDelegatedCheck,
  formatDelegatedPermissions,
  formatPermissionCheck,
  isUserSignIn,
} from '@m365-mcp/auth';
import { toGraphError } from '@m365-mcp/graph-core';
import type { ServerCard } from '../server/server-card.js';
import { connectTenant } from './connect-tenant.js';

/**
 * `check`: sign in, read the token's roles and compare them with the manifest, then check each
 * admin API beyond Graph the manifest names (its token's roles; the directory role, read through
 * Graph). Needs only the server's card, not its tools. Resolves to the exit code: 1 when a Graph
 * permission is missing; a service beyond Graph is optional, so what it lacks is only a warning.
 *
 * Signed in as a user (M365_MCP_SIGN_IN=device-code or azure-cli), it reports that user instead:
 * their directory roles, the token's delegated scopes and, per permission, the scope or role that
 * is missing; 1 when any permission cannot work on the user's behalf. With on-behalf-of, it checks
 * that the server app signs in (its credential makes the exchange) and prints what delegated mode
 * needs: each caller's own roles are checked by Graph at each call.
 */
export async function check(
  definition: ServerCard,
  options: { writes: boolean; demo: boolean; managedIdentity: boolean },
  env: Record<string, string | undefined>,
  stdout: (text: string) => void,
): Promise<number> {
  const tenant = await connectTenant({ ...options, manifest: definition.permissions, env });
  try {
    const { credential, cloud, graph, signIn } = tenant.connection;
    if (signIn === 'on-behalf-of') {
      const token = await credential.getToken(cloud.graphScope).catch((error: unknown) => {
        throw toGraphError(error, { method: 'POST', path: 'token endpoint' });
      });
      const { appId, tenantId } = decodeTokenRoles(token?.token ?? '');
      stdout(
        `On-behalf-of: the server app ${appId ?? '(unnamed)'} signs in to tenant ${tenantId ?? '(unknown)'}, so it can exchange its callers' tokens.\n${formatDelegatedPermissions(
          definition.permissions,
          { writes: options.writes },
        )}`,
      );
      return 0;
    }
    if (isUserSignIn(signIn)) {
      const report = await checkDelegated(credential, definition.permissions, {
        writes: options.writes,
        cloud,
        graph,
      });
      stdout(formatDelegatedCheck(report));
      return report.ok ? 0 : 1;
    }
    const report = await checkPermissions(credential, definition.permissions, {
      writes: options.writes,
      cloud,
      graph,
    });
    const text = formatPermissionCheck(report);
    stdout(text.endsWith('\n') ? text : `${text}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await tenant.close();
  }
}
