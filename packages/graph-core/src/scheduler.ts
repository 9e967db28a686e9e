// Coordinates every request of one client per Graph workload: bounded concurrency, pacing where
// Microsoft publishes a request rate, and a shared pause when the service says "slow down", so one
// throttled request holds back its whole workload instead of each request hammering on its own.
import { type Clock, systemClock } from './clock.js';
import { type BackoffOptions, backoffDelay } from './retry-policy.js';
import { type AdminWorkload, type GraphWorkload, WORKLOADS, type Workload, workloadOf } from './workload.js';

export { type AdminWorkload, type GraphWorkload, WORKLOADS, type Workload, workloadOf };

export interface WorkloadLimits {
  /** Requests of this workload in flight at once. */
  maxConcurrency: number;
  /** Least time between the end of one request and the start of the next (0: no pacing). */
  minIntervalMs: number;
  /** At most `windowMax` requests per `windowMs` (both set, or no window). */
  windowMax?: number | undefined;
  windowMs?: number | undefined;
}

export interface SchedulerOptions {
  /** Per-workload overrides of DEFAULT_WORKLOAD_LIMITS. */
  limits?: Partial<Record<Workload, Partial<WorkloadLimits>>>;
  /** Retries of one request after 429/503/504, a dropped connection or a malformed body. Default 6. */
  maxRetries?: number;
  /** Total time one request may spend waiting to be retried before it gives up. Default 120 s. */
  maxTotalWaitMs?: number;
  /** Exponential backoff when the service sends no Retry-After. Defaults 1 s base, 30 s cap. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  clock?: Clock;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /**
   * A bound shared with other schedulers: requests in flight across all of them. Graph's limits
   * are per app per tenant, so a server serving many tenants gives each tenant a scheduler of its
   * own (one tenant throttled hard does not hold back the others) and all of them one
   * SharedRequestBudget, which bounds what the app as a whole sends at once.
   */
  shared?: SharedRequestBudget;
}

/**
 * Microsoft's published limits (learn.microsoft.com/graph/throttling-limits), kept below the edge:
 * identity protection and conditional access allow ~1 request per second per tenant and send no
 * Retry-After; identity reports allow 5 requests per 10 s; secure score allows 4 concurrent and
 * security alerts 150 per minute.
 *
 * The admin APIs beyond Graph: Fabric's admin APIs allow about 25 requests per minute per caller
 * (learn.microsoft.com/rest/api/fabric/admin/tenants/list-tenant-settings: "Maximum 25 requests per
 * minute"; kept at 20). Exchange Online and Security & Compliance publish no request rate for their admin API but
 * throttle a tenant's concurrent admin sessions, so a few at a time; Teams' and SharePoint's admin
 * APIs publish none either: a few at a time, and their 429s pause the lane.
 */
export const DEFAULT_WORKLOAD_LIMITS: Readonly<Record<Workload, WorkloadLimits>> = {
  directory: { maxConcurrency: 8, minIntervalMs: 0 },
  sharepoint: { maxConcurrency: 8, minIntervalMs: 0 },
  security: { maxConcurrency: 4, minIntervalMs: 0, windowMax: 150, windowMs: 60_000 },
  reports: { maxConcurrency: 1, minIntervalMs: 0, windowMax: 5, windowMs: 10_000 },
  identityProtection: { maxConcurrency: 1, minIntervalMs: 1_000 },
  other: { maxConcurrency: 8, minIntervalMs: 0 },
  exchange: { maxConcurrency: 3, minIntervalMs: 0 },
  compliance: { maxConcurrency: 3, minIntervalMs: 0 },
  teamsAdmin: { maxConcurrency: 4, minIntervalMs: 0 },
  fabricAdmin: { maxConcurrency: 1, minIntervalMs: 0, windowMax: 20, windowMs: 60_000 },
  sharepointAdmin: { maxConcurrency: 4, minIntervalMs: 0 },
};

/** Call once when the request's response has been received (and its body read). */
export type ReleaseSlot = () => void;

export interface RetryBudget {
  maxRetries: number;
  maxTotalWaitMs: number;
}

export class Scheduler {
  readonly clock: Clock;
  readonly budget: RetryBudget;
  private readonly backoffOptions: BackoffOptions;
  private readonly lanes: Map<Workload, Lane>;
  private readonly shared: SharedRequestBudget | undefined;

  constructor(options: SchedulerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.shared = options.shared;
    this.budget = {
      maxRetries: nonNegative(options.maxRetries, 6),
      maxTotalWaitMs: nonNegative(options.maxTotalWaitMs, 120_000),
    };
    this.backoffOptions = {
      baseMs: nonNegative(options.backoffBaseMs, 1_000),
      capMs: nonNegative(options.backoffCapMs, 30_000),
      random: options.random ?? Math.random,
    };
    this.lanes = new Map(
      WORKLOADS.map((workload) => [
        workload,
        new Lane(resolveLimits(DEFAULT_WORKLOAD_LIMITS[workload], options.limits?.[workload]), this.clock),
      ]),
    );
  }

  /**
   * Waits for a slot in the workload's lane (concurrency, pacing, any pause), then for one of the
   * shared budget if there is one, and holds both. The lane comes first so that requests held back
   * by their own tenant's pause never take a shared slot another tenant could use.
   */
  async acquire(workload: Workload, signal?: AbortSignal): Promise<ReleaseSlot> {
    const releaseLane = await this.lane(workload).acquire(signal);
    if (this.shared === undefined) return releaseLane;
    let releaseShared: ReleaseSlot;
    try {
      releaseShared = await this.shared.acquire(signal);
    } catch (error) {
      releaseLane();
      throw error;
    }
    return () => {
      releaseShared();
      releaseLane();
    };
  }

