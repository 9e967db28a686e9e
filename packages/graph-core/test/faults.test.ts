import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ThrottledError, TransientError } from '../src/index.js';
import { graphRequests, startContext, type TestContext, USERS } from './support/sim.js';

describe('faults against graph-sim', () => {
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

  it('survives a 429 storm, waiting out each Retry-After before trying again', async () => {
    ctx.sim.faults.add({
      match: { method: 'GET', path: '/users' },
      times: 2,
      fault: { kind: 'status', status: 429, retryAfter: 1 },
    });
    const result = await ctx.client.list('/users', { maxPages: 1 });
    expect(result.items).toHaveLength(10);
    const log = graphRequests(ctx.sim, '/users');
    expect(log.map((entry) => entry.status)).toEqual([429, 429, 200]);
    expect(log.map((entry) => entry.headers['retry-attempt'])).toEqual([undefined, '1', '2']);
    for (let i = 1; i < log.length; i += 1) {
      const gap = (log[i]?.time ?? 0) - (log[i - 1]?.time ?? 0);
      expect(gap).toBeGreaterThanOrEqual(1000);
      expect(log[i]?.earlyRetry).toBe(false);
    }
  });

  it('holds back the whole workload while it is throttled', async () => {
    ctx.sim.faults.add({
      match: { method: 'GET', path: '/users' },
      times: 1,
      fault: { kind: 'status', status: 429, retryAfter: 1 },
    });
    const first = ctx.client.get('/users', { query: { $top: 1 } });
    // Let the first request come back throttled before the second one is sent.
    await waitFor(() => graphRequests(ctx.sim, '/users').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = ctx.client.get(`/users/${USERS[0]?.id}`);
    await Promise.all([first, second]);
    const log = graphRequests(ctx.sim);
    const throttledAt = log[0]?.time ?? 0;
    expect(log[0]?.status).toBe(429);
    for (const entry of log.slice(1)) expect(entry.time - throttledAt).toBeGreaterThanOrEqual(1000);
  });

  it('gives up with ThrottledError once the retry budget is spent', async () => {
    const client = ctx.makeClient({ scheduler: { maxRetries: 2, backoffBaseMs: 1, backoffCapMs: 2 } });
    ctx.sim.faults.add({
      match: { path: '/users' },
      times: 10,
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    const error = await client.get('/users').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterSeconds).toBe(0);
    expect((error as ThrottledError).requestId).toBeDefined();
    expect(graphRequests(ctx.sim, '/users')).toHaveLength(3);
  });

  it('retries a 503 and a dropped connection on a GET', async () => {
    ctx.sim.faults.add({
      match: { path: '/users' },
      times: 1,
      fault: { kind: 'status', status: 503, retryAfter: 0 },
    });
    ctx.sim.faults.add({ match: { path: '/users' }, times: 1, fault: { kind: 'drop' } });
    const result = await ctx.client.list('/users', { maxPages: 1 });
    expect(result.items).toHaveLength(10);
    expect(graphRequests(ctx.sim, '/users').map((entry) => entry.status)).toEqual([503, 0, 200]);
  });

  it('retries a 504 without Retry-After after an exponential backoff', async () => {
    ctx.sim.faults.add({ match: { path: '/users' }, times: 2, fault: { kind: 'status', status: 504 } });
    await ctx.client.get('/users');
    expect(graphRequests(ctx.sim, '/users').map((entry) => entry.status)).toEqual([504, 504, 200]);
  });

  it('retries a malformed body on a GET, and reports it when it persists', async () => {
    ctx.sim.faults.add({ match: { path: '/users' }, times: 1, fault: { kind: 'malformed' } });
    const ok = await ctx.client.list('/users', { maxPages: 1 });
    expect(ok.items).toHaveLength(10);
    expect(graphRequests(ctx.sim, '/users').map((entry) => entry.fault)).toEqual(['malformed', undefined]);

    const client = ctx.makeClient({ scheduler: { maxRetries: 1, backoffBaseMs: 1 } });
    ctx.sim.faults.add({ match: { path: '/users' }, times: 5, fault: { kind: 'malformed' } });
    const error = await client.get('/users').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('malformedResponse');
  });

  it('does not resend a POST after a dropped connection', async () => {
    const path = `/users/${USERS[0]?.id}/revokeSignInSessions`;
    ctx.sim.faults.add({ match: { method: 'POST', path }, times: 1, fault: { kind: 'drop' } });
    const error = await ctx.client.post(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('networkError');
    expect(graphRequests(ctx.sim, path)).toHaveLength(1);
  });

  it('retries a throttled POST but not one that timed out at the gateway', async () => {
    const path = `/users/${USERS[1]?.id}/revokeSignInSessions`;
    ctx.sim.faults.add({
      match: { method: 'POST', path },
      times: 1,
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    await ctx.client.post(path);
    expect(graphRequests(ctx.sim, path).map((entry) => entry.status)).toEqual([429, 200]);

    ctx.sim.requests.clear();
    ctx.sim.faults.add({ match: { method: 'POST', path }, times: 1, fault: { kind: 'status', status: 504 } });
    const error = await ctx.client.post(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).status).toBe(504);
    expect(graphRequests(ctx.sim, path)).toHaveLength(1);
  });

  it('gives up on a hung attempt after the timeout and retries a GET', async () => {
    const client = ctx.makeClient({ timeoutMs: 150 });
    ctx.sim.faults.add({ match: { path: '/users' }, times: 1, fault: { kind: 'delay', ms: 600 } });
    const result = await client.list('/users', { maxPages: 1 });
    expect(result.items).toHaveLength(10);
    // The simulator logs the slow request once it has finished answering nobody.
    await waitFor(() => graphRequests(ctx.sim, '/users').length === 2);
    const log = graphRequests(ctx.sim, '/users');
    expect(log.map((entry) => entry.fault)).toEqual(['delay', undefined]);
    // The retry went out while the slow answer was still being prepared.
    expect((log[1]?.time ?? 0) - (log[0]?.time ?? 0)).toBeLessThan(600);

    const path = `/users/${USERS[2]?.id}/revokeSignInSessions`;
    ctx.sim.faults.add({ match: { method: 'POST', path }, times: 1, fault: { kind: 'delay', ms: 600 } });
    const error = await client.post(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('timeout');
  });

  it('stops a nextLink loop', async () => {
    ctx.sim.faults.add({ match: { path: '/users' }, skip: 1, times: 10, fault: { kind: 'nextLinkLoop' } });
    const result = await ctx.client.list('/users', { schema: z.object({ id: z.string() }) });
    expect(result).toMatchObject({ complete: false, stoppedBecause: 'loop' });
    expect(result.items.map((user) => user.id)).toEqual(USERS.slice(0, 20).map((user) => user.id));
    expect(graphRequests(ctx.sim, '/users')).toHaveLength(2);
  });

  it('stops when a page repeats items already seen', async () => {
    // The loop starts on the first page: its nextLink is the (absolute) first page again.
    ctx.sim.faults.add({ match: { path: '/users' }, times: 10, fault: { kind: 'nextLinkLoop' } });
    const result = await ctx.client.list('/users');
    expect(result).toMatchObject({ complete: false, stoppedBecause: 'loop' });
    expect(result.items).toHaveLength(10);
    expect(graphRequests(ctx.sim, '/users').length).toBeLessThanOrEqual(2);
  });

  it('paces identityProtection requests (1 per interval, measured at the simulator)', async () => {
    const client = ctx.makeClient({ scheduler: { limits: { identityProtection: { minIntervalMs: 250 } } } });
    const [risky] = await Promise.all([
      client.list('/identityProtection/riskyUsers'),
      client.get('/identity/conditionalAccess/policies').catch(() => undefined),
    ]);
    expect(risky.items).toHaveLength(4);
    const log = graphRequests(ctx.sim).filter((entry) => entry.workload === 'identityProtection');
    expect(log).toHaveLength(5);
    for (let i = 1; i < log.length; i += 1) {
      expect((log[i]?.time ?? 0) - (log[i - 1]?.time ?? 0)).toBeGreaterThanOrEqual(250);
    }
  });
});

describe('faithful throttling in graph-sim', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startContext();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('gets every answer through a throttled directory without ever retrying early', async () => {
    // One request at a time, so none is already on the wire when a 429 comes back: then not a
    // single request may reach the simulator before the Retry-After it was given has passed.
    const client = ctx.makeClient({ scheduler: { limits: { directory: { maxConcurrency: 1 } } } });
    ctx.sim.throttling.setMode('faithful');
    ctx.sim.throttling.configure('directory', { capacity: 8, refillPerSecond: 4 });
    const ids = Array.from({ length: 16 }, (_, index) => USERS[index]?.id);
    const users = await Promise.all(ids.map((id) => client.get(`/users/${id}`)));
    expect(users).toHaveLength(16);
    const log = graphRequests(ctx.sim);
    expect(log.filter((entry) => entry.throttled).length).toBeGreaterThan(0);
    expect(log.filter((entry) => entry.earlyRetry)).toEqual([]);
    expect(log.filter((entry) => entry.status === 200)).toHaveLength(16);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
