import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from './support/sim.js';

interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: { value?: unknown[]; error?: { code: string }; displayName?: string };
}

describe('$batch', () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim();
  });
  afterAll(() => t.sim.close());
  beforeEach(() => {
    t.sim.requests.clear();
    t.sim.faults.clear();
    t.sim.throttling.reset();
    t.sim.throttling.setMode('off');
  });

  async function batch(requests: unknown[], token = t.token) {
    const response = await t.call(`${t.sim.url}/v1.0/$batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requests }),
    });
    return response;
  }

  it('runs each sub-request on its own, accepting /users, users and /v1.0/users', async () => {
    const response = await batch([
      { id: '1', method: 'GET', url: '/users?$top=2' },
      { id: '2', method: 'GET', url: 'users/00000000-0000-4000-8000-000000000002' },
      { id: '3', method: 'GET', url: '/v1.0/security/alerts_v2' },
      { id: '4', method: 'GET', url: '/nope' },
    ]);
    expect(response.status).toBe(200);
    const { responses } = response.json() as { responses: SubResponse[] };
    const byId = Object.fromEntries(responses.map((r) => [r.id, r]));
    expect(byId['1']?.status).toBe(200);
    expect(byId['1']?.body.value).toHaveLength(2);
    expect(byId['2']?.body.displayName).toBe('Alex Wilber');
    expect(byId['3']?.status).toBe(200);
    expect(byId['4']?.status).toBe(400);

    const log = t.sim.requests.all();
    const outer = log.find((e) => e.path === '/$batch');
    expect(outer?.status).toBe(200);
    const subs = log.filter((e) => e.batch !== undefined);
    expect(subs).toHaveLength(4);
    expect(subs.every((e) => e.batch?.seq === outer?.seq)).toBe(true);
    expect(subs.map((e) => e.batch?.id).sort()).toEqual(['1', '2', '3', '4']);
    expect(subs.find((e) => e.batch?.id === '3')).toMatchObject({
      path: '/security/alerts_v2',
      workload: 'security',
    });
  });

  it('rejects more than 20 requests, duplicate ids and malformed payloads with 400', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users' }));
    expect((await batch(many)).status).toBe(400);
    const twenty = many.slice(0, 20);
    expect((await batch(twenty)).status).toBe(200);
    const duplicate = await batch([
      { id: '1', method: 'GET', url: '/users' },
      { id: '1', method: 'GET', url: '/users' },
    ]);
    expect(duplicate.status).toBe(400);
    expect(duplicate.json()).toMatchObject({ error: { code: 'BadRequest' } });
    expect((await batch([{ id: '1', url: '/users' }])).status).toBe(400);
  });

  it('checks permissions per sub-request and answers 424 to requests that depend on a failure', async () => {
    const token = t.sim.issueToken({
      clientId: 'b0b00000-0000-4000-8000-000000000001',
      roles: ['SecurityAlert.Read.All'],
    });
    const response = await batch(
      [
        { id: 'alerts', method: 'GET', url: '/security/alerts_v2' },
        { id: 'users', method: 'GET', url: '/users' },
        { id: 'after-users', method: 'GET', url: '/security/alerts_v2', dependsOn: ['users'] },
        { id: 'after-alerts', method: 'GET', url: '/security/alerts_v2', dependsOn: ['alerts'] },
      ],
      token,
    );
    expect(response.status).toBe(200);
    const statuses = Object.fromEntries(
      (response.json() as { responses: SubResponse[] }).responses.map((r) => [r.id, r.status]),
    );
    expect(statuses).toEqual({ alerts: 200, users: 403, 'after-users': 424, 'after-alerts': 200 });
    // dependsOn runs in order: the dependent request started after its dependency finished.
    const log = t.sim.requests.all();
    const alerts = log.find((e) => e.batch?.id === 'alerts');
    const after = log.find((e) => e.batch?.id === 'after-alerts');
    expect((after?.time ?? 0) >= (alerts?.time ?? 0) + (alerts?.durationMs ?? 0)).toBe(true);
  });

  it('needs a valid token for the batch itself', async () => {
    expect((await batch([{ id: '1', method: 'GET', url: '/users' }], 'not-a-token')).status).toBe(401);
  });

  it('throttles a sub-request on its own, with a Retry-After in its own headers', async () => {
    t.sim.throttling.setMode('faithful');
    t.sim.throttling.configure('security', { capacity: 2, refillPerSecond: 0.01 });
    const response = await batch([
      { id: '1', method: 'GET', url: '/security/alerts_v2' },
      { id: '2', method: 'GET', url: '/security/alerts_v2', dependsOn: ['1'] },
      { id: '3', method: 'GET', url: '/security/alerts_v2', dependsOn: ['2'] },
      { id: '4', method: 'GET', url: '/users' },
    ]);
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(
      (response.json() as { responses: SubResponse[] }).responses.map((r) => [r.id, r]),
    );
    expect(byId['3']?.status).toBe(429);
    expect(Number(byId['3']?.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(byId['3']?.body.error?.code).toBe('TooManyRequests');
    expect(byId['4']?.status).toBe(200);
    expect(t.sim.requests.all().find((e) => e.batch?.id === '3')).toMatchObject({
      throttled: true,
      status: 429,
    });
  });

  it('applies scripted faults to sub-requests only when asked (inBatch)', async () => {
    t.sim.faults.add({
      match: { path: '/users', inBatch: true },
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    const plain = await t.get('/v1.0/users');
    expect(plain.status).toBe(200);
    const response = await batch([{ id: '1', method: 'GET', url: '/users' }]);
    const [sub] = (response.json() as { responses: SubResponse[] }).responses;
    expect(sub).toMatchObject({ status: 429, headers: { 'Retry-After': '0' } });
  });
});
