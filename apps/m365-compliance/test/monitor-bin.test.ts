// The BUILT bin (the repo's test command builds first): `monitor --demo` audits on its schedule and
// SIGTERM stops it cleanly with exit code 0, every stored run whole.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunStore } from '@m365-mcp/cis-bridge';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/m365-compliance.js', import.meta.url));

function runBin(args: string[], onStderr?: (all: string, kill: () => void) => void) {
  // A scratch HOME: the monitor makes its default audit key there, not in the real profile.
  const home = mkdtempSync(join(tmpdir(), 'compliance-monitor-home-'));
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: home },
  });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
    onStderr?.(stderr, () => child.kill('SIGTERM'));
  });
  return new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('built bin: monitor', () => {
  it('runs on its schedule with --demo and exits 0 on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compliance-monitor-bin-'));
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ settings: { databasePath: join(dir, 'runs.db') } }));
    let sent = false;
    const result = await runBin(
      [
        'monitor',
        '--demo',
        '--interval',
        '200ms',
        '--config',
        config,
        '--audit-log',
        join(dir, 'audit.jsonl'),
      ],
      (all, kill) => {
        if (!sent && /run [0-9a-f-]{36}:/.test(all)) {
          sent = true;
          kill();
        }
      },
    );
    expect(result.stderr).toContain('stored as the baseline');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const store = new RunStore(join(dir, 'runs.db'));
    expect(store.count()).toBeGreaterThanOrEqual(1);
    expect(new Set(store.list(100).map((r) => r.controls)).size).toBe(1);
    store.close();
  }, 60_000);

  it('with --allow-writes --remediate fixes the listed failing controls, audited, and the next run sees them pass', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compliance-monitor-bin-'));
    const config = join(dir, 'config.json');
    const auditLog = join(dir, 'audit.jsonl');
    await writeFile(config, JSON.stringify({ settings: { databasePath: join(dir, 'runs.db') } }));
    let sent = false;
    const result = await runBin(
      [
        'monitor',
        '--demo',
        '--interval',
        '200ms',
        '--allow-writes',
        '--remediate',
        'CIS.M365.5.1.2.2,EIDSCA.AP06',
        '--config',
        config,
        '--audit-log',
        auditLog,
      ],
      (all, kill) => {
        if (!sent && (all.match(/run [0-9a-f-]{36}:/g) ?? []).length >= 2) {
          sent = true;
          kill();
        }
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('auto-remediating CIS.M365.5.1.2.2, EIDSCA.AP06');
    // EIDSCA.AP06 passes in the demo tenant: only 5.1.2.2 is fixed, once.
    expect(result.stderr.match(/remediation of [^:]+: applied/g)).toEqual([
      'remediation of CIS.M365.5.1.2.2: applied',
    ]);
    const store = new RunStore(join(dir, 'runs.db'));
    const run = store.latest('graph');
    store.close();
    expect(run?.results.find((r) => r.finding.id === 'CIS.M365.5.1.2.2')?.finding.status).toBe('pass');
    const lines = (await readFile(auditLog, 'utf8')).split('\n').filter(Boolean);
    const writes = lines
      .map((l) => JSON.parse(l) as { tool: string; outcome: string })
      .filter((l) => l.tool === 'remediate_control');
    expect(writes.map((w) => w.outcome)).toEqual(['planned', 'applied']);
  }, 60_000);

  it('refuses a loose interval, remediation without --allow-writes, and controls it may not fix unattended', async () => {
    const loose = await runBin(['monitor', '--interval', '5 minutes']);
    expect(loose.code).toBe(1);
    expect(loose.stderr).toContain('is not a duration');
    const noWrites = await runBin(['monitor', '--once', '--remediate', 'CIS.M365.5.1.2.2']);
    expect(noWrites.code).toBe(2);
    expect(noWrites.stderr).toContain('add --allow-writes');
    const notAllowed = await runBin(['monitor', '--once', '--allow-writes', '--remediate', 'CIS.M365.1.3.1']);
    expect(notAllowed.code).toBe(1);
    expect(notAllowed.stderr).toContain('cannot auto-remediate CIS.M365.1.3.1');
  }, 60_000);
});
