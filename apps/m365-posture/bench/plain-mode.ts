// Plain-mode measures for the benchmark (issue 13): what an MCP client pays when it starts a server
// the way a user configures it — stdio, credentials from the environment (dummy ones here: no
// token is needed until a tool runs), no --demo. Each timing is a median of `runs` spawns.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerCommand } from '@m365-mcp/m365-posture';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { getEncoding } from 'js-tiktoken';
import { installPackedServer } from '../test/installed-server.ts';

/** The issue's goals, printed beside each figure. */
export const goals = {
  spawnToToolsListMs: 400,
  rssAfterToolsListMiB: 80,
  toolsListTokensReadOnly: 2_500,
  toolsListTokensWrites: 3_000,
  commandMs: 200,
  installedMB: 60,
} as const;

export interface PlainModeMeasure {
  server: string;
  /** Median, spawn to tools/list answered (initialize, initialized, tools/list). */
  spawnToToolsListMs: number;
  /** Resident memory right after tools/list answered, median of the runs. */
  rssAfterToolsListMiB: number;
  toolsReadOnly: number;
  toolsWrites: number;
  /** o200k tokens of the tools/list result ({ tools }) as JSON, writes off and on. */
  tokensReadOnly: number;
  tokensWrites: number;
  helpMs: number;
  permissionsMs: number;
  /** Size on disk of a plain `npm install` of the server's tarball (MB, 10^6 bytes), and what it pulled in. */
  installedMB: number;
  installedPackages: number;
}

const encoder = getEncoding('o200k_base');
const tokensOf = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

/** Environment of a configured server that has not signed in yet: syntactically valid, never used. */
export function dummyCredentials(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AZURE_TENANT_ID: '00000000-0000-4000-8000-000000000001',
    AZURE_CLIENT_ID: '00000000-0000-4000-8000-000000000002',
    AZURE_CLIENT_SECRET: 'bench-dummy-secret',
  };
}

async function listOnce(server: ServerCommand, env: Record<string, string>, extraArgs: string[]) {
  const transport = new StdioClientTransport({
    command: server.command,
    args: [...server.args, ...extraArgs],
    stderr: 'ignore',
    env,
  });
  const client = new Client({ name: 'servers-bench', version: '0.0.0' });
  const started = performance.now();
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    const ms = performance.now() - started;
    const pid = transport.pid;
    if (pid === null) throw new Error(`${server.name} has no pid`);
    return { ms, rss: rssMiB(pid), tools };
  } finally {
    await client.close();
  }
}

function commandMs(server: ServerCommand, env: Record<string, string>, args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(server.command, [...server.args, ...args], { env }, (error) => {
      if (error) reject(new Error(`${server.name} ${args.join(' ')} failed: ${error.message}`));
      else resolve(performance.now() - started);
    });
  });
}

export async function measurePlainMode(
  server: ServerCommand,
  home: string,
  runs: number,
): Promise<PlainModeMeasure> {
  const installed = await installPackedServer(server.name, join(home, 'installed', server.name));
  const env = dummyCredentials(home);
  const times: number[] = [];
  const rss: number[] = [];
  let readOnly: unknown[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await listOnce(server, env, []);
    times.push(run.ms);
    rss.push(run.rss);
    readOnly = run.tools;
  }
  const writes = (await listOnce(server, env, ['--allow-writes'])).tools;
  const help: number[] = [];
  const permissions: number[] = [];
  for (let i = 0; i < runs; i++) {
    help.push(await commandMs(server, env, ['--help']));
    permissions.push(await commandMs(server, env, ['permissions']));
  }
  return {
    server: server.name,
    spawnToToolsListMs: median(times),
    rssAfterToolsListMiB: median(rss),
    toolsReadOnly: readOnly.length,
    toolsWrites: writes.length,
    tokensReadOnly: tokensOf({ tools: readOnly }),
    tokensWrites: tokensOf({ tools: writes }),
    helpMs: median(help),
    permissionsMs: median(permissions),
    installedMB: installed.installedBytes / 1e6,
    installedPackages: installed.packages.length,
  };
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const against = (value: string, goal: string) => `${value} (goal <= ${goal})`;

export function printPlainMode(results: readonly PlainModeMeasure[], runs: number): void {
  console.log(`Plain mode (stdio, dummy credentials, no --demo; timings are medians of ${runs} spawns)\n`);
  for (const r of results) {
    console.log(r.server);
    console.log(
      `  spawn to tools/list    ${against(`${fmt(r.spawnToToolsListMs)} ms`, `${goals.spawnToToolsListMs} ms`)}`,
    );
    console.log(
      `  RSS after tools/list   ${against(`${fmt(r.rssAfterToolsListMiB)} MiB`, `${goals.rssAfterToolsListMiB} MB`)}`,
    );
    console.log(
      `  tools/list, writes off ${against(`${fmt(r.tokensReadOnly)} tokens`, fmt(goals.toolsListTokensReadOnly))}, ${r.toolsReadOnly} tools, ${fmt(r.tokensReadOnly / Math.max(1, r.toolsReadOnly))} a tool`,
    );
    console.log(
      `  tools/list, writes on  ${against(`${fmt(r.tokensWrites)} tokens`, fmt(goals.toolsListTokensWrites))}, ${r.toolsWrites} tools, ${fmt(r.tokensWrites / Math.max(1, r.toolsWrites))} a tool`,
    );
    console.log(`  --help                 ${against(`${fmt(r.helpMs)} ms`, `${goals.commandMs} ms`)}`);
    console.log(`  permissions            ${against(`${fmt(r.permissionsMs)} ms`, `${goals.commandMs} ms`)}`);
    console.log(
      `  installed (npm)        ${against(`${r.installedMB.toFixed(1)} MB`, `${goals.installedMB} MB`)}, ${r.installedPackages} package(s)`,
    );
  }
  console.log('');
}
