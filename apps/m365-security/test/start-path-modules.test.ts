// What the BUILT bin loads on each start path (issue 13): a mode loads only what it needs. Plain
// stdio (no --demo, credentials in the environment) answers tools/list without the demo simulator,
// @azure/identity (no token is needed until a tool reads Graph), undici (loaded on the first Graph
// request) or the Streamable HTTP transport; --help and permissions load none of them either.
// --demo does load the simulator, which shows the recorder sees dynamic imports. The plain start of
// the other three servers' built bins (each app builds its own bin/) is checked here too, so one
// recorder covers them all: m365-compliance once loaded graph-sim for its demo break-glass ids.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const binOf = (server: string) => fileURLToPath(new URL(`../../${server}/bin/${server}.js`, import.meta.url));
const bin = binOf('m365-security');
const otherServers = ['m365-identity', 'm365-sharepoint', 'm365-compliance'];
const recorder = fileURLToPath(new URL('./fixtures/record-loaded-modules.mjs', import.meta.url));

/** Module families a plain start must not load, by a pattern of their resolved path. */
const heavy = {
  'graph-sim': /[\\/]graph-sim[\\/]/,
  selfsigned: /[\\/]selfsigned[\\/]/,
  '@azure/identity': /node_modules[\\/]@azure[\\/]identity[\\/]/,
  msal: /node_modules[\\/]@azure[\\/]msal-/,
  undici: /node_modules[\\/]undici[\\/]/,
  'Streamable HTTP': /sdk[\\/]dist[\\/]esm[\\/]server[\\/]streamableHttp\.js$/,
};

let home: string;
let runs = 0;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'start-path-modules-'));
});
afterAll(() => rm(home, { recursive: true, force: true }));

function environment(recordTo: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    RECORD_MODULES_TO: recordTo,
    // A configured server that has not signed in: never used to ask for a token here.
    AZURE_TENANT_ID: '00000000-0000-4000-8000-000000000001',
    AZURE_CLIENT_ID: '00000000-0000-4000-8000-000000000002',
    AZURE_CLIENT_SECRET: 'not-a-real-secret',
  };
}

/** The heavy module families a loaded-module list contains. */
async function heavyIn(recordTo: string): Promise<string[]> {
  const loaded = (await readFile(recordTo, 'utf8')).split('\n');
  return Object.entries(heavy)
    .filter(([, pattern]) => loaded.some((module) => pattern.test(module)))
    .map(([name]) => name);
}

function runCommand(args: string[]): Promise<string[]> {
  const recordTo = join(home, `modules-${runs++}.txt`);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', recorder, bin, ...args],
      { env: environment(recordTo) },
      (error) => {
        if (error) reject(error);
        else resolve(heavyIn(recordTo));
      },
    );
  });
}

/** Starts the server over stdio, waits for tools/list to answer, ends stdin and waits for exit. */
async function modulesThroughToolsList(
  args: string[],
  serverBin = bin,
): Promise<{ tools: number; heavy: string[] }> {
  const recordTo = join(home, `modules-${runs++}.txt`);
  const child = spawn(
    process.execPath,
    ['--import', recorder, serverBin, ...args, '--audit-log', join(home, `audit-${runs}.jsonl`)],
    {
      env: environment(recordTo),
      stdio: ['pipe', 'pipe', 'ignore'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
  send({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '0' } },
  });
  send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
  let tools = -1;
  for await (const line of createInterface({ input: child.stdout })) {
    const message = JSON.parse(line) as { id?: number; result?: { tools?: unknown[] } };
    if (message.id === 2) {
      tools = message.result?.tools?.length ?? 0;
      break;
    }
  }
  child.stdin.end();
  await exited;
  return { tools, heavy: await heavyIn(recordTo) };
}

describe('what the m365-security bin loads on each start path', () => {
  it('plain stdio answers tools/list without the simulator, @azure/identity, undici or Streamable HTTP', async () => {
    const plain = await modulesThroughToolsList([]);
    expect(plain.tools).toBeGreaterThan(0);
    expect(plain.heavy).toEqual([]);
  });

  it('--help and permissions load none of them', async () => {
    expect(await runCommand(['--help'])).toEqual([]);
    expect(await runCommand(['permissions'])).toEqual([]);
  });

  it('--demo loads the simulator (the recorder sees what a mode loads lazily)', async () => {
    const demo = await modulesThroughToolsList(['--demo']);
    expect(demo.tools).toBeGreaterThan(0);
    expect(demo.heavy).toContain('graph-sim');
    expect(demo.heavy).not.toContain('Streamable HTTP');
  });
});

describe('what the other servers load on a plain start', () => {
  it.each(otherServers)('%s answers tools/list without any of them', async (server) => {
    const plain = await modulesThroughToolsList([], binOf(server));
    expect(plain.tools).toBeGreaterThan(0);
    expect(plain.heavy).toEqual([]);
  });
});
