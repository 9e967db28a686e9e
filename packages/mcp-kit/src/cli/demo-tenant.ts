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
  // Loaded only for --demo: the simulator (with selfsigned and pkijs) costs a plain start ~170 ms.
  const { startGraphSim } = await import('@m365-mcp/graph-sim');
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
