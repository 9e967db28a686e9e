import { randomUUID } from 'node:crypto';
import type { AuditEntryInput, AuditLog } from '@m365-mcp/audit-log';
import { osCaller } from '@m365-mcp/audit-log';
import {
  type AuditExceptions,
  type AuditRun,
  compareRuns,
  type RunRepository,
  runAudit,
} from '@m365-mcp/cis-bridge';
import type { AdminApis, AdminService, DnsReader, GraphClient } from '@m365-mcp/graph-core';
import { type MonitorClock, systemClock } from './clock.js';
import {
  type MonitorNotification,
  type MonitorTenant,
  type WebhookFormat,
  webhookPayload,
} from './notification.js';
import type { RemediationOutcome, Remediator } from './remediation.js';
import { type DeliveryResult, deliverWebhook, webhookOrigin } from './webhook.js';
import { type WorsenedControl, worsenedControls } from './worsened.js';

/** The label of the runs the monitor stores: how a restarted monitor finds its last run in the store. */
export const MONITOR_RUN_LABEL = 'monitor';

export interface MonitorWebhook {
  url: string;
  format: WebhookFormat;
  attempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
}

export interface MonitorOptions {
  graph: GraphClient;
  /** The admin APIs beyond Graph (Exchange Online, Teams, Fabric, ...); their controls are skipped without them. */
  services?: AdminApis;
  /** What unlocks each admin API, for the reason of a skipped control. */
  serviceAccess?: Partial<Record<AdminService, string>>;
  store: RunRepository;
  intervalMs: number;
  /**
   * The registry's tenant this monitor audits (`monitor --tenants`): its runs, baseline and
   * notifications are that tenant's alone, and a run that signed in elsewhere is refused.
   */
  tenant?: MonitorTenant;
  /** The system clock unless a test moves time by hand. */
  clock?: MonitorClock;
  /** Stops this monitor when its owner (the tenants' scheduler) stops. */
  signal?: AbortSignal;
  auditLog?: AuditLog;
  webhook?: MonitorWebhook;
  exceptions?: Partial<AuditExceptions>;
  /** The DNS side of each run (SPF, DKIM, DMARC): a fresh reader a run, or why there is none. */
  dnsForRun?: () => { dns: DnsReader } | { dnsUnavailable: string };
  /** Attempts per scheduled run when the audit itself fails (Graph unreachable, ...). */
  runAttempts?: number;
  runRetryDelayMs?: number;
  stderr?: (text: string) => void;
  /**
   * Auto-remediation: failing controls on `controls` are fixed by `remediate` after each stored
   * run. A control whose fix failed is not tried again for `retryAfterMs` (a day by default), so a
   * missing permission is reported once a day, not at every run.
   */
  remediation?: { controls: readonly string[]; remediate: Remediator; retryAfterMs?: number };
}

export interface MonitorRunResult {
  outcome: 'ok' | 'error' | 'stopped';
  runId?: string;
  baseline?: boolean;
  worsened: WorsenedControl[];
  remediations?: RemediationOutcome[];
  /** Failing listed controls not tried in this run because their last fix failed recently. */
  remediationsHeld?: string[];
  notification?: DeliveryResult;
  error?: string;
}

/** When the newest monitor run (of `tenantId`, when given) started, if there is one. */
export async function lastMonitorRunStart(
  store: RunRepository,
  tenantId?: string,
): Promise<number | undefined> {
  const runs = await store.list({ ...(tenantId ? { tenantId } : {}), limit: 1_000 });
  const last = runs.find((r) => r.label === MONITOR_RUN_LABEL);
  return last ? Date.parse(last.startedAt) : undefined;
}

/**
 * Audits on a schedule, one run at a time. The schedule lives in the store (the last monitor run's
 * start), so a restarted monitor resumes it; an interrupted run was never saved (the store writes a
 * run in one transaction) and is simply redone.
 */
