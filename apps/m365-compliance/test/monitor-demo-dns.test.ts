import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunStore } from '@m365-mcp/cis-bridge';
import { afterEach, describe, expect, it } from 'vitest';
import { runMonitorCli } from '../src/monitor/cli.js';

// `monitor --demo` starts the simulator itself, so it points the DNS checks at the simulator's DNS
// server: the demo's planted SPF, DKIM and DMARC gaps are found rather than skipped.

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('monitor --demo --once', () => {
  it("evaluates the DNS controls against the simulator's DNS server", async () => {
    dir = await mkdtemp(join(tmpdir(), 'monitor-dns-'));
    const logs: string[] = [];
    const code = await runMonitorCli(['--once', '--demo', '--audit-log', join(dir, 'audit.jsonl')], {
      env: { HOME: dir },
      stderr: (t) => void logs.push(t),
    });
    expect(code, logs.join('')).toBe(0);
    const store = new RunStore(join(dir, 'm365-compliance-runs.db'));
    try {
      const run = store.latest('graph');
      const dns = ['CIS.M365.2.1.8', 'CIS.M365.2.1.9', 'CIS.M365.2.1.10'].map(
        (id) => run?.results.find((r) => r.finding.id === id)?.finding.status,
      );
      expect(dns).toEqual(['fail', 'fail', 'fail']);
    } finally {
      store.close();
    }
  });
});
