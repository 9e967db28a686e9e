import { delegatedRequirements, type PermissionManifest } from '@m365-mcp/auth';
import { type DemoTenant, startDemoTenant } from './demo-tenant.js';
import { type GraphConnection, graphFromEnvironment } from './graph-from-environment.js';

/** The tenant a command works on, and how to let it go (Graph first, then the demo simulator). */
export interface TenantConnection {
  connection: GraphConnection;
  /** Set with --demo: the simulator the connection talks to. */
  demo: DemoTenant | undefined;
  close(): Promise<void>;
}

/**
 * With --demo, a demo tenant holding the manifest's permissions and a connection to it; otherwise a
 * connection to the tenant the environment names.
 */
export async function connectTenant(options: {
  demo: boolean;
  manifest: PermissionManifest;
  writes: boolean;
  env: Record<string, string | undefined>;
  managedIdentity: boolean;
}): Promise<TenantConnection> {
  const demo = options.demo
    ? await startDemoTenant({ manifest: options.manifest, writes: options.writes })
    : undefined;
  try {
    const connection = demo
      ? await graphFromEnvironment(demo.env, { ca: demo.sim.ca })
      : await graphFromEnvironment(options.env, {
          managedIdentity: options.managedIdentity,
          delegatedScopes: delegatedScopesOf(options.manifest, options.writes),
        });
    return {
      connection,
      demo,
      async close() {
        try {
          await Promise.all([connection.graph.close(), connection.admin.close()]);
        } finally {
          await demo?.close();
        }
      },
    };
  } catch (error) {
    await demo?.close();
    throw error;
  }
}

/**
 * What a user sign-in asks for: the delegated form of each permission the server needs in this
 * mode, and `User.Read` (the signed-in user's own profile and directory roles, for `check`).
 */
export function delegatedScopesOf(manifest: PermissionManifest, writes: boolean): string[] {
  const scopes = delegatedRequirements(manifest, { writes }).flatMap((entry) =>
    entry.scope === undefined ? [] : [entry.scope],
  );
  return [...new Set(['User.Read', ...scopes])];
}
