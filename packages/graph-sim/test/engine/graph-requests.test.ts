import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allRoutes, CONTOSO_TENANT_ID, requiredRoles, startGraphSim } from '../../src/index.js';
import { fixtureTenant } from './support/fixtures.js';
import { startTestSim, type TestSim } from './support/sim.js';

describe('Graph side: authentication, routing, permissions, headers', () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim();
  });
  afterAll(() => t.sim.close());
  beforeEach(() => t.sim.requests.clear());

  it('answers 401 InvalidAuthenticationToken without a token, with a forged one, and with an expired one', async () => {
    const missing = await t.call(`${t.sim.url}/v1.0/users`);
    expect(missing.status).toBe(401);
    expect(missing.json()).toMatchObject({
      error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' },
    });

    const other = await startGraphSim({ tenant: fixtureTenant(), routes: [] });
    const forged = other.issueToken({ clientId: t.clientId, roles: ['User.Read.All'] });
    await other.close();
    const bad = await t.get('/v1.0/users', { authorization: `Bearer ${forged}` });
    expect(bad.status).toBe(401);
    expect(bad.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });

    const expired = t.sim.issueToken({
      clientId: t.clientId,
      roles: ['User.Read.All'],
      expiresInSeconds: -60,
    });
    const late = await t.get('/v1.0/users', { authorization: `Bearer ${expired}` });
    expect(late.status).toBe(401);
    expect(late.json()).toMatchObject({ error: { message: expect.stringMatching(/expired/) } });
  });

  it('answers 403 Authorization_RequestDenied when the token lacks every permission the call accepts', async () => {
    const token = t.sim.issueToken({
      clientId: 'c0ffee00-0000-4000-8000-000000000001',
      roles: ['Sites.Read.All'],
    });
    const denied = await t.get('/v1.0/users', { authorization: `Bearer ${token}` });
    expect(denied.status).toBe(403);
    expect(denied.json()).toMatchObject({
      error: {
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      },
    });
    // Any permission from the catalogue's list is enough (Directory.Read.All also reads users).
    const broader = t.sim.issueToken({
      clientId: 'c0ffee00-0000-4000-8000-000000000002',
      roles: ['Directory.Read.All'],
    });
    expect((await t.get('/v1.0/users', { authorization: `Bearer ${broader}` })).status).toBe(200);
    // A route's declared permissions replace the catalogue.
    const sites = await t.get('/v1.0/sites/x/permissions', {
      authorization: `Bearer ${t.sim.issueToken({ clientId: 'c0ffee00-0000-4000-8000-000000000003', roles: ['Sites.Read.All'] })}`,
    });
    expect(sites.status).toBe(403);
  });

  it('answers an unknown path like Graph: 400 "Resource not found for the segment \'…\'"', async () => {
    const unknown = await t.get('/v1.0/usres');
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: { code: 'BadRequest', message: "Resource not found for the segment 'usres'." },
    });
    const deeper = await t.get('/v1.0/identityProtection/riskyUsrs');
    expect(deeper.json()).toMatchObject({
      error: { message: "Resource not found for the segment 'riskyUsrs'." },
    });
    const method = await t.call(`${t.sim.url}/v1.0/users`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(method.status).toBe(405);
  });

  it('sends Graph headers on every response and an error body with innerError ids', async () => {
    const ok = await t.get('/v1.0/users/00000000-0000-4000-8000-000000000000', {
      'client-request-id': 'my-correlation-1',
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.headers.get('client-request-id')).toBe('my-correlation-1');
    expect(ok.headers.get('cache-control')).toContain('no-store');
    expect(ok.headers.get('odata-version')).toBe('4.0');
    expect(ok.headers.get('x-ms-ags-diagnostic')).toBeTruthy();
    expect(ok.headers.get('date')).toBeTruthy();
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ok.json()).toMatchObject({
      '@odata.context': `${t.sim.url}/v1.0/$metadata#users/$entity`,
      displayName: 'Adele Vance',
    });

    const missing = await t.get('/v1.0/users/nobody');
    expect(missing.status).toBe(404);
    const body = missing.json() as { error: { code: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('itemNotFound');
    expect(body.error.innerError['request-id']).toBe(missing.headers.get('request-id'));
    expect(body.error.innerError['client-request-id']).toBe(missing.headers.get('client-request-id'));
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('matches a placeholder with a literal suffix inside a segment (SharePoint path addressing)', async () => {
    const site = await t.get('/v1.0/sites/fabrikamtest.sharepoint.com:/sites/hr');
    expect(site.status).toBe(200);
    expect(site.json()).toMatchObject({ id: 'fabrikamtest.sharepoint.com,site-hr', name: 'hr' });
  });

  it('serves beta as well as v1.0, and rejects an unknown version', async () => {
    expect((await t.get('/beta/users?$top=1')).json()).toMatchObject({
      '@odata.context': `${t.sim.url}/beta/$metadata#users`,
    });
    const unknown = await t.get('/v2.0/users');
    expect(unknown.status).toBe(400);
  });

  it('records each request in the log, with the token redacted', async () => {
    const response = await t.get('/v1.0/users?$filter=department%20eq%20%27Sales%27&$top=2', {
      'x-test': 'yes',
    });
    const [entry] = t.sim.requests.all();
    expect(entry).toMatchObject({
      side: 'graph',
      method: 'GET',
      url: '/v1.0/users?$filter=department%20eq%20%27Sales%27&$top=2',
      version: 'v1.0',
      path: '/users',
      query: { $filter: "department eq 'Sales'", $top: '2' },
      clientId: t.clientId,
      status: 200,
      workload: 'directory',
      resourceUnits: 1,
      retryAfter: null,
      throttled: false,
      earlyRetry: false,
      fault: undefined,
      batch: undefined,
    });
    expect(entry?.headers.authorization).toBe('Bearer <redacted>');
    expect(entry?.headers['x-test']).toBe('yes');
    expect(JSON.stringify(t.sim.requests.all())).not.toContain(t.token);
    expect(entry?.time).toBeGreaterThan(Date.now() - 60_000);
    expect(entry?.durationMs).toBeGreaterThanOrEqual(0);
    // What the benchmarks compare tool output with: the bytes Graph sent.
    expect(entry?.responseBytes).toBe(Buffer.byteLength(response.text));
    expect(entry?.responseBytes).toBeGreaterThan(0);
  });

  it('starts with the demo tenant and every Graph area route by default', async () => {
    const demo = await startGraphSim();
    try {
      expect(demo.tenantId).toBe(CONTOSO_TENANT_ID);
      expect(demo.tenant.initialDomain).toBe('contoso.onmicrosoft.com');
      expect(demo.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(demo.ca).toContain('BEGIN CERTIFICATE');
      expect(requiredRoles(allRoutes).length).toBeGreaterThan(0);
    } finally {
      await demo.close();
    }
  });

  it('refuses to start with a route that has no catalogue entry and no declared permissions', async () => {
    await expect(
      startGraphSim({
        tenant: fixtureTenant(),
        routes: [
          {
            method: 'GET',
            path: '/made/up/thing',
            workload: 'other',
            handler: () => ({ kind: 'noContent' }),
          },
        ],
      }),
    ).rejects.toThrow(/no entry in the Graph permission catalogue/);
  });
});
