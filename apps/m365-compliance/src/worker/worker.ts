import type { TenantRegistry } from '@m365-mcp/auth';
import type { RunRepository } from '@m365-mcp/cis-bridge';
import type { PgBoss } from 'pg-boss';
import type { ComplianceSettings } from '../analysis/settings.js';
import { type AuditJobOutcome, runAuditJob, type WorkerWebhook } from './audit-job.js';
import { NotificationOutbox, type OutboxPool } from './outbox.js';
import { openBoss, TENANT_AUDIT_QUEUE, type TenantAuditJob } from './queue.js';
import type { ResolvedWorkerSettings } from './settings.js';

// A worker process: takes tenant-audit jobs from pg-boss, at most `concurrency` at a time here and
// at most `settings.tenantConcurrency` per tenant across every worker (pg-boss group concurrency,
// counted in the database), until stopped. Stopping stops taking jobs, lets the audits under way
// finish for `stopGraceSeconds`, then hands back whatever is left (pg-boss fails it, so it is retried).

export interface WorkerOptions {
  databaseUrl: string;
  registry: TenantRegistry;
  env: Record<string, string | undefined>;
  /** Jobs at once in this process. */
  concurrency: number;
  settings: ResolvedWorkerSettings;
  compliance: ComplianceSettings;
  store: RunRepository;
  /** The pool the notification outbox uses (the database migrations created its table). */
  pool: OutboxPool;
  webhook?: WorkerWebhook;
  ca?: string;
  log(text: string): void;
  /** Each finished job, for progress and tests. */
  onJob?: (event: { jobId: string; outcome?: AuditJobOutcome; error?: string }) => void;
}

export interface RunningWorker {
  boss: PgBoss;
  /** Stops taking jobs, waits for (or hands back) the current ones, closes pg-boss. */
  stop(): Promise<void>;
}

/** How long the webhook may take for one notification, retries and backoff included. */
function deliveryBoundMs(webhook: WorkerWebhook | undefined): number {
  const attempts = webhook?.attempts ?? 4;
  const timeout = webhook?.timeoutMs ?? 10_000;
  const backoff = webhook?.backoffMs ?? 1_000;
  return attempts * timeout + backoff * (2 ** attempts - 1);
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { settings, log } = options;
  const boss = await openBoss({
    databaseUrl: options.databaseUrl,
    role: 'worker',
    settings,
    // A restarted or unreachable PostgreSQL: pg-boss keeps polling and reconnects by itself.
    onError: (error) => log(`queue: ${error.message}`),
  });
  const outbox = new NotificationOutbox(options.pool, {
    sendingTimeoutMs: deliveryBoundMs(options.webhook) + 30_000,
    lockTimeoutMs: deliveryBoundMs(options.webhook) + 30_000,
  });
  await boss.work<TenantAuditJob, AuditJobOutcome>(
    TENANT_AUDIT_QUEUE,
    {
      localConcurrency: options.concurrency,
      groupConcurrency: settings.tenantConcurrency,
      pollingIntervalSeconds: settings.pollingIntervalSeconds,
      batchSize: 1,
    },
    async ([job]) => {
      if (!job) throw new Error('pg-boss handed the worker an empty batch.');
      log(`job ${job.id}: auditing tenant ${job.data.tenant} (attempt ${job.retryCount + 1})`);
      try {
        const outcome = await runAuditJob(
          { id: job.id, data: job.data, signal: job.signal },
          {
            registry: options.registry,
            env: options.env,
            store: options.store,
            outbox,
            settings: options.compliance,
            ...(options.webhook ? { webhook: options.webhook } : {}),
            ...(options.ca === undefined ? {} : { ca: options.ca }),
            log,
          },
        );
        options.onJob?.({ jobId: job.id, outcome });
        return outcome;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`job ${job.id}: tenant ${job.data.tenant} failed: ${message}`);
        options.onJob?.({ jobId: job.id, error: message });
        // pg-boss records the error as the job's output, retries it with backoff, and after the
        // last retry moves it to the dead letter queue.
        throw error;
      }
    },
  );
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: settings.stopGraceSeconds * 1_000 });
    },
  };
}
