// Benchmark of one full compliance audit (`pnpm bench`): run_security_audit over every control of
// the catalogue, on graph-sim's demo tenant, through the real compliance server and a real MCP
// client, as `--demo` runs it (the simulator's DNS server answers the SPF/DKIM/DMARC questions).
// Prints, per run: requests in all and per resource (a Graph path, or an admin API's service and
// cmdlet or path, from graph-sim's request log), any resource read more than once (the goal is
// none), token requests, DNS questions and wall time; then the full run against the Graph-only one.
// It prints; it asserts nothing (timings vary with the machine).
//
//   pnpm bench     (all benchmarks)   or, after a build:   node bench/audit-bench.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RequestLogEntry, startGraphSim } from '@m365-mcp/graph-sim';
import { complianceServer } from '@m365-mcp/m365-compliance';
import { startTestServer } from '@m365-mcp/mcp-kit/testing';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

/** Query parameters that ask for a further page of a resource already read, not a new read. */
const PAGING = new Set(['$skiptoken', '$skip', '$deltatoken', 'continuationToken', 'token']);

/** The resource a request read: a Graph path, or an admin API's service with its cmdlet or path. */
function resourceOf(e: RequestLogEntry): string {
  const cmdlet = (e as { cmdlet?: string }).cmdlet;
  if (e.side === 'graph') return `graph ${e.method} ${e.version} ${e.path}`;
  if (cmdlet) return `${e.side} ${cmdlet}`;
  return `${e.side} ${e.method} ${e.path}`;
}

const isNextPage = (e: RequestLogEntry) => Object.keys(e.query).some((k) => PAGING.has(k));

interface RunMeasure {
  name: string;
  wallSeconds: number;
  requests: number;
  tokenRequests: number;
  batches: number;
  throttled: number;
  dnsQuestions: number;
  dnsDistinct: number;
  /** Per resource: every request (pages and retries included), and reads (first pages answered). */
  resources: Map<string, { requests: number; reads: number }>;
  controls: number;
  byStatus: Record<string, number>;
  isError: boolean;
}

async function measure(name: string): Promise<RunMeasure> {
  const sim = await startGraphSim();
  const dir = await mkdtemp(join(tmpdir(), 'compliance-bench-'));
  const server = await startTestServer(complianceServer, {
    sim,
    config: { settings: { databasePath: join(dir, 'runs.db'), dnsServers: [sim.dns.address] } },
  });
  try {
    sim.requests.clear();
    const dnsBefore = sim.dns.queries.length;
    const started = performance.now();
    const result = CallToolResultSchema.parse(
      await server.client.callTool(
        { name: 'run_security_audit', arguments: { limit: 1 } },
        CallToolResultSchema,
        {
          timeout: 600_000,
          resetTimeoutOnProgress: true,
        },
      ),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const log = sim.requests.all();
    // $batch members are counted one by one, as the services charge them; the envelope is not a read.
    const operations = log.filter((e) => e.side !== 'entra' && !(e.side === 'graph' && e.path === '/$batch'));
    const resources = new Map<string, { requests: number; reads: number }>();
    for (const e of operations) {
      const key = resourceOf(e);
      const entry = resources.get(key) ?? { requests: 0, reads: 0 };
      entry.requests++;
      if (!isNextPage(e) && e.status >= 200 && e.status < 300) entry.reads++;
      resources.set(key, entry);
    }
    const questions = sim.dns.queries.slice(dnsBefore);
    const summary = (
      result.structuredContent as { summary?: { controls: number; byStatus: Record<string, number> } }
    )?.summary;
    return {
      name,
      wallSeconds,
      requests: operations.length,
      tokenRequests: log.filter((e) => e.side === 'entra' && e.method === 'POST').length,
      batches: log.filter((e) => e.side === 'graph' && e.path === '/$batch').length,
      throttled: operations.filter((e) => e.status === 429).length,
      dnsQuestions: questions.length,
      dnsDistinct: new Set(questions).size,
      resources,
      controls: summary?.controls ?? 0,
      byStatus: summary?.byStatus ?? {},
      isError: result.isError ?? false,
    };
  } finally {
    await server.close();
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

function print(m: RunMeasure): string[] {
  const statuses = Object.entries(m.byStatus)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const rows = [...m.resources.entries()].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...rows.map(([k]) => k.length), 8);
  const reread = rows.filter(([, r]) => r.reads > 1);
  return [
    `${m.name}: ${fmt(m.controls)} controls (${statuses})${m.isError ? ', the audit answered an ERROR' : ''}`,
    `  ${fmt(m.requests)} requests to ${fmt(m.resources.size)} resources (${fmt(m.batches)} $batch envelopes not counted, ${fmt(m.throttled)} throttled), ${fmt(m.tokenRequests)} token requests, ${fmt(m.dnsQuestions)} DNS questions (${fmt(m.dnsDistinct)} distinct), wall time ${fmt(m.wallSeconds, 2)} s`,
    `  ${'resource'.padEnd(width)}  requests  reads`,
    ...rows.map(
      ([k, r]) => `  ${k.padEnd(width)}  ${String(r.requests).padStart(8)}  ${String(r.reads).padStart(5)}`,
    ),
    reread.length
      ? `  read more than once: ${reread.map(([k, r]) => `${k} (${r.reads}x)`).join('; ')}`
      : '  read more than once: none',
  ];
}

const runs: RunMeasure[] = [await measure('Graph only (no admin API granted)')];
const lines = ['m365-compliance audit benchmark: run_security_audit over every control, demo tenant', ''];
for (const m of runs) lines.push(...print(m), '');
process.stdout.write(`${lines.join('\n')}\n`);
