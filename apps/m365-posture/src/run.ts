// One posture run: pick the servers, point them at the tenant (or at the demo simulator), assess
// each in turn, and build the report.
import { assessServer, type ServerOutcome } from './assess.js';
import { startDemoEnvironment } from './demo.js';
import { buildReport, type PostureReport } from './report.js';
import { discoverServers, KNOWN_SERVERS, type ServerCommand } from './servers.js';

export interface PostureOptions {
  demo: boolean;
  /** Servers to run; default: the known servers that are present and built. */
  servers?: ServerCommand[];
  onProgress?: (server: string, message: string) => void;
}

export interface PostureRun {
  report: PostureReport;
  outcomes: ServerOutcome[];
}

export async function runPosture(options: PostureOptions): Promise<PostureRun> {
  const servers = options.servers ?? discoverServers();
  const present = new Set(servers.map((s) => s.name));
  const missingServers = options.servers ? [] : KNOWN_SERVERS.filter((name) => !present.has(name));
  const demo = options.demo ? await startDemoEnvironment() : undefined;
  try {
    const outcomes: ServerOutcome[] = [];
    for (const server of servers) {
      options.onProgress?.(server.name, 'starting');
      let env: Record<string, string> = {};
      try {
        env = demo ? demo.envFor(server) : {};
      } catch (error) {
        outcomes.push({ server: server.name, state: 'failed', error: (error as Error).message });
        continue;
      }
      const outcome = await assessServer(server, {
        env,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      outcomes.push(outcome);
      options.onProgress?.(server.name, outcome.state);
    }
    const tenant = demo
      ? `${demo.sim.tenant.displayName} (demo tenant ${demo.sim.tenantId}, simulated by graph-sim)`
      : (process.env.AZURE_TENANT_ID ?? 'the configured tenant');
    return { report: buildReport({ tenant, outcomes, missingServers }), outcomes };
  } finally {
    await demo?.close();
  }
}