export class ComplianceMonitor {
  private readonly controller = new AbortController();
  private readonly signal: AbortSignal;
  private readonly clock: MonitorClock;
  private readonly session = randomUUID();
  private loop: Promise<void> | undefined;
  private lastFailureAt: number | undefined;
  /** When the last fix of a control failed; cleared when a fix applies or the control passes. */
  private readonly failedFixAt = new Map<string, number>();
  readonly results: MonitorRunResult[] = [];

  constructor(private readonly options: MonitorOptions) {
    this.clock = options.clock ?? systemClock;
    this.signal = options.signal
      ? AbortSignal.any([options.signal, this.controller.signal])
      : this.controller.signal;
  }

  /** When the next run is due: last monitor run + interval, or now if none or overdue. */
  async nextRunAt(now = this.clock.now()): Promise<number> {
    const last = await lastMonitorRunStart(this.options.store, this.options.tenant?.tenantId);
    const lastStart = Math.max(last ?? 0, this.lastFailureAt ?? 0);
    return lastStart === 0 ? now : Math.max(now, lastStart + this.options.intervalMs);
  }

  /** Runs until stop(); resolves once the current run is finished or abandoned. */
  start(): Promise<void> {
    this.loop ??= (async () => {
      const signal = this.signal;
      while (!signal.aborted) {
        await this.clock.sleep((await this.nextRunAt()) - this.clock.now(), signal);
        if (signal.aborted) break;
        await this.runScheduled();
      }
    })();
    return this.loop;
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
  }

  get stopped(): boolean {
    return this.signal.aborted;
  }

