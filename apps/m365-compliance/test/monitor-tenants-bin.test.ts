// The BUILT bin: `monitor --tenants <file>` as an operator runs it (the simulator trusted through
// NODE_EXTRA_CA_CERTS, the app's secret in the variable the registry names); the first tenant is
// audited at once, the others later in the interval, and SIGTERM stops it with exit code 0.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from './monitor-helpers.js';
import { startTenantsWorld, type TenantsWorld } from './monitor-tenants-helpers.js';

const bin = fileURLToPath(new URL('../bin/m365-compliance.js', import.meta.url));

let world: TenantsWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('built bin: monitor --tenants', () => {
  it('audits the first tenant at once, names it in its lines, and exits 0 on SIGTERM', async () => {
    world = await startTenantsWorld();
    const w = world;
    const caFile = join(w.dir, 'ca.pem');
    await writeFile(caFile, w.sim.ca);
    const config = join(w.dir, 'config.json');
    await writeFile(config, JSON.stringify({ settings: { databasePath: w.dbPath } }));
    const child = spawn(
      process.execPath,
      [bin, 'monitor', '--tenants', w.registryPath, '--interval', '1h', '--config', config],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH ?? '', ...w.env, NODE_EXTRA_CA_CERTS: caFile },
      },
    );
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const contoso = w.tenants[0];
    await until(
      () => /tenant contoso \([0-9a-f-]{36}\): run [0-9a-f-]{36}:/.test(stderr),
      'contoso’s run',
      60_000,
    );
    child.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('3 tenant(s) from');
    expect(stderr).toContain('at most 2 at a time');
    expect(stderr).toContain('(stored as the baseline)');
    expect(stderr).not.toContain(w.app.secret ?? 'no secret');
    expect(await w.store.count({ tenantId: contoso?.tenantId ?? '' })).toBe(1);
    // The others were not due yet (their first runs are spread over the hour).
    expect(await w.store.count()).toBe(1);
  }, 120_000);
});
