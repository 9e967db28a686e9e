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
const baselineDir = join(import.meta.dirname, 'conformance');

// The scenarios any server must pass whatever its tools; the suite's own words for what it checks.
const generic = [
  'server-initialize',
  'ping',
  'logging-set-level',
  'tools-list',
  'prompts-list',
  'dns-rebinding-protection',
];

const checksSchema = z.array(
  z.object({
    id: z.string(),
    status: z.enum(['SUCCESS', 'FAILURE', 'WARNING', 'SKIPPED', 'INFO']),
    errorMessage: z.string().optional(),
  }),
);

/** The `server:` entries of the baseline (the only YAML shape it has: a list of names). */
async function readBaseline(baselinePath: string): Promise<string[]> {
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

/** Runs the suite with `selection` (e.g. `--suite active`) and its baseline; the scenarios' checks. */
async function runSuite(selection: string[], baselinePath: string, out: string) {
  const run = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      [
        conformanceCli,
        'server',
        '--url',
        server.url.href,
        ...selection,
        '-o',
        out,
        '--expected-failures',
        baselinePath,
      ],
      { timeout: 240_000, maxBuffer: 50_000_000 },
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
    // The CLI's baseline counts a scenario with a WARNING as not passed, so this does too.
    .filter(([, checks]) => checks.some((check) => check.status === 'FAILURE' || check.status === 'WARNING'))
    .map(([name]) => name);
  const passed = [...scenarios.keys()].filter((name) => !failed.includes(name));
  const baseline = await readBaseline(baselinePath);
  // What an unexpected failure was, to read in the test's output.
  for (const name of failed.filter((name) => !baseline.includes(name))) {
    const checks = scenarios.get(name) ?? [];
    for (const check of checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING'))
      console.error(`conformance ${name}: ${check.id}: ${check.errorMessage ?? ''}`);
  }
  return { run, scenarios, failed, passed, baseline };
}

describe('the MCP conformance suite (0.2.0-alpha.12) over Streamable HTTP', () => {
  it('2025-era (active suite): fails exactly the baseline scenarios, each for a missing fixture', async () => {
    const { run, scenarios, failed, passed, baseline } = await runSuite(
      ['--suite', 'active'],
      join(baselineDir, 'conformance-baseline.yml'),
      join(out, 'active'),
    );
    // 31 scenarios in alpha.12's active suite; every one ran and wrote its checks.
    expect(scenarios.size).toBe(31);
    expect(baseline.length).toBeGreaterThan(0);
    // A new failure, or a baseline entry that now passes (stale), both fail here.
    expect(failed.sort()).toEqual([...baseline].sort());
    expect(passed).toEqual(expect.arrayContaining(generic));
    // The CLI agrees: "Baseline check passed: all failures are expected."
    expect(run.output).toMatch(/all failures are expected/);
    expect(run.code).toBe(0);
  }, 240_000);

  it("2026-07-28 (the revision's requirements): stateless, discover, headers; fails exactly its baseline", async () => {
    const { run, scenarios, failed, passed, baseline } = await runSuite(
      ['--requirements', '2026-07-28'],
      join(baselineDir, 'conformance-baseline-2026-07-28.yml'),
      join(out, '2026-07-28'),
    );
    expect(scenarios.size).toBe(50);
    expect(failed.sort()).toEqual([...baseline].sort());
    expect(passed).toEqual(
      expect.arrayContaining([
        'tools-list',
        'prompts-list',
        'dns-rebinding-protection',
        'server-sse-multiple-streams',
        'http-header-validation',
        'input-required-result-unsupported-methods',
        'input-required-result-validate-input',
      ]),
    );
    expect(run.output).toMatch(/all failures are expected/);
    expect(run.code).toBe(0);
  }, 240_000);
});
