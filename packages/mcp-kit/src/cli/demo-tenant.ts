import type { PermissionManifest } from '@m365-mcp/auth';
import { permissionsFor } from '@m365-mcp/auth';
import type { GraphSim, Tenant } from '@m365-mcp/graph-sim';

export interface DemoTenant {
  sim: GraphSim;
  /** Environment variables that point a server at the simulator as an app holding `roles`. */
  env: Record<string, string>;
  roles: string[];
}

/** The application permissions a server holds: its read set, plus its write set when writes are on. */
export function rolesFor(manifest: PermissionManifest, writes: boolean): string[] {
  return permissionsFor(manifest, { writes }).map((p) => p.permission);
}

/**
 * Starts graph-sim and registers an app holding exactly `roles` (by default the manifest's), so
 * the simulator refuses any call the server did not declare.
 */
export async function startDemoTenant(options: {
  manifest: PermissionManifest;
  writes: boolean;
  roles?: string[];
  /** The demo tenant (Contoso) by default. */
  tenant?: Tenant;
}): Promise<DemoTenant> {
  const { startGraphSim } = await loadGraphSim(options.manifest.server);
  const sim = await startGraphSim(options.tenant === undefined ? {} : { tenant: options.tenant });
  const roles = options.roles ?? rolesFor(options.manifest, options.writes);
  try {
    return registerSimApp(sim, `${options.manifest.server} (demo)`, roles);
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/**
 * The simulator is a package of its own that a server neither installs nor loads unless the demo
 * is asked for (it and its certificate libraries would cost every plain start time and space), so
 * a missing one is named, with the command that brings it.
 */
export async function loadGraphSim(server: string): Promise<typeof import('@m365-mcp/graph-sim')> {
  try {
    return await import('@m365-mcp/graph-sim');
  } catch (error) {
    if (!isMissingPackage(error, '@m365-mcp/graph-sim')) throw error;
    throw new DemoUnavailableError(
      `the demo tenant needs the simulator package @m365-mcp/graph-sim, which is not installed beside ${server}. ` +
        `Install it next to the server (npm install @m365-mcp/graph-sim) or run both with npx: ` +
        `npx -y -p @m365-mcp/graph-sim -p @m365-mcp/${server} ${server} --demo`,
    );
  }
}

function isMissingPackage(error: unknown, name: string): boolean {
  return (
    error instanceof Error &&
    (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' &&
    error.message.includes(`'${name}'`)
  );
}

/** --demo was asked for where the simulator is not installed. */
export class DemoUnavailableError extends Error {
  override name = 'DemoUnavailableError';
}

/**
 * Registers an app holding exactly `roles` on a running simulator and returns the environment that
 * signs a server in to it as that app (client secret, authority and Graph URL of the simulator).
 */
export function registerSimApp(sim: GraphSim, displayName: string, roles: string[]): DemoTenant {
  const app = sim.registerApp({ displayName, roles });
  if (!app.secret) throw new Error(`graph-sim registered the app "${displayName}" without a secret`);
  return {
    sim,
    roles,
    env: {
      AZURE_TENANT_ID: sim.tenantId,
      AZURE_CLIENT_ID: app.clientId,
      AZURE_CLIENT_SECRET: app.secret,
      AZURE_AUTHORITY_HOST: sim.url,
      M365_GRAPH_URL: sim.url,
    },
  };
}
