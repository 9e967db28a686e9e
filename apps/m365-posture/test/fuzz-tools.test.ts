// The fuzz run (fuzz/fuzz-tools.ts) at a small size, so CI runs it: every built server over stdio
// against graph-sim, with writes enabled and a configured secret, and every invariant checked on
// every answer. The full run (1,000 cases a server) is `node apps/m365-posture/fuzz/fuzz-tools.ts`.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../fuzz/format-report.ts';
import { caseKinds } from '../fuzz/generate-case.ts';
import type { Invariant } from '../fuzz/invariants.ts';
import { runFuzz } from '../fuzz/run-fuzz.ts';
import { discoverServers, KNOWN_SERVERS } from '../src/servers.js';

const SEED = 'ci-fuzz-1';
const CASES = 60;
// A watchdog for one answer (a hang is a failure), far above any answer's time: not a timing assertion.
const WATCHDOG_MS = 60_000;

describe('fuzzing the built servers over stdio', () => {
  const servers = discoverServers();

  it('every server is built, so none is skipped', () => {
    expect(servers.map((s) => s.name)).toEqual([...KNOWN_SERVERS]);
  });

  it.each(KNOWN_SERVERS.map((name) => [name]))(
    '%s: %d cases break no invariant'.replace('%d', String(CASES)),
    { timeout: 4 * WATCHDOG_MS },
    async (name) => {
      const server = servers.find((s) => s.name === name);
      if (!server) throw new Error(`${name} is not built`);
      const [summary] = await runFuzz([server], { seed: SEED, cases: CASES, timeoutMs: WATCHDOG_MS });
      if (!summary) throw new Error('no summary');
      expect(summary.cases).toBe(CASES);
      expect(summary.failures, formatReport([summary], SEED, CASES)).toEqual([]);
    },
  );
});

describe('the fuzz run catches a server that breaks its invariants', () => {
  it('reports each broken invariant with the case that broke it', { timeout: 60_000 }, async () => {
    const misbehaving = {
      name: 'misbehaving',
      command: process.execPath,
      args: [fileURLToPath(new URL('./fixtures/misbehaving-server.mjs', import.meta.url))],
    };
    // One case of every kind up to the first malformed line (whose ping the server dies on); the
    // unknown tool is never answered, so the watchdog fires once.
    const cases = caseKinds.indexOf('malformed-json-rpc') + 2;
    const [summary] = await runFuzz([misbehaving], { seed: SEED, cases, timeoutMs: 5_000 });
    const broken = new Map<Invariant, (number | null)[]>();
    for (const f of summary?.failures ?? [])
      broken.set(f.invariant, [...(broken.get(f.invariant) ?? []), f.caseIndex]);
    const kindOf = (kind: (typeof caseKinds)[number]) => caseKinds.indexOf(kind);
    expect(broken.get('no-hang')).toEqual([kindOf('unknown-tool')]);
    expect(broken.get('alive')).toEqual([kindOf('malformed-json-rpc')]);
    expect(broken.get('one-answer')).toContain(kindOf('non-object-arguments'));
    expect(broken.get('no-internal-error')).toContain(kindOf('wrong-type'));
    // Echoed hostile text: which cases put it where the server echoes it is up to the seed.
    const echoed = broken.get('no-raw-control-characters') ?? [];
    expect(echoed.length).toBeGreaterThan(0);
    for (const index of echoed) {
      expect(['lone-surrogate', 'nul', 'bidi', 'control', 'one-megabyte']).toContain(caseKinds[index ?? -1]);
    }
    expect(broken.get('audited')).toContain(kindOf('valid'));
    expect(broken.get('no-secret')).toEqual([null]);
    expect(broken.get('clean-stdout')).toEqual([null]);
    expect(broken.get('audit-verifies')).toEqual([null]);
    expect(summary?.failures.find((f) => f.invariant === 'no-secret')?.message).toMatch(/stderr/);
  });
});
