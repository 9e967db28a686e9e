import { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { defaultWorkerSettings, type ResolvedWorkerSettings } from './settings.js';

// The tenant-audit queue: one job = one CIS audit of one tenant. The job names the tenant and
// nothing else (never a secret: a worker signs in from its own tenants file and environment).

export const TENANT_AUDIT_QUEUE = 'tenant-audit';
/** Where an audit lands after its last retry failed: kept for an operator to read and redrive. */
export const TENANT_AUDIT_DEAD_LETTER_QUEUE = 'tenant-audit-dead';

export const tenantAuditJobSchema = z
  .object({
    tenant: z.string().min(1).max(64),
    tenantId: z.string().uuid(),
  })
  .strict();
export type TenantAuditJob = z.infer<typeof tenantAuditJobSchema>;

/** The group a tenant's jobs share: pg-boss bounds how many jobs of one group are active at once. */
export function tenantGroup(tenantId: string): { id: string } {
  return { id: tenantId };
}

export interface OpenBossOptions {
  databaseUrl: string;
  /** A long-running worker supervises (finds lost jobs) and fires the cron schedules; a one-shot command does neither. */
  role: 'worker' | 'client';
  /**
   * The operator's settings.worker: written to the queue (retries, expiry, heartbeat), so jobs sent
   * from now on carry them. Without it a missing queue is created with the defaults and an existing
   * one is left as it is.
   */
  settings?: ResolvedWorkerSettings;
  onError?: (error: Error) => void;
}

/**
 * A started pg-boss on DATABASE_URL (its own schema `pgboss`, migrated on start) with the
 * tenant-audit queues in place.
 */
export async function openBoss(options: OpenBossOptions): Promise<PgBoss> {
  const settings = options.settings ?? defaultWorkerSettings;
  const worker = options.role === 'worker';
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    application_name: `m365-compliance ${options.role}`,
    supervise: worker,
    schedule: worker,
    registerInstance: worker,
    // Lost jobs (expired, silent heartbeat) are looked for on a queue's monitor pass, which runs at
    // most every monitorIntervalSeconds (60 by default): both follow the one setting.
    superviseIntervalSeconds: settings.superviseIntervalSeconds,
    monitorIntervalSeconds: settings.superviseIntervalSeconds,
    ...(worker ? { instanceName: 'm365-compliance worker' } : {}),
  });
  // pg-boss reports connection trouble (a restarted PostgreSQL) as events and carries on; without a
  // listener Node would treat them as uncaught.
  boss.on('error', (error) => options.onError?.(error instanceof Error ? error : new Error(String(error))));
  await boss.start();
  try {
    await ensureTenantAuditQueues(boss, options.settings);
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw error;
  }
  return boss;
}

function queueOptions(settings: ResolvedWorkerSettings) {
  return {
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: settings.retryDelayMaxSeconds,
    expireInSeconds: settings.expireInSeconds,
    heartbeatSeconds: settings.heartbeatSeconds,
  };
}

/**
 * Creates the queues when missing. With `settings` (a worker starting), the queue's retry, expiry and
 * heartbeat options are set from them, so the operator's config decides them for jobs sent from now.
 */
export async function ensureTenantAuditQueues(
  boss: PgBoss,
  settings?: ResolvedWorkerSettings,
): Promise<void> {
  const existing = new Set(
    (await boss.getQueues([TENANT_AUDIT_QUEUE, TENANT_AUDIT_DEAD_LETTER_QUEUE])).map((q) => q.name),
  );
  if (!existing.has(TENANT_AUDIT_DEAD_LETTER_QUEUE))
    await boss.createQueue(TENANT_AUDIT_DEAD_LETTER_QUEUE, {
      retentionSeconds: 30 * 86_400,
      deleteAfterSeconds: 30 * 86_400,
    });
  const options = queueOptions(settings ?? defaultWorkerSettings);
  if (!existing.has(TENANT_AUDIT_QUEUE)) {
    await boss.createQueue(TENANT_AUDIT_QUEUE, { ...options, deadLetter: TENANT_AUDIT_DEAD_LETTER_QUEUE });
  } else if (settings) {
    await boss.updateQueue(TENANT_AUDIT_QUEUE, options);
  }
}
