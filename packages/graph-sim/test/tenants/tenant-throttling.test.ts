import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphSim, startGraphSim } from '../../src/index.js';
import { graphGet, SECRET, secretToken, startPortfolioSim } from './support.js';

describe('throttling per tenant', () => {
  let sim: GraphSim;

  beforeAll(async () => {
    sim = await startPortfolioSim();
  });
  afterAll(() => sim.close());

  it('keeps one budget per tenant: a tenant throttled hard does not throttle the others', async () => {
    const [first, one, two] = sim.tenantIds as [string, string, string];
    expect(sim.throttlingOf(first)).toBe(sim.throttling);
    expect(() => sim.throttlingOf('nowhere.onmicrosoft.com')).toThrow(/not hosted/);

    const app = sim.registerApp({ roles: ['Organization.Read.All'], secret: SECRET });
    sim.consent(one, app.clientId);
    sim.consent(two, app.clientId);
    // Tenant 01 is throttled hard: one directory request, then nothing for a long while.
    const hard = sim.throttlingOf(one);
    hard.setMode('faithful');
    hard.configure('directory', { capacity: 1, refillPerSecond: 0.001 });
    sim.throttlingOf(two).setMode('faithful');

    const tokens = await Promise.all([first, one, two].map((t) => secretToken(sim, t, app.clientId)));
    const rounds = 5;
    const statuses = await Promise.all(
      tokens.map(async (token) => {
        const answers = await Promise.all(
          Array.from({ length: rounds }, () => graphGet(sim, '/organization', token)),
        );
        return answers.map((a) => a.status);
      }),
    );
    const [contoso, throttled, other] = statuses as [number[], number[], number[]];
    expect(throttled.filter((s) => s === 429)).toHaveLength(rounds - 1);
    expect(contoso.every((s) => s === 200)).toBe(true);
    expect(other.every((s) => s === 200)).toBe(true);

    const log = sim.requests.all().filter((e) => e.path === '/organization');
    const throttledBy = (tenantId: string) =>
      log.filter((e) => e.tenantId === tenantId && e.throttled).length;
    expect([throttledBy(first), throttledBy(one), throttledBy(two)]).toEqual([0, rounds - 1, 0]);
    // Each entry's interval [time, time + durationMs] is what a benchmark counts concurrency from.
    expect(log.every((e) => e.durationMs >= 0 && e.time > 0)).toBe(true);
  });

  it("counts the simulator's latency in each request's duration", async () => {
    const slow = await startGraphSim({ latencyMs: 40 });
    try {
      const token = slow.issueToken({ clientId: 'latency-test', roles: ['Organization.Read.All'] });
      expect((await graphGet(slow, '/organization', token)).status).toBe(200);
      expect(slow.requests.all().at(-1)?.durationMs).toBeGreaterThanOrEqual(39);
    } finally {
      await slow.close();
    }
  });
});
