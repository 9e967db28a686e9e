// One posture run: pick the servers, point them at the tenant (or at the demo simulator), assess
// each in turn, and build the report.
import type { ServerOutcome } from './assess.js';
import { assessServers } from './assess-servers.js';
import { startDemoEnvironment } from './demo.js';
import { describeProgressEvent, type ProgressEvent } from './progress-events.js';
import { buildReport, type PostureReport } from './report.js';
import { environmentFor } from './server-env.js';
import { discoverServers, KNOWN_SERVERS, type ServerCommand } from './servers.js';

export interface PostureOptions {
  demo: boolean;
  /** Servers to run; default: the known servers that are present and built. */
  servers?: ServerCommand[];
  /**
   * Called on every change of a server's state: `message` is the change in a few words (what the
   * plain progress lines print), `event` the same as data (what the live display draws).
   */
  onProgress?: (server: string, message: string, event: ProgressEvent) => void;
  /** The environment the servers are started from; `process.env` by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface PostureRun {
  report: PostureReport;
  outcomes: ServerOutcome[];
}

export async function runPosture(options: PostureOptions): Promise<PostureRun> {
  const emit = (event: ProgressEvent) =>
    options.onProgress?.(event.server, describeProgressEvent(event), event);
  const callerEnv = options.env ?? process.env;
  const servers = options.servers ?? discoverServers();
  const present = new Set(servers.map((s) => s.name));
  const missingServers = options.servers ? [] : KNOWN_SERVERS.filter((name) => !present.has(name));
  // Announced up front so a live display can show the whole run, not just the servers seen so far.
  for (const server of servers) emit({ server: server.name, phase: 'queued' });
  const demo = options.demo ? await startDemoEnvironment() : undefined;
  try {
    const outcomes = await assessServers(servers, {
      emit,
      envFor: async (server) => ({
        ...environmentFor(server.name, callerEnv, [...present]),
        ...(demo ? await demo.envFor(server) : {}),
      }),
    });
    const tenant = demo
      ? `${demo.sim.tenant.displayName} (demo tenant ${demo.sim.tenantId}, simulated by graph-sim)`
      : (callerEnv.AZURE_TENANT_ID ?? 'the configured tenant');
    return { report: buildReport({ tenant, outcomes, missingServers }), outcomes };
  } finally {
    await demo?.close();
  }
}
