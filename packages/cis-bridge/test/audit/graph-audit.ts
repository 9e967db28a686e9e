import { createGraphClient, type GraphClient, resolveCloud } from '@m365-mcp/graph-core';
import { type GraphSim, startGraphSim, type Tenant } from '@m365-mcp/graph-sim';
import { resources } from '../../src/index.js';

// A Graph audit against graph-sim through the real Graph client: the app is granted every read
// permission the catalogue's resources name (minus any a test leaves out), and the token is the
// simulator's, as with a given bearer token.

export const catalogueRoles = [
  ...new Set([...Object.values(resources).map((r) => r.permission), 'GroupMember.Read.All', 'User.Read.All']),
];

export interface AuditWorld {
  sim: GraphSim;
  graph: GraphClient;
  close(): Promise<void>;
}

export async function startAuditWorld(
  options: { tenant?: Tenant; without?: readonly string[] } = {},
): Promise<AuditWorld> {
  const sim = await startGraphSim(options.tenant ? { tenant: options.tenant } : {});
  const roles = catalogueRoles.filter((r) => !(options.without ?? []).includes(r));
  const app = sim.registerApp({ roles });
  const graph = createGraphClient({
    credential: {
      getToken: async () => ({
        token: sim.issueToken({ clientId: app.clientId, roles }),
        expiresOnTimestamp: Date.now() + 3_600_000,
      }),
    },
    cloud: resolveCloud({ AZURE_AUTHORITY_HOST: sim.url, M365_GRAPH_URL: sim.url }),
    ca: sim.ca,
  });
  return {
    sim,
    graph,
    async close() {
      await graph.close();
      await sim.close();
    },
  };
}
