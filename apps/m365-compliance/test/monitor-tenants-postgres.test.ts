// `monitor --tenants` with DATABASE_URL: the schedules live in PostgreSQL (pg-boss), one per tenant
// of the registry, for `m365-compliance worker` processes; the command writes them and exits.
import { EventEmitter } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPgRunStore } from '@m365-mcp/postgres';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@m365-mcp/postgres/testing';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCli } from '../src/monitor/index.js';
import { TENANT_AUDIT_QUEUE } from '../src/worker/queue.js';
import { startTenantsWorld } from './monitor-tenants-helpers.js';

const unavailable = postgresUnavailableReason();

describe.skipIf(unavailable !== undefined)(
  `monitor --tenants with DATABASE_URL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let pg: TestPostgres;
    let databaseUrl: string;
    let dir: string;
    beforeAll(async () => {
      pg = await startTestPostgres();
      databaseUrl = await pg.createDatabase('monitor_tenants');
      dir = await mkdtemp(join(tmpdir(), 'compliance-monitor-pg-'));
    });
    afterAll(async () => {
      await pg?.stop();
    });

    async function registryFile(name: string, tenants: string[]): Promise<string> {
      const path = join(dir, name);
      await writeFile(
        path,
        JSON.stringify({
          signIn: { clientId: '11111111-1111-4111-8111-111111111111', secretEnv: 'MSP_APP_SECRET' },
          tenants: tenants.map((t, i) => ({
            name: t,
            tenantId: `00000000-0000-4000-8000-00000000000${i + 1}`,
          })),
        }),
      );
      return path;
    }

    async function monitor(args: string[]) {
      const stderr: string[] = [];
      const code = await runMonitorCli(args, {
        env: { DATABASE_URL: databaseUrl, HOME: dir },
        stderr: (t) => void stderr.push(t),
        signals: new EventEmitter(),
      });
      return { code, stderr: stderr.join('') };
    }

    async function scheduledKeys(): Promise<string[]> {
      const boss = new PgBoss({ connectionString: databaseUrl });
      await boss.start();
      try {
        return (await boss.getSchedules(TENANT_AUDIT_QUEUE)).map((s) => s.key).sort();
      } finally {
        await boss.stop({ graceful: false });
      }
    }

    it('writes one schedule per tenant, unschedules tenants dropped from the registry, and exits 0', async () => {
      const three = await monitor([
        '--tenants',
        await registryFile('three.json', ['alpha', 'beta', 'gamma']),
        '--interval',
        '1h',
      ]);
      expect(three.code, three.stderr).toBe(0);
      expect(three.stderr).toContain('scheduled 3 tenant(s) every 1h in PostgreSQL: alpha, beta, gamma.');
      expect(three.stderr).toContain('`m365-compliance worker` processes run the audits');
      expect(await scheduledKeys()).toEqual(['alpha', 'beta', 'gamma']);

      const two = await monitor([
        '--tenants',
        await registryFile('two.json', ['alpha', 'gamma']),
        '--interval',
        '1h',
      ]);
      expect(two.code, two.stderr).toBe(0);
      expect(two.stderr).toContain(
        'scheduled 2 tenant(s) every 1h in PostgreSQL: alpha, gamma; unscheduled 1',
      );
      expect(two.stderr).toMatch(/unscheduled 1 no longer in .*two\.json: beta\./);
      expect(await scheduledKeys()).toEqual(['alpha', 'gamma']);
      // The connection string (and its password) is never printed.
      expect(three.stderr + two.stderr).not.toContain(databaseUrl);
    }, 120_000);

    it('refuses an interval cron cannot repeat evenly, and auto-remediation (the workers do not remediate)', async () => {
      const file = await registryFile('one.json', ['alpha']);
      const odd = await monitor(['--tenants', file, '--interval', '45m']);
      expect(odd.code).toBe(1);
      expect(odd.stderr).toContain('divide an hour');
      const fixing = await monitor([
        '--tenants',
        file,
        '--interval',
        '1h',
        '--allow-writes',
        '--remediate',
        'CIS.M365.5.1.2.2',
      ]);
      expect(fixing.code).toBe(1);
      expect(fixing.stderr).toContain('the workers that audit from the PostgreSQL schedule do not remediate');
    }, 120_000);

    it('--once audits every tenant here and stores each run in PostgreSQL under its tenant', async () => {
      const world = await startTenantsWorld(['fabrikam']);
      try {
        const url = await pg.createDatabase('monitor_tenants_once');
        const stderr: string[] = [];
        const code = await runMonitorCli(
          ['--tenants', world.registryPath, '--once', '--audit-log', join(world.dir, 'audit.jsonl')],
          {
            env: { ...world.env, DATABASE_URL: url },
            stderr: (t) => void stderr.push(t),
            ca: world.sim.ca,
            signals: new EventEmitter(),
          },
        );
        expect(code, stderr.join('')).toBe(0);
        expect(stderr.join('')).toContain('store PostgreSQL (DATABASE_URL)');
        expect(stderr.join('')).not.toContain(url);
        const store = await openPgRunStore(url);
        try {
          for (const tenant of world.tenants) {
            const runs = await store.list({ tenantId: tenant.tenantId });
            expect(
              runs.map((r) => [r.label, r.baseline]),
              tenant.name,
            ).toEqual([['monitor', true]]);
          }
        } finally {
          await store.close();
        }
      } finally {
        await world.close();
      }
    }, 120_000);
  },
);
