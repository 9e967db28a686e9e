// The portfolio demo: one graph-sim hosting `count` generated tenants (each its own seed, so their
// planted gaps and statuses differ), one multi-tenant app registered in the first and admin-
// consented in the others (the usual MSP set-up), and a registry naming them written to a scratch
// folder and read back as --tenants reads one. The app holds the union of what the servers declare
// (`<server> permissions --json`): one app signs in for every server, as the registry's one sign-in
// does for real tenants.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadTenantRegistry,
  type ServiceRequirement,
  type TenantEntry,
  type TenantRegistry,
} from '@m365-mcp/auth';
import type { GraphSim } from '@m365-mcp/graph-sim';
import { type DemoTenant, loadGraphSim, registerSimApp } from '@m365-mcp/mcp-kit/demo';
import { createDemoScratch, declaredPermissions } from '../demo.js';
import { discoverServers, type ServerCommand } from '../servers.js';

export const DEFAULT_DEMO_TENANTS = 3;
export const MAX_DEMO_TENANTS = 50;

export interface DemoPortfolio {
  sim: GraphSim;
  /** The registry as written to `registryFile`, read back. */
  registry: TenantRegistry;
  registryFile: string;
  /** The multi-tenant app's client id (what `sim.revokeConsent` takes). */
  clientId: string;
  /** What a server needs beyond the registry's sign-in: the simulator's URLs and CA, audit files. */
  extraEnv(server: string, tenant: TenantEntry): Record<string, string>;
  close(): Promise<void>;
}

/** Every server's declared reads and admin API needs, without repeats. */
function unionOfPermissions(servers: readonly ServerCommand[]): {
  read: string[];
  services: ServiceRequirement[];
} {
  const read = new Set<string>();
  const services = new Map<string, ServiceRequirement>();
  for (const server of servers) {
    const declared = declaredPermissions(server);
    for (const permission of declared.read) read.add(permission);
    for (const service of declared.services) {
      services.set(
        `${service.service}|${service.resourceAppId}|${service.appRole?.permission ?? ''}`,
        service,
      );
    }
  }
  return { read: [...read], services: [...services.values()] };
}

export async function startDemoPortfolio(options: {
  count?: number;
  servers?: readonly ServerCommand[];
}): Promise<DemoPortfolio> {
  const count = options.count ?? DEFAULT_DEMO_TENANTS;
  if (!Number.isInteger(count) || count < 1 || count > MAX_DEMO_TENANTS) {
    throw new Error(`--demo-portfolio takes a number of tenants from 1 to ${MAX_DEMO_TENANTS}, got ${count}`);
  }
  const { startGraphSim, generateTenant } = await loadGraphSim('m365-posture');
  const generated = Array.from({ length: count }, (_, i) =>
    generateTenant({ seed: i + 1, name: `demo-tenant-${i + 1}` }),
  );
  const [home, ...others] = generated;
  const sim = await startGraphSim({ ...(home ? { tenant: home } : {}), tenants: others });
  const scratch = createDemoScratch(sim);
  const folder = mkdtempSync(join(tmpdir(), 'm365-posture-portfolio-'));
  let app: DemoTenant | undefined;
  const close = async () => {
    await app?.release();
    await sim.close();
    scratch.remove();
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const { read, services } = unionOfPermissions(options.servers ?? discoverServers());
    app = await registerSimApp(sim, 'm365-posture portfolio (demo)', read, services);
    for (const tenantId of sim.tenantIds.slice(1)) sim.consent(tenantId, app.env.AZURE_CLIENT_ID ?? '');
    const clientId = app.env.AZURE_CLIENT_ID ?? '';
    const certificateFile = app.env.AZURE_CLIENT_CERTIFICATE_PATH;
    const secret = app.env.AZURE_CLIENT_SECRET;
    // A registry names where a secret is, never the secret: a file in the scratch folder.
    const secretFile = join(folder, 'demo-app.secret');
    if (secret !== undefined) writeFileSync(secretFile, secret, { mode: 0o600 });
    const registryFile = join(folder, 'tenants.json');
    writeFileSync(
      registryFile,
      `${JSON.stringify(
        {
          signIn: { clientId, ...(certificateFile !== undefined ? { certificateFile } : { secretFile }) },
          tenants: generated.map((tenant, i) => ({
            name: `demo-${i + 1}`,
            tenantId: tenant.id,
            displayName: tenant.displayName,
          })),
        },
        null,
        2,
      )}\n`,
    );
    const registry = await loadTenantRegistry(registryFile);
    // Sign-in, Graph and every admin API at the simulator, never Microsoft's hosts.
    const {
      AZURE_TENANT_ID: _t,
      AZURE_CLIENT_ID: _c,
      AZURE_CLIENT_SECRET: _s,
      AZURE_CLIENT_CERTIFICATE_PATH: _p,
      ...urls
    } = app.env;
    return {
      sim,
      registry,
      registryFile,
      clientId,
      extraEnv: (server, tenant) => ({ ...urls, ...scratch.serverEnv(server, tenant.name) }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
