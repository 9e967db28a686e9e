// The portfolio benchmark's arithmetic: Microsoft's per-tenant throttling budgets, what one audit
// asks of each, the throttle-bound minimum wall time, and the largest per-tenant overlap of audits.
import type { RequestLogEntry, ThrottleBudget, ThrottledWorkload } from '@m365-mcp/graph-sim';

export type Budgets = Record<ThrottledWorkload, ThrottleBudget>;

/**
 * Microsoft's documented limits (learn.microsoft.com/graph/throttling-limits), per app per tenant
 * except identity protection (per tenant, all apps). The directory's depends on the tenant's size:
 * 3,500 resource units per 10 s below 50 users, 5,000 up to 500, 8,000 above.
 */
export function tenantBudgets(users: number): Budgets {
  const directory = users < 50 ? 3_500 : users <= 500 ? 5_000 : 8_000;
  return {
    directory: { capacity: directory, refillPerSecond: directory / 10 },
    // Risky users, risk detections and conditional access: 1 request per second, no Retry-After.
    identityProtection: { capacity: 1, refillPerSecond: 1 },
    // Identity and access reports (registration details, sign-ins): 5 requests per 10 s.
    reports: { capacity: 5, refillPerSecond: 0.5 },
    // Alerts, incidents, Secure Score: 150 requests per minute.
    security: { capacity: 150, refillPerSecond: 150 / 60 },
    // SharePoint: 1,250 resource units per minute for the app in the tenant.
    sharepoint: { capacity: 1_250, refillPerSecond: 1_250 / 60 },
  };
}

const WORKLOADS: readonly ThrottledWorkload[] = [
  'directory',
  'identityProtection',
  'reports',
  'security',
  'sharepoint',
];

/** What a tenant's audits asked of each budget: resource units of the requests answered (429s cost nothing). */
export type Demand = Record<ThrottledWorkload, number>;

export function demandByTenant(log: readonly RequestLogEntry[]): Map<string, Demand> {
  const demand = new Map<string, Demand>();
  for (const e of log) {
    if (!e.tenantId || e.throttled || e.status === 429 || e.resourceUnits === null) continue;
    if (!e.workload || e.workload === 'other') continue;
    const d = demand.get(e.tenantId) ?? (Object.fromEntries(WORKLOADS.map((w) => [w, 0])) as Demand);
    d[e.workload] += e.resourceUnits;
    demand.set(e.tenantId, d);
  }
  return demand;
}

/**
 * The least time a tenant's audits can take with its budgets alone: each bucket starts full, so
 * `capacity` units go at once and the rest at `refillPerSecond`; the slowest workload decides.
 * Requests are taken as instantaneous (no latency, no CPU): a lower bound, not an estimate.
 */
export function throttleBoundSeconds(demand: Demand, budgets: Budgets): { seconds: number; by: string } {
  let seconds = 0;
  let by = 'none';
  for (const w of WORKLOADS) {
    const b = budgets[w];
    const wait = Math.max(0, (demand[w] - b.capacity) / b.refillPerSecond);
    if (wait > seconds) {
      seconds = wait;
      by = w;
    }
  }
  return { seconds, by };
}

/** The app's own limit across every tenant: 130,000 requests per 10 seconds (Microsoft documented). */
export const APP_REQUESTS_PER_SECOND = 130_000 / 10;

export interface PortfolioMinimum {
  /**
   * Every tenant at once, each limited only by its own budgets: the slowest tenant, or the app's
   * limit across tenants for all the requests, whichever is longer.
   */
  allParallelSeconds: number;
  /**
   * With `slots` audits at once in all (workers x their concurrency), each tenant's audits holding
   * a slot for at least its throttle-bound time: max(slowest tenant, total / slots).
   */
  withSlotsSeconds: number;
}

export function portfolioMinimum(
  perTenantSeconds: readonly number[],
  requests: number,
  slots: number,
): PortfolioMinimum {
  const allParallel = Math.max(0, ...perTenantSeconds, requests / APP_REQUESTS_PER_SECOND);
  const total = perTenantSeconds.reduce((a, b) => a + b, 0);
  return { allParallelSeconds: allParallel, withSlotsSeconds: Math.max(allParallel, total / slots) };
}

export interface Interval {
  key: string;
  start: number;
  end: number;
}

/** Per key, the most intervals open at one instant (an end at t closes before a start at t opens). */
export function maxOverlapByKey(intervals: readonly Interval[]): Map<string, number> {
  const byKey = new Map<string, { t: number; d: number }[]>();
  for (const i of intervals) {
    const events = byKey.get(i.key) ?? [];
    events.push({ t: i.start, d: 1 }, { t: i.end, d: -1 });
    byKey.set(i.key, events);
  }
  const result = new Map<string, number>();
  for (const [key, events] of byKey) {
    events.sort((a, b) => a.t - b.t || a.d - b.d);
    let open = 0;
    let most = 0;
    for (const e of events) {
      open += e.d;
      most = Math.max(most, open);
    }
    result.set(key, most);
  }
  return result;
}
