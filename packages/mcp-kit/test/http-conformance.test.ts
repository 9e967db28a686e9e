// The MCP project's conformance suite, run as a user would run it, against the sample server over
// Streamable HTTP. The CLI (0.1.16) connects with a bare `new StreamableHTTPClientTransport(url)`:
// it cannot send an Authorization header, so this server runs without authentication, which is
// allowed only on a loopback address (the CLI's `--http-no-auth`, for local testing only).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type SampleHttp, startSampleHttp } from './http-harness.js';

const conformanceCli = join(
  import.meta.dirname,
  '..',
  'node_modules',
  '@modelcontextprotocol',
  'conformance',
  'dist',
  'index.js',
);
const baselinePath = join(import.meta.dirname, 'conformance', 'conformance-baseline.yml');

// The scenarios any server must pass whatever its tools; the suite's own words for what it checks.
const generic = [
  'server-initialize',
  'ping',
  'logging-set-level',
  'tools-list',
  'prompts-list',
  'server-sse-multiple-streams',
  'dns-rebinding-protection',
];

const checksSchema = z.array(
  z.object({ id: z.string(), status: z.enum(['SUCCESS', 'FAILURE', 'WARNING', 'SKIPPED', 'INFO']) }),
);

/** The `server:` entries of the baseline (the only YAML shape it has: a list of names). */
async function readBaseline(): Promise<string[]> {
  const text = await readFile(baselinePath, 'utf8');
  const server = text.slice(text.indexOf('server:'), text.indexOf('client:'));
  return [...server.matchAll(/^\s+-\s+([a-z0-9-]+)\s*$/gm)].map((match) => match[1] ?? '');
}

let server: SampleHttp;
let out: string;
beforeAll(async () => {
  server = await startSampleHttp({ noAuth: true });
  out = await mkdtemp(join(tmpdir(), 'mcp-kit-conformance-'));
});
afterAll(async () => {
  await server?.close();
  await rm(out, { recursive: true, force: true });
});

describe('the MCP conformance suite (active) over Streamable HTTP', () => {
  it('fails exactly the baseline scenarios, each for a missing fixture', async () => {
    const run = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          conformanceCli,
          'server',
          '--url',
          server.url.href,
          '--suite',
          'active',
          '-o',
          out,
          '--expected-failures',
          baselinePath,
        ],
        { timeout: 60_000, maxBuffer: 20_000_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
      );
    });

    const scenarios = new Map<string, z.infer<typeof checksSchema>>();
    for (const dir of await readdir(out)) {
      const match = /^server-(.+)-\d{4}-\d{2}-\d{2}T/.exec(dir);
      if (!match?.[1]) continue;
      scenarios.set(
        match[1],
        checksSchema.parse(JSON.parse(await readFile(join(out, dir, 'checks.json'), 'utf8'))),
      );
    }
    const failed = [...scenarios]
      .filter(([, checks]) => checks.some((check) => check.status === 'FAILURE'))
      .map(([name]) => name);
    const passed = [...scenarios.keys()].filter((name) => !failed.includes(name));
    const baseline = await readBaseline();

    // 30 scenarios in 0.1.16's active suite; every one ran and wrote its checks.
    expect(scenarios.size).toBe(30);
    expect(baseline.length).toBeGreaterThan(0);
    // A new failure, or a baseline entry that now passes (stale), both fail here.
    expect(failed.sort()).toEqual([...baseline].sort());
    expect(passed).toEqual(expect.arrayContaining(generic));
    // The CLI agrees: "Baseline check passed: all failures are expected."
    expect(run.output).toMatch(/all failures are expected/);
    expect(run.code).toBe(0);
  }, 90_000);
});
