import { resolveCloud } from '@m365-mcp/graph-core';
import { startGraphSim } from '@m365-mcp/graph-sim';

export type Sim = Awaited<ReturnType<typeof startGraphSim>>;

export async function startSim(): Promise<{ sim: Sim; cloud: ReturnType<typeof resolveCloud> }> {
  const sim = await startGraphSim();
  // The simulator is both the authority and Graph, as a private endpoint would be.
  const cloud = resolveCloud({ AZURE_AUTHORITY_HOST: sim.url, M365_GRAPH_URL: sim.url });
  return { sim, cloud };
}