  /** Holds back every request of the workload until `ms` from now (extends, never shortens, a pause). */
  pause(workload: Workload, ms: number): void {
    this.lane(workload).pauseFor(ms);
  }

  /** When the workload's pause ends (epoch ms; in the past when not paused). */
  pausedUntil(workload: Workload): number {
    return this.lane(workload).pausedUntil;
  }

  /** The backoff before retry number `attempt` (from 0) when the service gave no Retry-After. */
  backoff(attempt: number): number {
    return backoffDelay(attempt, this.backoffOptions);
  }

  limits(workload: Workload): Readonly<WorkloadLimits> {
    return this.lane(workload).limits;
  }

  private lane(workload: Workload): Lane {
    const lane = this.lanes.get(workload);
    if (lane === undefined) throw new Error(`Unknown workload: ${String(workload)}`);
    return lane;
  }
}

/**
 * Requests in flight across several schedulers (one per tenant), FIFO: the app's budget as a whole.
 * It knows nothing of workloads or pauses; each scheduler keeps those for its own tenant.
 */
export class SharedRequestBudget {
  readonly maxInFlight: number;
  private active = 0;
  private readonly queue: { start: () => void; signal: AbortSignal | undefined; onAbort: () => void }[] = [];

  constructor(maxInFlight: number) {
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
      throw new RangeError(
        `A shared request budget needs a whole number of requests >= 1, not ${maxInFlight}`,
      );
    }
    this.maxInFlight = maxInFlight;
  }

  /** Requests holding a slot now. */
  get inFlight(): number {
    return this.active;
  }

  /** Requests waiting for a slot now. */
  get waiting(): number {
    return this.queue.length;
  }

  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    return new Promise<ReleaseSlot>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter = {
        signal,
        start: () => resolve(this.start()),
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index !== -1) this.queue.splice(index, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  private start(): ReleaseSlot {
    this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.pump();
    };
  }

  private pump(): void {
    while (this.queue.length > 0 && this.active < this.maxInFlight) {
      const waiter = this.queue.shift();
      if (waiter === undefined) return;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.start();
    }
  }
}

interface Waiter {
  resolve: (release: ReleaseSlot) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** One workload's queue; FIFO so a paced workload serves requests in the order they asked. */
class Lane {
  pausedUntil = 0;
  private active = 0;
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastEnd = Number.NEGATIVE_INFINITY;
  /** Per request in the window: its start, replaced by its end once it has ended. */
  private readonly window: { at: number }[] = [];
  private readonly queue: Waiter[] = [];
  private wakeAt: number | undefined;

  constructor(
    readonly limits: WorkloadLimits,
    private readonly clock: Clock,
  ) {}

  acquire(signal: AbortSignal | undefined): Promise<ReleaseSlot> {
    return new Promise<ReleaseSlot>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index !== -1) this.queue.splice(index, 1);
          reject(signal?.reason);
          this.pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + Math.max(0, ms));
  }

  private pump(): void {
    while (this.queue.length > 0 && this.active < this.limits.maxConcurrency) {
      const now = this.clock.now();
      const readyAt = this.readyAt(now);
      if (readyAt > now) {
        this.wakeIn(readyAt - now);
        return;
      }
      const waiter = this.queue.shift();
      if (waiter === undefined) return;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(this.start(now));
    }
  }

  private start(now: number): ReleaseSlot {
    this.active += 1;
    this.lastStart = now;
    const windowEntry = { at: now };
    if (this.limits.windowMax !== undefined && this.limits.windowMs !== undefined)
      this.window.push(windowEntry);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const end = this.clock.now();
      this.active -= 1;
      this.lastEnd = Math.max(this.lastEnd, end);
      // The service counts a request when it arrives, which is somewhere before its response ends;
      // counting from the end keeps a slow request from letting the next one in too early.
      windowEntry.at = end;
      this.window.sort((a, b) => a.at - b.at);
      this.pump();
    };
  }

  private readyAt(now: number): number {
    let readyAt = this.pausedUntil;
    const { minIntervalMs, windowMax, windowMs } = this.limits;
    if (minIntervalMs > 0) {
      // From the later of the last start and the last end, for the same reason as the window.
      readyAt = Math.max(readyAt, this.lastStart + minIntervalMs, this.lastEnd + minIntervalMs);
    }
    if (windowMax !== undefined && windowMs !== undefined) {
      while ((this.window[0]?.at ?? Number.POSITIVE_INFINITY) <= now - windowMs) this.window.shift();
      if (this.window.length >= windowMax) {
        const oldestCounted = this.window[this.window.length - windowMax]?.at ?? now;
        readyAt = Math.max(readyAt, oldestCounted + windowMs);
      }
    }
    return readyAt;
  }

  private wakeIn(ms: number): void {
    const at = this.clock.now() + ms;
    if (this.wakeAt !== undefined && this.wakeAt <= at) return;
    this.wakeAt = at;
    void this.clock.sleep(ms).then(() => {
      if (this.wakeAt === at) this.wakeAt = undefined;
      this.pump();
    });
  }
}

function resolveLimits(
  defaults: WorkloadLimits,
  override: Partial<WorkloadLimits> | undefined,
): WorkloadLimits {
  const merged = { ...defaults, ...override };
  return {
    maxConcurrency: Math.max(1, Math.floor(merged.maxConcurrency)),
    minIntervalMs: Math.max(0, merged.minIntervalMs),
    windowMax: merged.windowMax,
    windowMs: merged.windowMs,
  };
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value === undefined || !Number.isFinite(value) || value < 0 ? fallback : value;
}
