// Benchmark of one full compliance audit (`pnpm bench`): run_security_audit over every control of
// the catalogue on graph-sim's demo tenant, through the BUILT compliance server (its bin, spawned
// over stdio, signed in with its own app as against a real tenant) and a real MCP client, twice:
// with an app granted Microsoft Graph only, then with every admin API beyond Graph as well
// (Exchange Online, Security & Compliance, Teams, Fabric, SharePoint admin). The simulator's DNS
// server answers the SPF/DKIM/DMARC questions, as in `--demo`.
// Prints, per run: requests in all and per resource (a Graph path, or an admin API's service and
// cmdlet or path, from graph-sim's request log), any resource read more than once (the goal is
// none), token requests, DNS questions and wall time; then the full run against the Graph-only one.
// It prints; it asserts nothing (timings vary with the machine).
//
// The bin, not the library in this process: the library bundle carries its own copy of graph-core,
// so errors raised by mcp-kit's copy (the admin API client) would not be recognised as refusals.
//
//   pnpm bench     (all benchmarks)   or, after a build:   node bench/audit-bench.ts
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_SERVICES, type AdminService } from '@m365-mcp/graph-core';
import { type RequestLogEntry, startGraphSim } from '@m365-mcp/graph-sim';
import { complianceServer } from '@m365-mcp/m365-compliance';
import { startTestServer } from '@m365-mcp/mcp-kit/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'm365-compliance.js');

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

/** The server's environment: the app startTestServer registered (and its grants), and scratch files. */
async function serverEnvironment(
  appEnv: Record<string, string>,
  ca: string,
  dnsServer: string,
  dir: string,
): Promise<Record<string, string>> {
  const caFile = join(dir, 'graph-sim-ca.pem');
  await writeFile(caFile, ca);
  const keyFile = join(dir, 'audit.key');
  await writeFile(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const configFile = join(dir, 'config.json');
  await writeFile(
    configFile,
    JSON.stringify({ settings: { databasePath: join(dir, 'runs.db'), dnsServers: [dnsServer] } }),
  );
  return {
    ...getDefaultEnvironment(),
    ...appEnv,
    NODE_EXTRA_CA_CERTS: caFile,
    M365_MCP_CONFIG: configFile,
    M365_AUDIT_LOG: join(dir, 'audit.jsonl'),
    M365_AUDIT_KEY_FILE: keyFile,
  };
}

async function measure(name: string, services: AdminService[]): Promise<RunMeasure> {
  const sim = await startGraphSim();
  const dir = await mkdtemp(join(tmpdir(), 'compliance-bench-'));
  // Registers the app with the manifest's Graph roles and the granted services' roles, exactly as
  // the tests do; the spawned server signs in as that app.
  const registered = await startTestServer(complianceServer, { sim, services });
  const client = new Client({ name: 'compliance-bench', version: '0.0.0' });
  try {
    const env = await serverEnvironment(registered.env, sim.ca, sim.dns.address, dir);
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [BIN], env, stderr: 'ignore' }),
    );
    sim.requests.clear();
    const dnsBefore = sim.dns.queries.length;
    const started = performance.now();
    const result = CallToolResultSchema.parse(
      await client.callTool({ name: 'run_security_audit', arguments: { limit: 1 } }, CallToolResultSchema, {
        timeout: 600_000,
        resetTimeoutOnProgress: true,
      }),
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
    await client.close();
    await registered.close();
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

const graphOnly = await measure('Graph only (no admin API granted)', []);
const full = await measure('Graph and every admin API', [...ADMIN_SERVICES]);
const lines = ['m365-compliance audit benchmark: run_security_audit over every control, demo tenant', ''];
for (const m of [graphOnly, full]) lines.push(...print(m), '');
const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);
const evaluated = (m: RunMeasure) =>
  (m.byStatus.pass ?? 0) + (m.byStatus.fail ?? 0) + (m.byStatus.warning ?? 0);
lines.push(
  `full / Graph only: requests ${fmt(full.requests)} / ${fmt(graphOnly.requests)} = ${ratio(full.requests, graphOnly.requests)}, ` +
    `wall time ${fmt(full.wallSeconds, 2)} s / ${fmt(graphOnly.wallSeconds, 2)} s = ${ratio(full.wallSeconds, graphOnly.wallSeconds)}, ` +
    `controls with a verdict ${fmt(evaluated(full))} / ${fmt(evaluated(graphOnly))}`,
);
process.stdout.write(`${lines.join('\n')}\n`);
