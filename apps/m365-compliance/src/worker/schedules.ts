import type { TenantRegistry } from '@m365-mcp/auth';
import { cronForInterval } from './cron.js';
import { openBoss, TENANT_AUDIT_QUEUE, type TenantAuditJob, tenantGroup } from './queue.js';
import type { ResolvedWorkerSettings } from './settings.js';

// With DATABASE_URL, `monitor --tenants <file>` keeps its schedule in PostgreSQL: one pg-boss cron
// schedule per tenant on the tenant-audit queue (keyed by the tenant's name), fired by whichever
// worker runs the cron pass. Tenants no longer in the registry lose their schedule.

export interface SyncTenantSchedulesOptions {
  databaseUrl: string;
  registry: TenantRegistry;
  /** The interval between two audits of one tenant (see cronForInterval for what is accepted). */
  everyMs: number;
  /** settings.worker of the shared config (workerSettings(config.settings)): the queue's retry, expiry and heartbeat options. */
  settings?: ResolvedWorkerSettings;
}

export interface SyncTenantSchedulesResult {
  /** Tenant names now scheduled (added or updated). */
  scheduled: string[];
  /** Tenant names whose schedule was removed (no longer in the registry). */
  removed: string[];
}

export async function syncTenantSchedules(
  options: SyncTenantSchedulesOptions,
): Promise<SyncTenantSchedulesResult> {
  // Every tenant's expression is checked before anything is written: a bad interval changes nothing.
  const wanted = options.registry.tenants.map((t) => ({
    entry: t,
    cron: cronForInterval(options.everyMs, t.tenantId),
  }));
  const boss = await openBoss({
    databaseUrl: options.databaseUrl,
    role: 'client',
    ...(options.settings ? { settings: options.settings } : {}),
  });
  try {
    const names = new Set(wanted.map((w) => w.entry.name));
    const removed: string[] = [];
    for (const schedule of await boss.getSchedules(TENANT_AUDIT_QUEUE)) {
      if (names.has(schedule.key)) continue;
      await boss.unschedule(TENANT_AUDIT_QUEUE, schedule.key);
      removed.push(schedule.key);
    }
    for (const { entry, cron } of wanted) {
      const data: TenantAuditJob = { tenant: entry.name, tenantId: entry.tenantId };
      // schedule() upserts by (queue, key): a changed interval or tenant id replaces the old one.
      await boss.schedule(TENANT_AUDIT_QUEUE, cron, data, {
        key: entry.name,
        tz: 'UTC',
        group: tenantGroup(entry.tenantId),
      });
    }
    return { scheduled: wanted.map((w) => w.entry.name), removed: removed.sort() };
  } finally {
    await boss.stop({ graceful: false });
  }
}
