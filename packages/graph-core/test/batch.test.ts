import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BadRequestError, collectRequestIds, ThrottledError } from '../src/index.js';
import { graphRequests, startContext, type TestContext, USERS } from './support/sim.js';

const USER_PATH = /^\/users\/[^/]+$/;

describe('$batch against graph-sim', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startContext();
  });
  afterAll(async () => {
    await ctx?.close();
  });
  beforeEach(() => {
    ctx.sim.faults.clear();
    ctx.sim.requests.clear();
  });

  const userRequests = (count: number) =>
    USERS.slice(0, count).map((user, index) => ({
      id: `u${index}`,
      method: 'GET' as const,
      url: `/users/${user.id}`,
    }));

  it('retries only the throttled sub-requests, after their Retry-After', async () => {
    ctx.sim.faults.add({
      match: { method: 'GET', path: USER_PATH, inBatch: true },
      skip: 1,
      times: 2,
      fault: { kind: 'status', status: 429, retryAfter: 1 },
    });
    const { result, requestIds } = await collectRequestIds(() => ctx.client.batch(userRequests(5)));
    expect(result.map((r) => [r.id, r.status])).toEqual(
      ['u0', 'u1', 'u2', 'u3', 'u4'].map((id) => [id, 200]),
    );
    expect(result.map((r) => (r.body as { id: string }).id)).toEqual(USERS.slice(0, 5).map((u) => u.id));
    expect(result.every((r) => r.error === undefined)).toBe(true);

    const outer = graphRequests(ctx.sim, '/$batch');
    expect(outer).toHaveLength(2);
    const subsOf = (seq: number | undefined) =>
      ctx.sim.requests.all().filter((entry) => entry.batch?.seq === seq);
    const first = subsOf(outer[0]?.seq);
    const throttled = first.filter((entry) => entry.status === 429).map((entry) => entry.batch?.id);
    expect(first).toHaveLength(5);
    expect(throttled).toHaveLength(2);
    // Exactly the throttled ones went again, and only they were sent twice.
    const second = subsOf(outer[1]?.seq);
    expect(second.map((entry) => entry.batch?.id).sort()).toEqual([...throttled].sort());
    expect(second.every((entry) => entry.status === 200)).toBe(true);
    expect(result.filter((r) => r.attempts === 2).map((r) => r.id)).toEqual([...throttled].sort());
    expect((outer[1]?.time ?? 0) - (outer[0]?.time ?? 0)).toBeGreaterThanOrEqual(1000);
    // The outer responses and all seven sub-responses carry request-ids.
    expect(requestIds.length).toBeGreaterThanOrEqual(7);
  });

  it('chunks into batches of 20 and correlates results by id', async () => {
    const requests = Array.from({ length: 45 }, (_, index) => ({
      id: `r${index}`,
      method: 'GET' as const,
      url: `/users/${USERS[index % USERS.length]?.id}`,
      query: { $select: 'id' },
    }));
    const results = await ctx.client.batch(requests);
    expect(results.map((r) => r.id)).toEqual(requests.map((r) => r.id));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const outer = graphRequests(ctx.sim, '/$batch');
    const sizes = outer.map(
      (entry) => ctx.sim.requests.all().filter((e) => e.batch?.seq === entry.seq).length,
    );
    expect(sizes.sort((a, b) => a - b)).toEqual([5, 20, 20]);
  });

  it('keeps dependsOn chains in one batch and retries a 424 with its throttled dependency', async () => {
    ctx.sim.faults.add({
      match: { method: 'GET', path: `/users/${USERS[20]?.id}`, inBatch: true },
      times: 1,
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    const filler = userRequests(19).map((r) => ({ ...r, id: `f${r.id}` }));
    const chain = [
      { id: 'a', method: 'GET' as const, url: `/users/${USERS[20]?.id}` },
      { id: 'b', method: 'GET' as const, url: `/users/${USERS[21]?.id}`, dependsOn: ['a'] },
    ];
    const results = await ctx.client.batch([...filler, ...chain]);
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get('a')?.status).toBe(200);
    expect(byId.get('b')?.status).toBe(200);
    const trail = (id: string) =>
      ctx.sim.requests
        .all()
        .filter((entry) => entry.batch?.id === id)
        .map((entry) => `${entry.batch?.seq}:${entry.status}`);
    // 19 + 2 do not fit in one $batch: the chain moved whole into the second one.
    const [first, retry] = trail('a').map((step) => step.split(':')[0]);
    expect(trail('a')).toEqual([`${first}:429`, `${retry}:200`]);
    expect(trail('b')).toEqual([`${first}:424`, `${retry}:200`]);
    expect(trail('fu0')).toHaveLength(1);
    expect(trail('fu0')[0]?.split(':')[0]).not.toBe(first);
  });

  it('reports a sub-request that stays throttled as ThrottledError', async () => {
    const client = ctx.makeClient({ scheduler: { maxRetries: 1, backoffBaseMs: 1 } });
    ctx.sim.faults.add({
      match: { method: 'GET', path: `/users/${USERS[2]?.id}`, inBatch: true },
      times: 5,
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    const results = await client.batch(userRequests(3));
    expect(results[2]?.status).toBe(429);
    expect(results[2]?.error).toBeInstanceOf(ThrottledError);
    expect(results[2]?.attempts).toBe(2);
    expect(results[0]?.error).toBeUndefined();
  });

  it('rejects duplicate ids and unknown dependencies before sending anything', async () => {
    const dup = [
      { id: 'x', method: 'GET' as const, url: '/users' },
      { id: 'x', method: 'GET' as const, url: '/users' },
    ];
    await expect(ctx.client.batch(dup)).rejects.toBeInstanceOf(BadRequestError);
    await expect(
      ctx.client.batch([{ id: 'y', method: 'GET', url: '/users', dependsOn: ['nope'] }]),
    ).rejects.toBeInstanceOf(BadRequestError);
    expect(graphRequests(ctx.sim)).toHaveLength(0);
  });
});
