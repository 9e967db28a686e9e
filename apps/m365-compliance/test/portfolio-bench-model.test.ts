// The portfolio benchmark's arithmetic (bench/portfolio-model.ts): its verdicts (the per-tenant
// concurrency check, the throttle-bound minimum) are only as good as these few functions.
import type { RequestLogEntry } from '@m365-mcp/graph-sim';
import { describe, expect, it } from 'vitest';
import {
  APP_REQUESTS_PER_SECOND,
  demandByTenant,
  maxOverlapByKey,
  portfolioMinimum,
  tenantBudgets,
  throttleBoundSeconds,
} from '../bench/portfolio-model.ts';

function entry(fields: Partial<RequestLogEntry>): RequestLogEntry {
  return {
    seq: 1,
    time: 0,
    side: 'graph',
    method: 'GET',
    url: '/v1.0/users',
    version: 'v1.0',
    path: '/users',
    query: {},
    headers: {},
    clientId: 'app',
    tenantId: 't1',
    status: 200,
    workload: 'directory',
    resourceUnits: 2,
    retryAfter: null,
    throttled: false,
    earlyRetry: false,
    fault: undefined,
    batch: undefined,
    durationMs: 1,
    responseBytes: 10,
    ...fields,
  };
}

describe('portfolio benchmark model', () => {
  it('counts audits of one tenant open at the same instant, per tenant; one ending as another starts is not an overlap', () => {
    const overlap = maxOverlapByKey([
      { key: 'a', start: 0, end: 10 },
      { key: 'a', start: 10, end: 20 },
      { key: 'b', start: 0, end: 10 },
      { key: 'b', start: 5, end: 15 },
      { key: 'b', start: 6, end: 7 },
    ]);
    expect(overlap.get('a')).toBe(1);
    expect(overlap.get('b')).toBe(3);
  });

  it("sums each tenant's answered resource units per workload; 429s and $batch envelopes cost nothing", () => {
    const demand = demandByTenant([
      entry({}),
      entry({ resourceUnits: 3 }),
      entry({ status: 429, throttled: true }),
      entry({ path: '/$batch', workload: null, resourceUnits: null }),
      entry({ workload: 'identityProtection', resourceUnits: 1 }),
      entry({ tenantId: 't2', workload: 'reports', resourceUnits: 1 }),
      entry({ side: 'entra', tenantId: 't2', workload: null, resourceUnits: null }),
    ]);
    expect(demand.get('t1')).toMatchObject({ directory: 5, identityProtection: 1, reports: 0 });
    expect(demand.get('t2')).toMatchObject({ directory: 0, reports: 1 });
  });

  it('a tenant is bound by the workload whose demand exceeds its full bucket the most', () => {
    const budgets = tenantBudgets(25);
    expect(budgets.directory).toEqual({ capacity: 3_500, refillPerSecond: 350 });
    expect(tenantBudgets(400).directory.capacity).toBe(5_000);
    expect(tenantBudgets(501).directory.capacity).toBe(8_000);
    const none = { directory: 27, identityProtection: 1, reports: 1, security: 1, sharepoint: 1 };
    expect(throttleBoundSeconds(none, budgets)).toEqual({ seconds: 0, by: 'none' });
    // 4 conditional-access reads: 1 at once, then 1 per second; 9 reports: 5 at once, then 1 per 2 s.
    expect(throttleBoundSeconds({ ...none, identityProtection: 4, reports: 9 }, budgets)).toEqual({
      seconds: 8,
      by: 'reports',
    });
  });

  it('the portfolio minimum: the slowest tenant or the app-wide request rate, then the slots', () => {
    expect(portfolioMinimum([1, 2, 3], 0, 100)).toEqual({ allParallelSeconds: 3, withSlotsSeconds: 3 });
    expect(portfolioMinimum([4, 4, 4, 4], 0, 2)).toEqual({ allParallelSeconds: 4, withSlotsSeconds: 8 });
    expect(portfolioMinimum([0, 0], APP_REQUESTS_PER_SECOND * 2, 1).allParallelSeconds).toBe(2);
  });
});
