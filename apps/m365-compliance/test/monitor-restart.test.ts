// Kill -9 in the middle of a run, then restart: the BUILT bin against one graph-sim that outlives
// both processes (a real tenant does), credentials from the environment as in production.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunStore } from '@m365-mcp/cis-bridge';
import { type GraphSim, startGraphSim } from '@m365-mcp/graph-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { monitorAppEnv, until } from './monitor-helpers.js';

const bin = fileURLToPath(new URL('../bin/m365-compliance.js', import.meta.url));
const RUN_LINE = /run ([0-9a-f-]{36}):/g;

let sim: GraphSim | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await sim?.close();
  sim = undefined;
});

interface Monitor {
  child: ChildProcess;
  stderr(): string;
  runIds(): string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startMonitor(args: string[], env: Record<string, string>): Monitor {
  const child = spawn(process.execPath, [bin, 'monitor', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stderr: () => stderr,
    runIds: () => [...stderr.matchAll(RUN_LINE)].map((m) => m[1] as string),
    exited,
  };
}

describe('built bin: monitor killed mid-run and restarted', () => {
  it('loses no run: every announced run is stored whole, the interrupted one is redone', async () => {
    sim = await startGraphSim();
    const live = sim;
    const dir = await mkdtemp(join(tmpdir(), 'compliance-monitor-restart-'));
    const caFile = join(dir, 'ca.pem');
    await writeFile(caFile, live.ca);
    // HOME in the scratch directory: the default audit key is made there, not in the real profile.
    const env = { ...monitorAppEnv(live), NODE_EXTRA_CA_CERTS: caFile, HOME: dir };
    const config = join(dir, 'config.json');
    const dbPath = join(dir, 'runs.db');
    await writeFile(config, JSON.stringify({ settings: { databasePath: dbPath } }));
    const args = ['--interval', '2s', '--config', config, '--audit-log', join(dir, 'audit.jsonl')];

    // First process: its first run is stored; kill -9 as soon as the second run is talking to Graph.
    const first = startMonitor(args, env);
    await until(() => first.runIds().length === 1, 'the first run', 60_000);
    const requestsAfterFirstRun = live.requests.all().length;
    await until(
      () => live.requests.all().length > requestsAfterFirstRun + 2,
      'the second run to start',
      60_000,
    );
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const killedAt = Date.now();
    expect(first.runIds()).toHaveLength(1);

    // Second process: resumes the overdue schedule at once, redoing the interrupted run.
    const second = startMonitor(args, env);
    await until(() => second.runIds().length === 1, 'the restarted run', 60_000);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    const store = new RunStore(dbPath);
    try {
      const stored = store.list(100);
      const announced = [...first.runIds(), ...second.runIds()];
      expect(stored).toHaveLength(2);
      expect(stored.map((r) => r.id).sort()).toEqual([...announced].sort());
      // Whole runs only: both evaluated every control.
      expect(new Set(stored.map((r) => r.controls)).size).toBe(1);
      const redone = stored.find((r) => r.id === second.runIds()[0]);
      expect(Date.parse(redone?.startedAt ?? '')).toBeGreaterThanOrEqual(killedAt - 1_000);
      expect(second.stderr()).not.toContain('stored as the baseline');
    } finally {
      store.close();
    }
  }, 120_000);
});
