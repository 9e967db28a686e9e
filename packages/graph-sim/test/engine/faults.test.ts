import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from './support/sim.js';

describe('scripted faults', () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim();
  });
  afterAll(() => t.sim.close());
  beforeEach(() => {
    t.sim.requests.clear();
    t.sim.faults.clear();
  });

  it('status: skips, then fails the given number of times, then lets requests through', async () => {
    t.sim.faults.add({
      match: { method: 'GET', path: '/users' },
      skip: 1,
      times: 2,
      fault: { kind: 'status', status: 503, retryAfter: 0 },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.get('/v1.0/users')).status);
    expect(statuses).toEqual([200, 503, 503, 200]);
    expect((await t.get('/v1.0/users/00000000-0000-4000-8000-000000000000')).status).toBe(200);
    const faulted = t.sim.requests.all().filter((e) => e.fault === 'status');
    expect(faulted).toHaveLength(2);
    expect(faulted[0]).toMatchObject({ status: 503, retryAfter: 0, throttled: false });
  });

  it('status: a 429 carries Graph code and Retry-After; null sends none; a code can be chosen', async () => {
    t.sim.faults.add({
      match: { path: /^\/security\// },
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    t.sim.faults.add({
      match: { path: /^\/security\// },
      fault: { kind: 'status', status: 429, retryAfter: null, code: 'activityLimitReached' },
    });
    const first = await t.get('/v1.0/security/alerts_v2');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('0');
    expect(first.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
    const second = await t.get('/v1.0/security/alerts_v2');
    expect(second.headers.get('retry-after')).toBeNull();
    expect(second.json()).toMatchObject({ error: { code: 'activityLimitReached' } });
  });

  it('delay: the response leaves no earlier than the delay (from the log)', async () => {
    t.sim.faults.add({ match: { path: '/users' }, fault: { kind: 'delay', ms: 150 } });
    expect((await t.get('/v1.0/users')).status).toBe(200);
    const [entry] = t.sim.requests.all();
    expect(entry?.fault).toBe('delay');
    expect(entry?.durationMs).toBeGreaterThanOrEqual(145);
  });

  it('drop: the connection closes with no response', async () => {
    t.sim.faults.add({ match: { path: '/users' }, fault: { kind: 'drop' } });
    await expect(t.get('/v1.0/users')).rejects.toThrow();
    expect(t.sim.requests.all()[0]).toMatchObject({ fault: 'drop', status: 0 });
    expect((await t.get('/v1.0/users')).status).toBe(200);
  });

  it('malformed: a 200 whose JSON body is cut short', async () => {
    t.sim.faults.add({ match: { path: '/users' }, fault: { kind: 'malformed' } });
    const response = await t.get('/v1.0/users');
    expect(response.status).toBe(200);
    expect(response.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(response.text)).toThrow();
  });

  it('nextLinkLoop: a page whose nextLink points back at itself', async () => {
    t.sim.faults.add({ match: { path: '/users' }, times: 2, fault: { kind: 'nextLinkLoop' } });
    const url = `${t.sim.url}/v1.0/users?$top=2`;
    const first = (await t.get(url)).json() as { '@odata.nextLink': string };
    expect(first['@odata.nextLink']).toBe(url);
    const again = (await t.get(first['@odata.nextLink'])).json() as { '@odata.nextLink': string };
    expect(again['@odata.nextLink']).toBe(url);
  });

  it('random: seeded, so the same seed fails the same requests', async () => {
    const run = async () => {
      t.sim.faults.clear();
      t.sim.faults.random({ rate: 0.5, seed: 42, statuses: [500, 502], retryAfter: 0 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await t.get('/v1.0/users')).status);
      return statuses;
    };
    const first = await run();
    expect(first.some((s) => s === 200)).toBe(true);
    expect(first.some((s) => s === 500 || s === 502)).toBe(true);
    expect(await run()).toEqual(first);
  });
});
