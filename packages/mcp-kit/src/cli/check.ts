import { checkPermissions, formatPermissionCheck } from '@m365-mcp/auth';
import type { ServerCard } from '../server/server-card.js';
import { connectTenant } from './connect-tenant.js';

/**
 * `check`: sign in, read the token's roles and compare them with the manifest. Needs only the
 * server's card, not its tools. Resolves to the exit code.
 */
export async function check(
  definition: ServerCard,
  options: { writes: boolean; demo: boolean; managedIdentity: boolean },
  env: Record<string, string | undefined>,
  stdout: (text: string) => void,
): Promise<number> {
  const tenant = await connectTenant({ ...options, manifest: definition.permissions, env });
  try {
    const { credential, cloud } = tenant.connection;
    const report = await checkPermissions(credential, definition.permissions, {
      writes: options.writes,
      cloud,
    });
    const text = formatPermissionCheck(report);
    stdout(text.endsWith('\n') ? text : `${text}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await tenant.close();
  }
}
