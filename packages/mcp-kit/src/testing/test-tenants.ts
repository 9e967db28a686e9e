// A portfolio for tests: one graph-sim hosting Contoso and generated tenants, one multi-tenant app
// (the MSP model) holding a server's roles and admin-consented in every tenant, and the registry and
// environment that sign a server in to each. Hand `tenants` and `sim` to startTestServer.
import type { PermissionManifest, TenantRegistry } from '@m365-mcp/auth';
import type { GraphSim } from '@m365-mcp/graph-sim';
import { loadGraphSim, rolesFor, simulatorUrls } from '../cli/demo-tenant.js';
import type { TestTenants } from './start-test-server.js';

/** The variable the registry's sign-in names for the app's client secret. */
export const testTenantsSecretVariable = 'M365_TEST_TENANTS_SECRET';

export interface PortfolioSim {
  sim: GraphSim;
  /** The registry (Contoso as `contoso`, then the generated tenants by name) and its environment. */
  tenants: TestTenants;
  /** The multi-tenant app's client id (for sim.consent / sim.revokeConsent). */
  clientId: string;
  close(): Promise<void>;
}

/**
 * Starts graph-sim with Contoso and one generated tenant per name (seeded by its position), and
 * consents an app holding the manifest's Graph roles (its write roles too with `writes`) in all of
 * them. The app signs in with a client secret: the admin APIs beyond Graph are not granted.
 */
export async function startPortfolioSim(
  manifest: PermissionManifest,
  options: { names?: readonly string[]; writes?: boolean } = {},
): Promise<PortfolioSim> {
  const { generateTenant, startGraphSim } = await loadGraphSim(manifest.server);
  const names = options.names ?? ['fabrikam'];
  const generated = names.map((name, index) => generateTenant({ seed: index + 1, name }));
  const sim = await startGraphSim({ tenants: generated });
  try {
    const app = sim.registerApp({
      displayName: `${manifest.server} (multi-tenant test app)`,
      roles: rolesFor(manifest, options.writes ?? false),
    });
    for (const tenant of generated) sim.consent(tenant.id, app.clientId);
    const registry: TenantRegistry = {
      source: 'test tenants registry',
      signIn: { clientId: app.clientId, secretEnv: testTenantsSecretVariable },
      tenants: [
        { name: 'contoso', tenantId: sim.tenantId, displayName: sim.tenant.displayName },
        ...generated.map((tenant, index) => ({
          name: names[index] ?? tenant.id,
          tenantId: tenant.id,
          displayName: tenant.displayName,
        })),
      ],
    };
    return {
      sim,
      tenants: {
        registry,
        env: { ...simulatorUrls(sim), [testTenantsSecretVariable]: app.secret ?? '' },
      },
      clientId: app.clientId,
      close: () => sim.close(),
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}
