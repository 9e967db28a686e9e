import type { RunRepository } from '@m365-mcp/cis-bridge';
import { type MonitorClock, systemClock } from './clock.js';
import { type ComplianceMonitor, lastMonitorRunStart, type MonitorRunResult } from './monitor.js';
import type { MonitorTenant } from './notification.js';

// `monitor --tenants`: one schedule per tenant of the registry in one process. Each tenant keeps its
// own interval (its last monitor run's start + interval, from the store, so a restart resumes it);
// first runs are spread over the interval rather than all at once; at most `concurrency` tenants are
// audited at a time. A tenant whose run fails is logged and tried again at its next turn; the other
// tenants' schedules never wait on it beyond the concurrency bound.

/** One tenant's monitor, with the connection it was built on (opened on the tenant's first run). */
export interface TenantMonitorHandle {
  monitor: ComplianceMonitor;
  close(): Promise<void>;
}

export type TenantsMonitorEvent =
  | { type: 'run-started'; tenant: MonitorTenant; at: number }
  | { type: 'run-finished'; tenant: MonitorTenant; at: number; result: MonitorRunResult };

export interface TenantsMonitorOptions {
  tenants: readonly MonitorTenant[];
  /** Builds a tenant's monitor on its own connection; a failure counts as that tenant's failed run. */
  open(tenant: MonitorTenant, signal: AbortSignal): Promise<TenantMonitorHandle>;
  /** Where the tenants' last monitor runs are read from, to resume their schedules. */
  store: RunRepository;
  intervalMs: number;
  /** Tenants audited at the same time (default 2). */
  concurrency?: number;
  clock?: MonitorClock;
  stderr?: (text: string) => void;
  /** Each run's start and end, for progress and tests. */
  onEvent?: (event: TenantsMonitorEvent) => void;
}

export const DEFAULT_TENANT_CONCURRENCY = 2;

interface Slot {
  tenant: MonitorTenant;
  due: number;
  busy: boolean;
  handle?: TenantMonitorHandle;
}

export class TenantsMonitor {
  private readonly controller = new AbortController();
  private readonly clock: MonitorClock;
  private readonly concurrency: number;
  private readonly slots: Slot[];
  private loop: Promise<void> | undefined;
  /** Wakes the scheduler when a run ends or the monitor stops. */
  private wake: (() => void) | undefined;
  readonly results: { tenant: MonitorTenant; result: MonitorRunResult }[] = [];

  constructor(private readonly options: TenantsMonitorOptions) {
    if (options.tenants.length === 0) throw new Error('the tenants registry lists no tenant to monitor.');
    const concurrency = options.concurrency ?? DEFAULT_TENANT_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new Error(`concurrency must be a whole number of at least 1, not ${concurrency}.`);
    this.concurrency = concurrency;
    this.clock = options.clock ?? systemClock;
    this.slots = options.tenants.map((tenant) => ({ tenant, due: 0, busy: false }));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs every tenant's schedule until stop(); resolves once the runs under way are finished or abandoned. */
  start(): Promise<void> {
    this.loop ??= this.schedule();
    return this.loop;
  }

  /** Every tenant once (`--once`), at most `concurrency` at a time; resolves with their results. */
  async runEachOnce(): Promise<{ tenant: MonitorTenant; result: MonitorRunResult }[]> {
    const queue = [...this.slots];
    const worker = async () => {
      for (let slot = queue.shift(); slot && !this.signal.aborted; slot = queue.shift())
        await this.runTenant(slot);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    return this.results;
  }

  async stop(): Promise<void> {
    this.controller.abort();
    this.wake?.();
    await this.loop;
  }

  /** Closes every tenant's connection (after stop() or runEachOnce()). */
  async close(): Promise<void> {
    const handles = this.slots.flatMap((s) => (s.handle ? [s.handle] : []));
    for (const s of this.slots) delete s.handle;
    await Promise.allSettled(handles.map((h) => h.close()));
  }

  private async schedule(): Promise<void> {
    const signal = this.signal;
    const { intervalMs } = this.options;
    const start = this.clock.now();
    const count = this.slots.length;
    // A tenant with a stored monitor run resumes its schedule; the others start spread over the
    // interval in registry order (tenant i of n after i/n of it), so n tenants never start at once.
    await Promise.all(
      this.slots.map(async (slot, i) => {
        const last = await lastMonitorRunStart(this.options.store, slot.tenant.tenantId);
        slot.due =
          last === undefined
            ? start + Math.floor((i * intervalMs) / count)
            : Math.max(start, last + intervalMs);
      }),
    );
    const running = new Set<Promise<void>>();
    while (!signal.aborted) {
      const now = this.clock.now();
      const due = this.slots.filter((s) => !s.busy && s.due <= now).sort((a, b) => a.due - b.due);
      for (const slot of due) {
        if (running.size >= this.concurrency) break;
        slot.busy = true;
        const run: Promise<void> = this.runTenant(slot).finally(() => {
          slot.busy = false;
          running.delete(run);
          this.wake?.();
        });
        running.add(run);
      }
      // Sleep until the next idle tenant is due (when a run could start), or until a run ends.
      const idle = this.slots.filter((s) => !s.busy);
      const next =
        running.size < this.concurrency && idle.length > 0 ? Math.min(...idle.map((s) => s.due)) : undefined;
      const interrupt = new AbortController();
      const woken = new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      await Promise.race([
        woken,
        ...(next === undefined
          ? []
          : [this.clock.sleep(next - now, AbortSignal.any([signal, interrupt.signal]))]),
      ]);
      interrupt.abort();
    }
    await Promise.allSettled(running);
  }

  private async runTenant(slot: Slot): Promise<void> {
    const { tenant } = slot;
    const at = this.clock.now();
    this.options.onEvent?.({ type: 'run-started', tenant, at });
    let result: MonitorRunResult;
    try {
      slot.handle ??= await this.options.open(tenant, this.signal);
      result = await slot.handle.monitor.runScheduled();
    } catch (error) {
      // The tenant's connection could not be built (a credential file missing, ...): its run fails.
      result = {
        outcome: 'error',
        worsened: [],
        error: error instanceof Error ? error.message : String(error),
      };
    }
    slot.due = at + this.options.intervalMs;
    if (result.outcome === 'error' && slot.handle) {
      // Its next run signs in afresh: a token cached from before a revoked (then restored) consent
      // would keep failing until it expired.
      const handle = slot.handle;
      delete slot.handle;
      await handle.close().catch(() => {});
    }
    if (result.outcome === 'error')
      this.log(
        `tenant ${tenant.name} (${tenant.tenantId}) failed: ${result.error ?? 'unknown'}; tried again at ${new Date(
          slot.due,
        ).toISOString()}, the other tenants carry on`,
      );
    this.results.push({ tenant, result });
    this.options.onEvent?.({ type: 'run-finished', tenant, at: this.clock.now(), result });
  }

  private log(text: string): void {
    (this.options.stderr ?? ((t: string) => void process.stderr.write(t)))(
      `m365-compliance monitor: ${text}\n`,
    );
  }
}
