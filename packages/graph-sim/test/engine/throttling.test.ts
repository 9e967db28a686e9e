import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from './support/sim.js';

describe('throttling (faithful)', () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim({ throttling: 'faithful' });
  });
  afterAll(() => t.sim.close());
  beforeEach(() => {
    t.sim.requests.clear();
    t.sim.faults.clear();
    t.sim.throttling.reset();
    t.sim.throttling.setMode('faithful');
  });

  it('spends directory resource units per request and answers 429 TooManyRequests with Retry-After', async () => {
    // GET /users costs 2 RU (the route says), minus 1 for $select.
    t.sim.throttling.configure('directory', { capacity: 5, refillPerSecond: 0.001 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.get('/v1.0/users')).status);
    expect(statuses).toEqual([200, 200, 429]);
    const log = t.sim.requests.all();
    expect(log.map((e) => e.resourceUnits)).toEqual([2, 2, 2]);
    const throttled = log[2];
    expect(throttled).toMatchObject({ throttled: true, status: 429, workload: 'directory' });
    expect(throttled?.retryAfter).toBeGreaterThanOrEqual(1);
    // 1 RU left: a $select request (1 RU) still fits.
    // reset() also forgets the Retry-After just given, which would otherwise make the next call early.
    t.sim.requests.clear();
    t.sim.throttling.reset();
    t.sim.throttling.configure('directory', { capacity: 5, refillPerSecond: 0.001 });
    await t.get('/v1.0/users');
    await t.get('/v1.0/users');
    const cheap = await t.get('/v1.0/users?$select=displayName');
    expect(cheap.status).toBe(200);
    expect(cheap.headers.get('x-ms-resource-unit')).toBe('1');
  });

  it('a 429 body uses a Graph code, never "Too Many Requests"', async () => {
    t.sim.throttling.configure('directory', { capacity: 1, refillPerSecond: 0.001 });
    await t.get('/v1.0/users?$select=id');
    const response = await t.get('/v1.0/users?$select=id');
    expect(response.status).toBe(429);
    const body = response.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('TooManyRequests');
    expect(response.headers.get('x-ms-throttle-scope')).toContain(t.clientId);
  });

  it('identityProtection: one request per second per tenant for all apps, 429 without Retry-After', async () => {
    const other = t.sim.issueToken({
      clientId: 'a2a20000-0000-4000-8000-000000000002',
      roles: ['IdentityRiskyUser.Read.All'],
    });
    expect((await t.get('/v1.0/identityProtection/riskyUsers')).status).toBe(200);
    const second = await t.get('/v1.0/identityProtection/riskyUsers', { authorization: `Bearer ${other}` });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBeNull();
    expect(t.sim.requests.all()[1]).toMatchObject({
      throttled: true,
      retryAfter: null,
      workload: 'identityProtection',
    });
  });

  it('reports: 5 requests per 10 seconds', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await t.get('/v1.0/reports/authenticationMethods/userRegistrationDetails')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('sharepoint: permission reads cost 5, single items 1, with activityLimitReached', async () => {
    t.sim.throttling.configure('sharepoint', { capacity: 7, refillPerSecond: 0.001 });
    expect((await t.get('/v1.0/sites/x/permissions')).status).toBe(200);
    expect((await t.get('/v1.0/sites/fabrikamtest.sharepoint.com:/sites/hr')).status).toBe(200);
    const third = await t.get('/v1.0/sites/x/permissions');
    expect(third.status).toBe(429);
    expect(third.json()).toMatchObject({ error: { code: 'activityLimitReached' } });
    expect(t.sim.requests.all().map((e) => e.resourceUnits)).toEqual([5, 1, 5]);
  });

  it('throttles a client that comes back before its Retry-After again, and marks it earlyRetry', async () => {
    t.sim.throttling.configure('security', { capacity: 1, refillPerSecond: 1000, retryAfterSeconds: 1 });
    t.sim.faults.add({
      match: { path: '/security/alerts_v2' },
      fault: { kind: 'status', status: 429, retryAfter: 1 },
    });
    expect((await t.get('/v1.0/security/alerts_v2')).status).toBe(429);
    // Immediately again: early, so throttled again although the bucket has room.
    const early = await t.get('/v1.0/security/alerts_v2');
    expect(early.status).toBe(429);
    expect(Number(early.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const [given, retried] = t.sim.requests.all();
    expect(given).toMatchObject({ fault: 'status', earlyRetry: false });
    expect(retried).toMatchObject({ earlyRetry: true, throttled: true });
    // After waiting as told, the request goes through.
    await new Promise((r) => setTimeout(r, 1050));
    expect((await t.get('/v1.0/security/alerts_v2')).status).toBe(200);
    const last = t.sim.requests.all().at(-1);
    expect(last?.earlyRetry).toBe(false);
    expect((last?.time ?? 0) - (given?.time ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it("'off' never throttles, but still marks an early retry in the log", async () => {
    t.sim.throttling.setMode('off');
    t.sim.throttling.configure('reports', { capacity: 1, refillPerSecond: 0.001 });
    for (let i = 0; i < 3; i++)
      expect((await t.get('/v1.0/reports/authenticationMethods/userRegistrationDetails')).status).toBe(200);
    t.sim.faults.add({ match: { path: '/users' }, fault: { kind: 'status', status: 429, retryAfter: 30 } });
    expect((await t.get('/v1.0/users')).status).toBe(429);
    expect((await t.get('/v1.0/users')).status).toBe(200);
    expect(t.sim.requests.all().at(-1)).toMatchObject({ earlyRetry: true, throttled: false });
  });
});
