import type { TenantEntry, TenantRegistry } from '@m365-mcp/auth';
import { resolveTenant, tenantEnvironment } from '@m365-mcp/auth';
import { type AuditRun, type RunRepository, runAudit } from '@m365-mcp/cis-bridge';
import { graphFromEnvironment } from '@m365-mcp/mcp-kit/startup';
import { dnsForRun } from '../analysis/dns.js';
import type { ComplianceSettings } from '../analysis/settings.js';
import type { MonitorNotification, MonitorTenant, WebhookFormat } from '../monitor/notification.js';
import { webhookPayload } from '../monitor/notification.js';
import { deliverWebhook } from '../monitor/webhook.js';
import { worsenedControls } from '../monitor/worsened.js';
import { auditServices } from '../tools/support/service-access.js';
import type { NotificationOutbox, OutboxDelivery } from './outbox.js';
import { tenantAuditJobSchema } from './queue.js';
import { signInToTenant } from './sign-in.js';

// One tenant-audit job: sign in to the tenant, run the CIS audit (the options run_security_audit
// uses), store the run under the job's id, compare it with the tenant's previous run and baseline,
// and notify through the outbox when a control got worse. Every step is safe to repeat: a retry
// after a worker died finds the run already stored (the audit is not run again) and the
// notification already recorded (and sent, or not yet).

/** The label of the runs workers store (as the monitor's are labelled `monitor`). */
export const WORKER_RUN_LABEL = 'worker';

export interface WorkerWebhook {
  url: string;
  format: WebhookFormat;
  attempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
}

export interface AuditJobDeps {
  registry: TenantRegistry;
  /** The worker's environment: the tenants' secrets, the M365_*_URL overrides. */
  env: Record<string, string | undefined>;
  store: RunRepository;
  outbox: NotificationOutbox;
  settings: ComplianceSettings;
  webhook?: WorkerWebhook;
  /** Extra CA for Graph and Entra (a simulator); NODE_EXTRA_CA_CERTS works as well. */
  ca?: string;
  log(text: string): void;
}

export interface AuditJobInput {
  id: string;
  data: unknown;
  signal?: AbortSignal;
}

/** What the job stores as its output in pg-boss. */
export interface AuditJobOutcome {
  runId: string;
  tenant: string;
  tenantId: string;
  save: 'stored' | 'duplicate' | 'already-stored';
  baseline: boolean;
  failing: number;
  worsened: number;
  notification: OutboxDelivery['status'] | 'none' | 'no-webhook';
}

