import { ClientSecretCredential } from '@azure/identity';
import { startGraphSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  collectRequestIds,
  createGraphClient,
  ForbiddenError,
  f,
  type GraphError,
  NotFoundError,
  resolveCloud,
  UnauthorizedError,
  UntrustedLinkError,
} from '../src/index.js';
import { graphRequests, startContext, type TestContext, USERS } from './support/sim.js';

const userSchema = z.object({ id: z.string(), displayName: z.string() });

describe('GraphClient against graph-sim (client secret)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startContext({ credential: 'secret' });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('reads an entity over HTTPS with a real token, validated by a schema', async () => {
    const user = await ctx.client.get(`/users/${USERS[3]?.id}`, { schema: userSchema });
    expect(user).toEqual({ id: USERS[3]?.id, displayName: USERS[3]?.displayName });
    const [entry] = graphRequests(ctx.sim).slice(-1);
    expect(entry?.status).toBe(200);
    expect(entry?.headers.authorization).toBe('Bearer <redacted>');
  });

  it('follows nextLinks across pages, resending headers on every page', async () => {
    ctx.sim.requests.clear();
    const result = await ctx.client.list('/users', {
      schema: userSchema,
      headers: { ConsistencyLevel: 'eventual' },
    });
    expect(result.items.map((user) => user.id)).toEqual(USERS.map((user) => user.id));
    expect(result).toMatchObject({ complete: true, pages: 3 });
    expect(result.stoppedBecause).toBeUndefined();
    const log = graphRequests(ctx.sim, '/users');
    expect(log).toHaveLength(3);
    expect(log.map((entry) => entry.headers.consistencylevel)).toEqual(['eventual', 'eventual', 'eventual']);
    expect(log[1]?.query.$skiptoken).toBeDefined();
  });

  it('stops at maxPages and maxItems and says where to resume', async () => {
    const byPages = await ctx.client.list('/users', { maxPages: 2 });
    expect(byPages).toMatchObject({ complete: false, stoppedBecause: 'maxPages', pages: 2 });
    expect(byPages.items).toHaveLength(20);
    const rest = await ctx.client.list(byPages.nextLink ?? '');
    expect(rest.items).toHaveLength(5);
    expect(rest.complete).toBe(true);

    const byItems = await ctx.client.list('/users', { maxItems: 12, pageSize: 6 });
    expect(byItems).toMatchObject({ complete: false, stoppedBecause: 'maxItems', pages: 2 });
    expect(byItems.items).toHaveLength(12);
    expect(byItems.nextLink).toBeDefined();
  });

  it('iterates pages one at a time and returns the summary', async () => {
    const indexes: number[] = [];
    const pages = ctx.client.pages('/users', { pageSize: 10 });
    let step = await pages.next();
    while (!step.done) {
      indexes.push(step.value.index);
      step = await pages.next();
    }
    expect(indexes).toEqual([0, 1, 2]);
    expect(step.value).toEqual({ complete: true, pages: 3 });
  });

  it('sends a filter built from hostile input as exactly one literal comparison', async () => {
    ctx.sim.requests.clear();
    const hostile = "x' or 1 eq 1 or 'y";
    const none = await ctx.client.list('/users', { query: { $filter: f.eq('displayName', hostile) } });
    expect(none.items).toEqual([]);
    const obrien = await ctx.client.list('/users', { query: { $filter: f.eq('surname', "O'Brien") } });
    expect(obrien.items).toEqual([USERS[7]]);
    const log = graphRequests(ctx.sim, '/users');
    expect(log.map((entry) => entry.status)).toEqual([200, 200]);
    // What arrived is one comparison whose right side is the whole input, quotes doubled.
    expect(log[0]?.query.$filter).toBe("displayName eq 'x'' or 1 eq 1 or ''y'");
    expect(log[1]?.query.$filter).toBe("surname eq 'O''Brien'");
    expect(Object.keys(log[0]?.query ?? {})).toEqual(['$filter']);
  });

  it('names the missing permission on a 403', async () => {
    const error = await ctx.client.get('/identity/conditionalAccess/policies').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    const forbidden = error as ForbiddenError;
    expect(forbidden.status).toBe(403);
    expect(forbidden.requiredPermissions[0]).toBe('Policy.Read.All');
    expect(forbidden.message).toContain('Policy.Read.All');
    expect(forbidden.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(forbidden.path).toBe('/identity/conditionalAccess/policies');
  });

  it('maps a 404 to NotFoundError with the request-id', async () => {
    const error = await ctx.client.get('/users/nobody').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).requestId).toBeDefined();
  });

  it('refuses a nextLink to a foreign host, and never sends it a request', async () => {
    const before = ctx.sim.requests.all().length;
    const error = await ctx.client
      .list('https://evil.example/v1.0/users?$skiptoken=steal')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UntrustedLinkError);
    expect((error as GraphError).message).toContain('evil.example');
    expect(ctx.sim.requests.all().length).toBe(before);
  });

  it('follows a delta round to its deltaLink, then asks for changes with it', async () => {
    const round = await ctx.client.delta('/users/delta', { schema: userSchema });
    expect(round).toMatchObject({ complete: true, pages: 3 });
    expect(round.items).toHaveLength(25);
    expect(round.deltaLink).toMatch(/\$deltatoken=round-1/);
    const changes = await ctx.client.delta(round.deltaLink ?? '');
    expect(changes.items).toEqual([USERS[0]]);
    expect(changes.deltaLink).toMatch(/\$deltatoken=round-2/);
  });

  it('sends writes with a JSON body and reads an empty answer as undefined', async () => {
    ctx.sim.requests.clear();
    const ref = { '@odata.id': `${ctx.sim.url}/v1.0/users/${USERS[1]?.id}` };
    const answer = await ctx.client.put(`/users/${USERS[0]?.id}/manager/$ref`, ref);
    expect(answer).toBeUndefined();
    const [entry] = graphRequests(ctx.sim);
    expect(entry).toMatchObject({ method: 'PUT', status: 204 });
    expect(entry?.headers['content-type']).toMatch(/application\/json/);
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));
    await expect(ctx.client.get('/users', { signal: controller.signal })).rejects.toThrow('caller gave up');
  });

  it('collects the request-ids an operation caused and reports every response', async () => {
    ctx.responses.length = 0;
    ctx.sim.requests.clear();
    const { result, requestIds } = await collectRequestIds(() => ctx.client.list('/users'));
    expect(result.items).toHaveLength(25);
    expect(requestIds).toHaveLength(3);
    expect(new Set(requestIds).size).toBe(3);
    expect(ctx.responses.map((r) => [r.method, r.path, r.status, r.workload])).toEqual([
      ['GET', '/users', 200, 'directory'],
      ['GET', '/users', 200, 'directory'],
      ['GET', '/users', 200, 'directory'],
    ]);
    expect(ctx.responses.map((r) => r.requestId)).toEqual(requestIds);
  });
});

