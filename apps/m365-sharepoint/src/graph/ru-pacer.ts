// Client-side pacing in SharePoint resource units. SharePoint throttles per app per tenant in
// resource units (a permission read costs 5, a multi-item read 2, a single item 1); an audit that
// runs into 429s loses far more time than it saves (Retry-After is whole seconds, and coming back
// early is throttled again). So the audit spends units from its own bucket, sized like the
// service's, and never asks faster than the budget refills. 429s are still handled by graph-core
// when the real budget is smaller than configured.

export interface RuBudget {
  /** Bucket size in resource units. */
  capacity: number;
  /** Units per minute (Microsoft documents 1,250 to 6,250 a minute depending on the tenant's size). */
  perMinute: number;
}

/** The documented budget for the smallest tenants; the safe default. */
export const DEFAULT_RU_BUDGET: RuBudget = { capacity: 1250, perMinute: 1250 };

const SAFETY = 0.98;

export class RuPacer {
  private tokens: number;
  private updated: number;
  private queue: Promise<void> = Promise.resolve();
  private readonly perMs: number;

  constructor(
    private readonly budget: RuBudget = DEFAULT_RU_BUDGET,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = budget.capacity;
    this.updated = now();
    // 2% below the service's rate: our bucket starts a request's flight before the service's, and
    // that head start would otherwise become a constant overdraft.
    this.perMs = (budget.perMinute * SAFETY) / 60_000;
  }

  /** Waits until `cost` units are available, then spends them. Callers are served in order. */
  acquire(cost: number, signal?: AbortSignal): Promise<void> {
    const wanted = Math.min(cost, this.budget.capacity);
    const turn = this.queue.then(() => this.take(wanted, signal));
    // A failed (aborted) turn must not block the ones behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async take(cost: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      this.tokens = Math.min(this.budget.capacity, this.tokens + (now - this.updated) * this.perMs);
      this.updated = now;
      if (this.tokens >= cost) {
        this.tokens -= cost;
        return;
      }
      const waitMs = Math.ceil((cost - this.tokens) / this.perMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** No pacing (tests that do not exercise throttling). */
export const NO_PACING = { acquire: async (_cost: number, _signal?: AbortSignal): Promise<void> => {} };
export type Pacer = Pick<RuPacer, 'acquire'>;