export async function runAuditJob(job: AuditJobInput, deps: AuditJobDeps): Promise<AuditJobOutcome> {
  const data = tenantAuditJobSchema.parse(job.data);
  const entry = resolveTenant(deps.registry, data.tenant);
  if (entry.tenantId !== data.tenantId)
    throw new Error(
      `the job names tenant ${data.tenant} as ${data.tenantId}, but this worker's registry (${deps.registry.source}) has ${entry.tenantId}: the registries differ between machines.`,
    );
  const tenant: MonitorTenant = {
    name: entry.name,
    tenantId: entry.tenantId,
    displayName: entry.displayName ?? entry.name,
  };
  // The run is named after the job: every attempt of this job stores (at most) this one run.
  const runId = job.id;
  const { store } = deps;

  let run = await store.get(runId);
  let save: AuditJobOutcome['save'] = 'already-stored';
  let baseline = false;
  if (!run) {
    const audited = await auditTenant(entry, tenant, deps, job.signal);
    audited.id = runId;
    audited.label = WORKER_RUN_LABEL;
    audited.tenantName = tenant.displayName;
    const marked = (await store.list({ tenantId: tenant.tenantId, limit: 1_000 })).some((r) => r.baseline);
    baseline = !marked;
    save = await store.save(audited, { baseline });
    // A duplicate means another attempt of this job stored it first: that stored run is the run.
    run = save === 'stored' ? audited : ((await store.get(runId)) ?? audited);
    if (save === 'duplicate') baseline = false;
  }

  const previous = await previousRun(store, run);
  const worsened = previous ? worsenedControls(previous, run) : [];
  const failing = run.results.filter((r) => r.finding.status === 'fail').length;
  deps.log(
    `tenant ${tenant.name}: run ${runId} ${save}: ${failing} failing; ${worsened.length} got worse since ${
      previous ? `run ${previous.id}` : 'nothing (first run)'
    }`,
  );
  const outcome = {
    runId,
    tenant: tenant.name,
    tenantId: tenant.tenantId,
    save,
    baseline,
    failing,
    worsened: worsened.length,
  };
  if (!previous || worsened.length === 0) return { ...outcome, notification: 'none' };
  const webhook = deps.webhook;
  if (!webhook) return { ...outcome, notification: 'no-webhook' };

  const tenantBaseline = await store.baseline({ tenantId: tenant.tenantId });
  const notification: MonitorNotification = {
    runId,
    previousRunId: previous.id,
    ...(tenantBaseline && tenantBaseline.id !== runId ? { baselineRunId: tenantBaseline.id } : {}),
    tenantId: tenant.tenantId,
    tenant,
    startedAt: run.startedAt,
    worsened,
  };
  await deps.outbox.record(runId, tenant.tenantId, job.id, notification);
  const delivery = await deps.outbox.deliver(runId, (recorded) =>
    deliverWebhook(
      {
        url: webhook.url,
        ...(webhook.attempts === undefined ? {} : { attempts: webhook.attempts }),
        ...(webhook.backoffMs === undefined ? {} : { backoffMs: webhook.backoffMs }),
        ...(webhook.timeoutMs === undefined ? {} : { timeoutMs: webhook.timeoutMs }),
        // The receiver's key to drop a repeat: the run id, the same on every attempt of this job.
        headers: { 'Idempotency-Key': runId },
        ...(job.signal ? { signal: job.signal } : {}),
      },
      webhookPayload(webhook.format, recorded),
    ),
  );
  if (delivery.status === 'refused')
    deps.log(`tenant ${tenant.name}: the webhook refused run ${runId}'s notification: ${delivery.error}`);
  return { ...outcome, notification: delivery.status };
}

/** Signs in to the tenant with the registry's sign-in and audits it; throws when sign-in is refused. */
async function auditTenant(
  entry: TenantEntry,
  tenant: MonitorTenant,
  deps: AuditJobDeps,
  signal?: AbortSignal,
): Promise<AuditRun> {
  const env = tenantEnvironment(deps.registry, entry, deps.env);
  const connection = await graphFromEnvironment(env, deps.ca === undefined ? {} : { ca: deps.ca });
  try {
    await signInToTenant(connection, tenant, signal);
    const run = await runAudit(connection.graph, {
      exceptions: deps.settings.exceptions,
      ...dnsForRun(deps.settings, false),
      ...auditServices(connection.admin),
      ...(signal ? { signal } : {}),
    });
    signal?.throwIfAborted();
    // The token's tenant is the one asked for; a run of another directory is never stored as this one's.
    if (run.tenantId !== undefined && run.tenantId !== tenant.tenantId)
      throw new Error(
        `signed in for tenant ${tenant.name} (${tenant.tenantId}) but Graph answered for ${run.tenantId}: not stored.`,
      );
    return run;
  } finally {
    await Promise.all([connection.graph.close(), connection.admin.close()]);
  }
}

/** The tenant's newest run started before `run` (not `run` itself, which may be stored already). */
async function previousRun(store: RunRepository, run: AuditRun): Promise<AuditRun | undefined> {
  if (!run.tenantId) return undefined;
  const infos = await store.list({ tenantId: run.tenantId, source: run.source, limit: 50 });
  const before = infos.find((r) => r.id !== run.id && r.startedAt <= run.startedAt);
  return before ? store.get(before.id) : undefined;
}
