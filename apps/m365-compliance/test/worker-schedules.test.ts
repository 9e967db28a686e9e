// WORKER's schedules on a real PostgreSQL: one pg-boss cron schedule per tenant of the registry,
// each with its own phase; a tenant dropped from the registry loses its schedule; "audit now" queues
// one job per tenant naming the tenant and nothing else.
import type { TenantRegistry } from '@m365-mcp/auth';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@m365-mcp/postgres/testing';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cronForInterval, ScheduleIntervalError } from '../src/worker/cron.js';
import { enqueueTenantAudits } from '../src/worker/enqueue.js';
import { TENANT_AUDIT_DEAD_LETTER_QUEUE, TENANT_AUDIT_QUEUE } from '../src/worker/queue.js';
import { syncTenantSchedules } from '../src/worker/schedules.js';

const unavailable = postgresUnavailableReason();

function registry(names: string[]): TenantRegistry {
  return {
    source: 'test',
    signIn: { clientId: '11111111-1111-4111-8111-111111111111', secretEnv: 'MSP_SECRET' },
    tenants: names.map((name, i) => ({ name, tenantId: `00000000-0000-4000-8000-00000000000${i + 1}` })),
  };
}

describe('cronForInterval', () => {
  it('repeats evenly, with a stable per-tenant phase inside the interval', () => {
    expect(cronForInterval(60_000, 'a')).toBe('* * * * *');
    const quarter = cronForInterval(15 * 60_000, 'tenant-a');
    expect(quarter).toMatch(/^([0-9]|1[0-4])-59\/15 \* \* \* \*$/);
    expect(cronForInterval(15 * 60_000, 'tenant-a')).toBe(quarter);
    expect(cronForInterval(6 * 3_600_000, 'x')).toMatch(/^\d{1,2} [0-5]-23\/6 \* \* \*$/);
    expect(cronForInterval(86_400_000, 'x')).toMatch(/^\d{1,2} \d{1,2} \* \* \*$/);
    expect(cronForInterval(7 * 86_400_000, 'x')).toMatch(/^\d{1,2} \d{1,2} \* \* [0-6]$/);
    // Different tenants, different phases (for some pair of these ten).
    const phases = new Set(Array.from({ length: 10 }, (_, i) => cronForInterval(86_400_000, `t${i}`)));
    expect(phases.size).toBeGreaterThan(1);
  });

  it('refuses intervals cron cannot repeat evenly, saying which it can', () => {
    expect(() => cronForInterval(30_000, 'a')).toThrow(ScheduleIntervalError);
    expect(() => cronForInterval(45 * 60_000, 'a')).toThrow(/divide an hour/);
    expect(() => cronForInterval(5 * 3_600_000, 'a')).toThrow(/hours that divide a day/);
  });
});

describe.skipIf(unavailable !== undefined)(
  `tenant schedules and "audit now" on PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let pg: TestPostgres;
    let databaseUrl: string;
    beforeAll(async () => {
      pg = await startTestPostgres();
      databaseUrl = await pg.createDatabase('worker_schedules');
    });
    afterAll(async () => {
      await pg?.stop();
    });

    it('schedules each tenant, re-syncs in place, and unschedules tenants removed from the registry', async () => {
      const first = await syncTenantSchedules({
        databaseUrl,
        registry: registry(['alpha', 'beta', 'gamma']),
        everyMs: 3_600_000,
      });
      expect(first).toEqual({ scheduled: ['alpha', 'beta', 'gamma'], removed: [] });
      const second = await syncTenantSchedules({
        databaseUrl,
        registry: registry(['alpha', 'gamma']),
        everyMs: 15 * 60_000,
      });
      expect(second).toEqual({ scheduled: ['alpha', 'gamma'], removed: ['beta'] });

      const boss = new PgBoss({ connectionString: databaseUrl, supervise: false, schedule: false });
      await boss.start();
      try {
        const schedules = await boss.getSchedules(TENANT_AUDIT_QUEUE);
        expect(schedules.map((s) => s.key).sort()).toEqual(['alpha', 'gamma']);
        for (const s of schedules) {
          expect(s.cron).toMatch(/-59\/15 \* \* \* \*$/);
          expect(s.timezone).toBe('UTC');
          const data = s.data as { tenant: string; tenantId: string };
          expect(Object.keys(data).sort()).toEqual(['tenant', 'tenantId']);
          expect(s.options?.group?.id).toBe(data.tenantId);
        }
        const queue = await boss.getQueue(TENANT_AUDIT_QUEUE);
        expect(queue?.deadLetter).toBe(TENANT_AUDIT_DEAD_LETTER_QUEUE);
        expect(queue?.retryBackoff).toBe(true);
      } finally {
        await boss.stop({ graceful: false });
      }
    });

    it('refuses a bad interval before changing any schedule', async () => {
      await expect(
        syncTenantSchedules({ databaseUrl, registry: registry(['delta']), everyMs: 45 * 60_000 }),
      ).rejects.toThrow(/divide an hour/);
      const boss = new PgBoss({ connectionString: databaseUrl, supervise: false, schedule: false });
      await boss.start();
      try {
        expect((await boss.getSchedules(TENANT_AUDIT_QUEUE)).map((s) => s.key).sort()).toEqual([
          'alpha',
          'gamma',
        ]);
      } finally {
        await boss.stop({ graceful: false });
      }
    });

    it('queues one job per chosen tenant, grouped by tenant, carrying only its name and id', async () => {
      const reg = registry(['alpha', 'beta']);
      const beta = reg.tenants.filter((t) => t.name === 'beta');
      const queued = await enqueueTenantAudits({ databaseUrl, registry: reg, tenants: beta });
      expect(queued.map((q) => q.tenant)).toEqual(['beta']);
      const boss = new PgBoss({ connectionString: databaseUrl, supervise: false, schedule: false });
      await boss.start();
      try {
        const [job] = await boss.findJobs(TENANT_AUDIT_QUEUE, { id: queued[0]?.jobId ?? '' });
        expect(job?.data).toEqual({ tenant: 'beta', tenantId: beta[0]?.tenantId });
      } finally {
        await boss.stop({ graceful: false });
      }
    });
  },
);
