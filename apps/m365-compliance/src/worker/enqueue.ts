import type { TenantEntry, TenantRegistry } from '@m365-mcp/auth';
import { openBoss, TENANT_AUDIT_QUEUE, type TenantAuditJob, tenantGroup } from './queue.js';
import type { ResolvedWorkerSettings } from './settings.js';

// "Audit now": one tenant-audit job per tenant, taken by the next free worker.

export interface EnqueueTenantAuditsOptions {
  databaseUrl: string;
  registry: TenantRegistry;
  /** Which tenants (entries of the registry); all of them by default. */
  tenants?: readonly TenantEntry[];
  /** settings.worker of the shared config: the queue's retry, expiry and heartbeat options. */
  settings?: ResolvedWorkerSettings;
}

export interface EnqueuedAudit {
  tenant: string;
  tenantId: string;
  jobId: string;
}

export async function enqueueTenantAudits(options: EnqueueTenantAuditsOptions): Promise<EnqueuedAudit[]> {
  const tenants = options.tenants ?? options.registry.tenants;
  const boss = await openBoss({
    databaseUrl: options.databaseUrl,
    role: 'client',
    ...(options.settings ? { settings: options.settings } : {}),
  });
  try {
    const queued: EnqueuedAudit[] = [];
    for (const entry of tenants) {
      const data: TenantAuditJob = { tenant: entry.name, tenantId: entry.tenantId };
      const jobId = await boss.send(TENANT_AUDIT_QUEUE, data, { group: tenantGroup(entry.tenantId) });
      if (jobId === null)
        throw new Error(`the audit of ${entry.name} was not queued (pg-boss refused the job).`);
      queued.push({ tenant: entry.name, tenantId: entry.tenantId, jobId });
    }
    return queued;
  } finally {
    await boss.stop({ graceful: false });
  }
}