  /** One scheduled run with its bounded retries; never throws. */
  async runScheduled(): Promise<MonitorRunResult> {
    const attempts = this.options.runAttempts ?? 3;
    // The schedule's time (the clock) and the elapsed time the audit log reports (real time).
    const scheduledAt = this.clock.now();
    const started = Date.now();
    let result: MonitorRunResult = { outcome: 'error', worsened: [], error: 'not attempted' };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      result = await this.runOnce();
      if (result.outcome !== 'error') break;
      this.log(`run attempt ${attempt}/${attempts} failed: ${result.error}`);
      if (attempt < attempts) await this.clock.sleep(this.options.runRetryDelayMs ?? 30_000, this.signal);
      if (this.stopped) {
        result = { outcome: 'stopped', worsened: [] };
        break;
      }
    }
    if (result.outcome === 'error') {
      this.lastFailureAt = scheduledAt;
      await this.audit({
        outcome: 'error',
        durationMs: Date.now() - started,
        detail: { stage: 'audit', attempts, error: result.error ?? 'unknown' },
      });
    }
    this.results.push(result);
    return result;
  }

  private async runOnce(): Promise<MonitorRunResult> {
    const { store, tenant } = this.options;
    const signal = this.signal;
    const started = Date.now();
    let run: AuditRun;
    try {
      run = await runAudit(this.options.graph, {
        ...(this.options.exceptions ? { exceptions: this.options.exceptions } : {}),
        ...(this.options.dnsForRun ? this.options.dnsForRun() : {}),
        ...(this.options.services ? { services: this.options.services } : {}),
        ...(this.options.serviceAccess ? { serviceAccess: this.options.serviceAccess } : {}),
        signal,
      });
    } catch (error) {
      if (signal.aborted) return { outcome: 'stopped', worsened: [] };
      return {
        outcome: 'error',
        worsened: [],
        error: error instanceof Error ? error.message : String(error),
      };
    }
    // Graph answered nothing at all (every control errored): a failed run, retried, not stored.
    const evaluated = run.results.filter((r) => ['pass', 'fail', 'warning'].includes(r.finding.status));
    if (evaluated.length === 0 && run.results.some((r) => r.finding.status === 'error'))
      return {
        outcome: 'error',
        worsened: [],
        error: `no control could be evaluated (${run.results.find((r) => r.finding.status === 'error')?.finding.reason ?? 'Graph failed'})`,
      };
    // Credentials that signed in to another directory than the registry names: never stored as
    // this tenant's run (its baseline and drift would compare two customers).
    if (tenant && run.tenantId?.toLowerCase() !== tenant.tenantId.toLowerCase())
      return {
        outcome: 'error',
        worsened: [],
        error: `signed in to directory ${run.tenantId ?? 'unknown'}, not ${tenant.tenantId} as the tenants registry says; run not stored`,
      };
    // Stopped after the audit but before saving: abandon the run whole (it will be redone).
    if (signal.aborted) return { outcome: 'stopped', worsened: [] };
    run.label = MONITOR_RUN_LABEL;
    // Every comparison stays within the run's own tenant: one store may hold a whole portfolio.
    const tenantId = tenant?.tenantId ?? run.tenantId;
    const scope = tenantId ? { tenantId } : {};
    const previous = await store.latest({ ...scope, source: 'graph' });
    const hasBaseline = (await store.list({ ...scope, limit: 1_000 })).some((r) => r.baseline);
    await store.save(run, { baseline: !hasBaseline });
    const baseline = await store.baseline(scope);
    const worsened = previous ? worsenedControls(previous, run) : [];
    const sinceBaseline = baseline && baseline.id !== run.id ? compareRuns(baseline, run) : undefined;
    const failing = run.results.filter((r) => r.finding.status === 'fail').length;
    const errored = run.results.filter((r) => r.finding.status === 'error').length;
    this.log(
      `run ${run.id}: ${failing} failing, ${errored} not evaluated; ${worsened.length} got worse since the previous run${
        hasBaseline ? '' : ' (stored as the baseline)'
      }`,
    );

    const { outcomes: remediations, held } = await this.remediate(run);
    let notification: DeliveryResult | undefined;
    if ((worsened.length > 0 && previous) || remediations.length > 0) {
      const message: MonitorNotification = {
        runId: run.id,
        ...(previous ? { previousRunId: previous.id } : {}),
        ...(baseline ? { baselineRunId: baseline.id } : {}),
        ...(run.tenantId ? { tenantId: run.tenantId } : {}),
        ...(tenant ? { tenant } : {}),
        startedAt: run.startedAt,
        worsened,
        ...(remediations.length > 0 ? { remediations } : {}),
      };
      notification = await this.notify(message);
    }
    await this.audit({
      outcome: 'ok',
      durationMs: Date.now() - started,
      detail: {
        stage: 'run',
        runId: run.id,
        baseline: !hasBaseline,
        previousRunId: previous?.id ?? null,
        failing,
        notEvaluated: errored,
        worsened: worsened.map((w) => ({
          controlId: w.controlId,
          from: w.from,
          to: w.to,
          settings: w.settings.map((s) => `${s.resource}:${s.path}`).slice(0, 50),
        })),
        sinceBaseline: sinceBaseline
          ? {
              baselineRunId: sinceBaseline.baselineRunId,
              statusChanges: sinceBaseline.statusChanges.length,
              settingChanges: sinceBaseline.settingChanges.length,
            }
          : null,
        remediationsHeld: held,
        remediations: remediations.map((r) => ({
          controlId: r.controlId,
          status: r.status,
          planId: r.planId,
        })),
        notified: notification ? notification.ok : null,
      },
    });
    return {
      outcome: 'ok',
      runId: run.id,
      baseline: !hasBaseline,
      worsened,
      ...(remediations.length > 0 ? { remediations } : {}),
      ...(held.length > 0 ? { remediationsHeld: held } : {}),
      ...(notification ? { notification } : {}),
    };
  }

  /**
   * Fixes the run's failing allow-listed controls one at a time; a failure is reported, never
   * thrown. Returns the attempts, and the controls held back because their last fix failed recently.
   */
  private async remediate(run: AuditRun): Promise<{ outcomes: RemediationOutcome[]; held: string[] }> {
    const remediation = this.options.remediation;
    if (!remediation) return { outcomes: [], held: [] };
    const now = this.clock.now();
    const retryAfterMs = remediation.retryAfterMs ?? 86_400_000;
    for (const r of run.results) if (r.finding.status === 'pass') this.failedFixAt.delete(r.finding.id);
    const failing = run.results
      .map((r) => r.finding)
      .filter((f) => f.status === 'fail' && remediation.controls.includes(f.id));
    const outcomes: RemediationOutcome[] = [];
    const held: string[] = [];
    for (const finding of failing) {
      if (this.stopped) break;
      const failedAt = this.failedFixAt.get(finding.id);
      if (failedAt !== undefined && now - failedAt < retryAfterMs) {
        this.log(
          `remediation of ${finding.id}: not tried again before ${new Date(failedAt + retryAfterMs).toISOString()} (the last attempt failed)`,
        );
        held.push(finding.id);
        continue;
      }
      let outcome: RemediationOutcome;
      try {
        outcome = await remediation.remediate(finding.id);
      } catch (error) {
        // The plan could not be audited, so nothing was sent (the write gate's rule).
        outcome = {
          controlId: finding.id,
          status: 'failed',
          message: `Not applied: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      if (outcome.status === 'applied') this.failedFixAt.delete(finding.id);
      else this.failedFixAt.set(finding.id, now);
      this.log(`remediation of ${finding.id}: ${outcome.status}: ${outcome.message}`);
      outcomes.push(outcome);
    }
    return { outcomes, held };
  }

  private async notify(message: MonitorNotification): Promise<DeliveryResult | undefined> {
    const hook = this.options.webhook;
    if (!hook) return undefined;
    const started = Date.now();
    const result = await deliverWebhook(
      {
        url: hook.url,
        ...(hook.attempts === undefined ? {} : { attempts: hook.attempts }),
        ...(hook.backoffMs === undefined ? {} : { backoffMs: hook.backoffMs }),
        ...(hook.timeoutMs === undefined ? {} : { timeoutMs: hook.timeoutMs }),
        signal: this.signal,
      },
      webhookPayload(hook.format, message),
    );
    if (!result.ok) {
      this.log(
        `webhook ${webhookOrigin(hook.url)} failed after ${result.attempts} attempt(s): ${result.error ?? 'unknown'}; the monitor carries on`,
      );
      await this.audit({
        outcome: 'error',
        durationMs: Date.now() - started,
        detail: {
          stage: 'notify',
          runId: message.runId,
          webhook: webhookOrigin(hook.url),
          format: hook.format,
          attempts: result.attempts,
          error: result.error ?? 'unknown',
        },
      });
    }
    return result;
  }

  private async audit(entry: Pick<AuditEntryInput, 'outcome' | 'durationMs' | 'detail'>): Promise<void> {
    const log = this.options.auditLog;
    if (!log) return;
    try {
      await log.append({
        tool: 'monitor',
        caller: osCaller(),
        session: this.session,
        arguments: {
          ...(this.options.tenant
            ? { tenant: this.options.tenant.name, tenantId: this.options.tenant.tenantId }
            : {}),
          intervalMs: this.options.intervalMs,
          webhook: this.options.webhook ? webhookOrigin(this.options.webhook.url) : null,
          format: this.options.webhook?.format ?? null,
        },
        ...entry,
      });
    } catch (error) {
      // The audit log failing must not stop monitoring; say so where an operator looks.
      this.log(`audit log write failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private log(text: string): void {
    const tenant = this.options.tenant;
    (this.options.stderr ?? ((t: string) => void process.stderr.write(t)))(
      `m365-compliance monitor: ${tenant ? `tenant ${tenant.name} (${tenant.tenantId}): ` : ''}${text}\n`,
    );
  }
}
