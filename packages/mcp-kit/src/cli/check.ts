import { checkPermissions, formatPermissionCheck } from '@m365-mcp/auth';
import type { ServerCard } from '../server/server-card.js';
import { startDemoTenant } from './demo-tenant.js';
import { graphFromEnvironment } from './graph-from-environment.js';

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
  const demo = options.demo
    ? await startDemoTenant({ manifest: definition.permissions, writes: options.writes })
    : undefined;
  try {
    const connection = demo
      ? await graphFromEnvironment(demo.env, { ca: demo.sim.ca })
      : await graphFromEnvironment(env, { managedIdentity: options.managedIdentity });
    const report = await checkPermissions(connection.credential, definition.permissions, {
      writes: options.writes,
      cloud: connection.cloud,
    });
    await connection.graph.close();
    const text = formatPermissionCheck(report);
    stdout(text.endsWith('\n') ? text : `${text}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await demo?.sim.close();
  }
}
