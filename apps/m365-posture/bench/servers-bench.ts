// Benchmark of the four servers as an MCP client meets them (`pnpm bench`): each BUILT server is
// started over stdio against graph-sim's demo tenant with its own least-privileged app, as in the
// demo. Prints, from one run and per server: start-up time (spawn to initialize answered), resident
// memory (idle and peak), the size of tools/list, and for every read tool that needs no input, the
// size of its answer against the raw Graph JSON the server read to make it.
// First, the plain-mode figures of issue 13 beside their goals (see plain-mode.ts).
//
//   pnpm bench     (all benchmarks)   or, after a build:   node bench/servers-bench.ts [--json] [--runs N]
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RequestLogEntry } from '@m365-mcp/graph-sim';
import {
  assessmentMetaKey as ASSESSMENT_META_KEY,
  type DemoEnvironment,
  discoverServers,
  type ServerCommand,
  startDemoEnvironment,
} from '@m365-mcp/m365-posture';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { measurePlainMode, type PlainModeMeasure, printPlainMode } from './plain-mode.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    // Spawns per plain-mode timing (the issue's figures are medians of 10).
    runs: { type: 'string', default: '10' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs expects a whole number >= 1, got "${values.runs}"`);

interface ToolMeasure {
  tool: string;
  /** The tool answered with an error (e.g. it needs an argument after all): not compared. */
  error: boolean;
  outputBytes: number;
  graphBytes: number;
  graphRequests: number;
}

interface ServerMeasure {
  server: string;
  startMs: number;
  idleRssMiB: number;
  peakRssMiB: number;
  tools: number;
  toolsListBytes: number;
  calls: ToolMeasure[];
}

/** Resident and peak resident memory of a live process, in MiB (Linux /proc). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Graph bytes that crossed the wire for one app: top-level responses only ($batch counted once). */
function graphTraffic(entries: readonly RequestLogEntry[], clientId: string) {
  const mine = entries.filter((e) => e.side === 'graph' && e.clientId === clientId && e.batch === undefined);
  return { bytes: mine.reduce((sum, e) => sum + e.responseBytes, 0), requests: mine.length };
}

async function measure(server: ServerCommand, demo: DemoEnvironment, home: string) {
  // The demo's own set-up: an app holding exactly the server's declared read permissions.
  const env = await demo.envFor(server);
  const clientId = env.AZURE_CLIENT_ID ?? '';
  const sim = demo.sim;
  const transport = new StdioClientTransport({
    command: server.command,
    args: server.args,
    stderr: 'ignore',
    env: { PATH: process.env.PATH ?? '', HOME: home, ...env },
  });
  const client = new Client({ name: 'servers-bench', version: '0.0.0' });
  const started = performance.now();
  await client.connect(transport);
  const startMs = performance.now() - started;
  const pid = transport.pid;
  if (pid === null) throw new Error(`${server.name} has no pid`);
  const idle = memoryOf(pid);
  try {
    const { tools } = await client.listTools();
    const calls: ToolMeasure[] = [];
    // Read tools that need no input, and the assessment tool (which stores a run, so is not read-only).
    const runnable = tools.filter(
      (t) =>
        (t.annotations?.readOnlyHint === true || t._meta?.[ASSESSMENT_META_KEY] === true) &&
        (t.inputSchema.required ?? []).length === 0,
    );
    for (const tool of runnable) {
      const before = sim.requests.all().length;
      const result = await client.callTool({ name: tool.name, arguments: {} });
      const traffic = graphTraffic(sim.requests.all().slice(before), clientId);
      calls.push({
        tool: tool.name,
        error: result.isError === true,
        outputBytes: Buffer.byteLength(JSON.stringify(result)),
        graphBytes: traffic.bytes,
        graphRequests: traffic.requests,
      });
    }
    const peak = memoryOf(pid);
    return {
      server: server.name,
      startMs,
      idleRssMiB: idle.rss,
      peakRssMiB: peak.peak,
      tools: tools.length,
      toolsListBytes: Buffer.byteLength(JSON.stringify({ tools })),
      calls,
    } satisfies ServerMeasure;
  } finally {
    await client.close();
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const ratio = (output: number, graph: number) =>
  graph === 0 ? 'no Graph read' : `${fmt(output / graph, 2)}x`;

function print(results: ServerMeasure[]): void {
  console.log('Servers as an MCP client meets them (built bins over stdio, graph-sim demo tenant)\n');
  console.log('server            start-up  idle RSS  peak RSS  tools  tools/list bytes (~tokens, bytes/4)');
  for (const r of results)
    console.log(
      `${r.server.padEnd(17)} ${`${fmt(r.startMs)} ms`.padStart(8)}  ${`${fmt(r.idleRssMiB)} MiB`.padStart(8)}  ${`${fmt(r.peakRssMiB)} MiB`.padStart(8)}  ${String(r.tools).padStart(5)}  ${fmt(r.toolsListBytes)} (~${fmt(r.toolsListBytes / 4)})`,
    );
  console.log('\nTool answers against the raw Graph JSON they were made from (read tools with no input):\n');
  console.log(
    'server            tool                            answer bytes  Graph bytes (requests)  answer/Graph',
  );
  let output = 0;
  let graph = 0;
  for (const r of results)
    for (const c of r.calls) {
      if (c.error) {
        console.log(
          `${r.server.padEnd(17)} ${c.tool.padEnd(31)} answered an error with no input: not compared`,
        );
        continue;
      }
      output += c.outputBytes;
      graph += c.graphBytes;
      console.log(
        `${r.server.padEnd(17)} ${c.tool.padEnd(31)} ${fmt(c.outputBytes).padStart(12)}  ${`${fmt(c.graphBytes)} (${c.graphRequests})`.padStart(22)}  ${ratio(c.outputBytes, c.graphBytes).padStart(12)}`,
      );
    }
  console.log(
    `\nAll answers: ${fmt(output)} bytes for ${fmt(graph)} bytes of Graph JSON (${ratio(output, graph)}).`,
  );
}

const servers = discoverServers();
if (servers.length === 0) throw new Error('No built server found: run `pnpm run build` first.');
// The load matters on a shared machine: timings are only comparable at a similar load.
const load = loadavg()
  .map((n) => n.toFixed(2))
  .join(', ');
const home = await mkdtemp(join(tmpdir(), 'servers-bench-'));
// Plain mode first, before the demo environment (a simulator in this process) competes for the CPU.
const plain: PlainModeMeasure[] = [];
try {
  for (const server of servers) plain.push(await measurePlainMode(server, home, runs));
} catch (error) {
  await rm(home, { recursive: true, force: true });
  throw error;
}
const demo = await startDemoEnvironment();
try {
  const results: ServerMeasure[] = [];
  for (const server of servers) results.push(await measure(server, demo, home));
  if (values.json) console.log(JSON.stringify({ load, plain, demo: results }, null, 2));
  else {
    console.log(`Load average at start (1, 5, 15 min): ${load}\n`);
    printPlainMode(plain, runs);
    print(results);
  }
} finally {
  await demo.close();
  await rm(home, { recursive: true, force: true });
}