describe('GraphClient with a wrong client secret', () => {
  it('fails with UnauthorizedError and never shows the secret', async () => {
    const sim = await startGraphSim({ routes: [] });
    const secret = 'wrong-secret-value~1234567890abcdefghij';
    const app = sim.registerApp({ roles: [] });
    const credential = new ClientSecretCredential(sim.tenantId, app.clientId, secret, {
      authorityHost: sim.url,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: sim.ca },
    });
    const cloud = resolveCloud({ AZURE_AUTHORITY_HOST: sim.url, M365_GRAPH_URL: sim.url });
    const client = createGraphClient({ credential, cloud, ca: sim.ca });
    try {
      const error = await client.get('/users').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnauthorizedError);
      expect((error as UnauthorizedError).code).toBe('credentialError');
      expect(JSON.stringify(error)).not.toContain(secret);
      expect(String(error)).not.toContain(secret);
      expect(sim.requests.all().filter((entry) => entry.side === 'graph')).toHaveLength(0);
    } finally {
      await client.close();
      await sim.close();
    }
  });
});

describe('GraphClient against graph-sim (client certificate)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startContext({ credential: 'certificate' });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('signs in with a certificate assertion and reads pages', async () => {
    const result = await ctx.client.list('/users', { pageSize: 20 });
    expect(result).toMatchObject({ complete: true, pages: 2 });
    expect(result.items).toHaveLength(25);
    const token = ctx.sim.requests.all().find((entry) => entry.side === 'entra' && entry.method === 'POST');
    expect(token?.status).toBe(200);
  });
});
