// The MCP conformance suite (@modelcontextprotocol/conformance 0.2.0-alpha.12) against m365-security
// itself, its real tools and prompts, over Streamable HTTP on graph-sim's demo tenant, for both
// protocol eras. Only the scenarios that apply to any server run here (the ones that call fixed
// test_* fixtures run against mcp-kit's conformance fixture server: packages/mcp-kit/test/
// http-conformance.test.ts). A scenario that fails in part is listed with the exact checks it
// fails and why, so a new failure, or a fixed one, shows.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The kit's conformance helpers live beside its own conformance test; they run the CLI from
// mcp-kit's dev dependencies, so this package needs no copy of it.
import {
  type ConformanceHttp,
  startConformanceHttp,
} from '../../../packages/mcp-kit/test/fixtures/conformance-http.js';
import { runConformance } from '../../../packages/mcp-kit/test/fixtures/conformance-runner.js';
import { securityServer } from '../src/index.js';

/** A scenario, and the checks it is expected to fail (none when absent), one reason each. */
interface Expectation {
  scenario: string;
  fails?: Record<string, string>;
}

const era2025: Expectation[] = [
  { scenario: 'server-initialize' },
  { scenario: 'ping' },
  { scenario: 'logging-set-level' },
  { scenario: 'tools-list' },
  { scenario: 'prompts-list' },
  { scenario: 'dns-rebinding-protection' },
];

const era2026: Expectation[] = [
  {
    scenario: 'server-stateless',
    fails: {
      'sep-2575-http-server-method-not-found-404':
        'the kit answers an unknown method -32601 in-band (HTTP 200), not HTTP 404 (a kit deviation)',
      'sep-2575-server-rejects-undeclared-capability': 'needs the fixture tool test_missing_capability',
      'sep-2575-missing-capability-http-400': 'needs the fixture tool test_missing_capability',
      'sep-2575-http-server-no-independent-requests-on-stream':
        'needs the fixture tool test_streaming_elicitation',
      'sep-2575-server-no-log-without-loglevel': 'needs the fixture tool test_logging_tool',
      'sep-2575-server-sends-tools-list-changed-on-subscription':
        'needs the hook test_trigger_tool_change (a SHOULD); our tool list never changes',
      'sep-2575-server-sends-prompts-list-changed-on-subscription':
        'needs the hook test_trigger_prompt_change (a SHOULD); our prompt list never changes',
    },
  },
  { scenario: 'tools-list' },
  { scenario: 'prompts-list' },
  { scenario: 'dns-rebinding-protection' },
  { scenario: 'http-header-validation' },
  { scenario: 'server-sse-multiple-streams' },
  { scenario: 'input-required-result-unsupported-methods' },
  { scenario: 'input-required-result-validate-input' },
  {
    // Caching hints (ttlMs, cacheScope) on tools/list and prompts/list pass; the server has no
    // resources, so the resources/* checks meet "Method not found".
    scenario: 'caching',
    fails: {
      'sep-2549-resources-list-caching-hints': 'no resources capability (resources/list is -32601)',
      'sep-2549-resources-templates-list-caching-hints':
        'no resources capability (resources/templates/list is -32601)',
    },
  },
];

let server: ConformanceHttp;
let out: string;
beforeAll(async () => {
  server = await startConformanceHttp(securityServer);
  out = await mkdtemp(join(tmpdir(), 'm365-security-conformance-'));
});
afterAll(async () => {
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

/**
 * Runs each scenario at `specVersion` (one CLI run each, as `--scenario` takes one) with a baseline
 * naming it when it is expected to fail; returns each scenario's failed check ids.
 */
async function runEra(specVersion: string, expectations: Expectation[]) {
  const failedChecks: Record<string, string[]> = {};
  for (const { scenario, fails } of expectations) {
    const dir = join(out, specVersion, scenario);
    const baselinePath = join(out, `${specVersion}-${scenario}.yml`);
    await writeFile(baselinePath, `server:${fails ? `\n  - ${scenario}` : ' []'}\nclient: []\n`);
    const result = await runConformance({
      url: server.url,
      selection: ['--scenario', scenario, '--spec-version', specVersion],
      baselinePath,
      out: dir,
    });
    for (const line of result.unexpected) console.error(`conformance ${line}`);
    expect(result.scenarios.has(scenario), `${scenario} ran`).toBe(true);
    failedChecks[scenario] = (result.scenarios.get(scenario) ?? [])
      .filter((check) => check.status === 'FAILURE' || check.status === 'WARNING')
      .map((check) => {
        if (!fails?.[check.id])
          console.error(`conformance ${scenario}: ${check.id}: ${check.errorMessage ?? ''}`);
        return check.id;
      })
      .sort();
    // The CLI agrees with the baseline: "all failures are expected" or none at all.
    expect(result.run.code, result.run.output).toBe(0);
  }
  return failedChecks;
}

function expectedFailures(expectations: Expectation[]): Record<string, string[]> {
  return Object.fromEntries(
    expectations.map(({ scenario, fails }) => [scenario, Object.keys(fails ?? {}).sort()]),
  );
}

describe('the MCP conformance suite against m365-security over Streamable HTTP', () => {
  it('2025-era (spec 2025-11-25): every generic scenario passes with the real tools and prompts', async () => {
    expect(await runEra('2025-11-25', era2025)).toEqual(expectedFailures(era2025));
  }, 300_000);

  it('2026-07-28: every generic scenario passes; server-stateless fails only its fixture checks and one kit deviation', async () => {
    expect(await runEra('2026-07-28', era2026)).toEqual(expectedFailures(era2026));
  }, 300_000);
});
