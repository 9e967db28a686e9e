// The Teams, Fabric and SharePoint admin REST APIs through the front door: each service's audience,
// its own authorisation rule, dispatch to its handler, faults and the request log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphSim } from '../../src/index.js';
import { httpClient, TENANT_ID } from '../engine/support/fixtures.js';
import {
  caller,
  certificateToken,
  ROLE,
  SHAREPOINT_APP_ID,
  secretToken,
  startFrontDoorSim,
} from './front-door-support.js';

const TEAMS_SCOPE = '48ac35b8-9aa8-4d74-927d-1f4a14a0b239/.default';
const FABRIC_SCOPE = 'https://api.fabric.microsoft.com/.default';
const SHAREPOINT_SCOPE = 'https://fabrikamtest-admin.sharepoint.com/.default';
const FULL_CONTROL = { [SHAREPOINT_APP_ID]: ['Sites.FullControl.All'] };

describe('REST admin APIs front door', () => {
  let sim: GraphSim;
  let http: ReturnType<typeof caller>;

  beforeAll(async () => {
    sim = await startFrontDoorSim();
    http = caller(sim);
  });
  afterAll(() => sim.close());

  describe('Teams admin', () => {
    it('passes a Teams Administrator to the handler, with the path after the prefix, and logs it', async () => {
      const { app, token } = await secretToken(
        sim,
        { directoryRoles: [ROLE.teamsAdministrator] },
        TEAMS_SCOPE,
      );
      sim.requests.clear();
      const response = await http.get(`${sim.serviceUrls.teams}/fixture`, token);
      expect(response.status).toBe(200);
      expect(response.json()).toEqual({ service: 'teams' });
      expect(sim.requests.all()).toMatchObject([
        { side: 'teams', method: 'GET', path: '/teams/fixture', status: 200, clientId: app.clientId },
      ]);
      expect((await http.get(`${sim.serviceUrls.teams}/elsewhere`, token)).status).toBe(404);
    });

    it('lets a Global Reader read, and refuses it a write', async () => {
      const { token } = await secretToken(sim, { directoryRoles: [ROLE.globalReader] }, TEAMS_SCOPE);
      expect((await http.get(`${sim.serviceUrls.teams}/fixture`, token)).status).toBe(200);
      const { call } = httpClient(sim.ca);
      const write = await call(`${sim.serviceUrls.teams}/fixture`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(write.status).toBe(403);
    });

    it('refuses an app without a Teams role with 403', async () => {
      const { token } = await secretToken(sim, { directoryRoles: [ROLE.userAdministrator] }, TEAMS_SCOPE);
      const response = await http.get(`${sim.serviceUrls.teams}/fixture`, token);
      expect(response.status).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'Forbidden' } });
    });

    it('refuses a token of another audience with 401 (a Graph token)', async () => {
      const { app } = await secretToken(sim, { directoryRoles: [ROLE.teamsAdministrator] }, TEAMS_SCOPE);
      const graphToken = sim.issueToken({ clientId: app.clientId, roles: [] });
      const response = await http.get(`${sim.serviceUrls.teams}/fixture`, graphToken);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    });

    it('answers a scripted 429 with Retry-After', async () => {
      const { token } = await secretToken(sim, { directoryRoles: [ROLE.teamsAdministrator] }, TEAMS_SCOPE);
      sim.faults.add({
        match: { method: 'GET', path: '/teams/fixture' },
        fault: { kind: 'status', status: 429, retryAfter: 3 },
      });
      const response = await http.get(`${sim.serviceUrls.teams}/fixture`, token);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('3');
      expect(response.json()).toMatchObject({ error: { code: 'TooManyRequests' } });
      expect(sim.requests.all().at(-1)).toMatchObject({
        side: 'teams',
        status: 429,
        retryAfter: 3,
        fault: 'status',
      });
    });
  });

  describe('Fabric admin', () => {
    it('passes a service principal the Fabric setting covers', async () => {
      const { app, token } = await secretToken(sim, { fabricAdminApiAccess: true }, FABRIC_SCOPE);
      const response = await http.get(`${sim.serviceUrls.fabric}/fixture`, token);
      expect(response.status).toBe(200);
      expect(response.json()).toEqual({ service: 'fabric' });
      expect(sim.requests.all().at(-1)).toMatchObject({
        side: 'fabric',
        path: '/fabric/fixture',
        clientId: app.clientId,
      });
    });

    it("refuses a service principal the setting does not cover, in Fabric's error shape", async () => {
      const { app, token } = await secretToken(sim, {}, FABRIC_SCOPE);
      const response = await http.get(`${sim.serviceUrls.fabric}/fixture`, token);
      expect(response.status).toBe(401);
      expect(response.json()).toMatchObject({
        errorCode: 'PowerBINotAuthorizedException',
        requestId: expect.any(String),
      });
      // The setting is live: turning it on lets the same token in.
      app.fabricAdminApiAccess = true;
      expect((await http.get(`${sim.serviceUrls.fabric}/fixture`, token)).status).toBe(200);
    });

    it('refuses a service principal holding Power BI permissions that need admin consent', async () => {
      const { token } = await secretToken(
        sim,
        {
          fabricAdminApiAccess: true,
          serviceRoles: { '00000009-0000-0000-c000-000000000000': ['Tenant.Read.All'] },
        },
        FABRIC_SCOPE,
      );
      const response = await http.get(`${sim.serviceUrls.fabric}/fixture`, token);
      expect(response.status).toBe(401);
    });

    it('refuses a token of another audience, and an expired one as TokenExpired', async () => {
      const { app, token } = await secretToken(sim, { fabricAdminApiAccess: true }, TEAMS_SCOPE);
      expect((await http.get(`${sim.serviceUrls.fabric}/fixture`, token)).status).toBe(401);
      const expired = sim.issueToken({
        clientId: app.clientId,
        roles: [],
        audience: 'https://api.fabric.microsoft.com',
        expiresInSeconds: -600,
      });
      const response = await http.get(`${sim.serviceUrls.fabric}/fixture`, expired);
      expect(response.status).toBe(401);
      expect(response.json()).toMatchObject({ errorCode: 'TokenExpired' });
    });

    it('answers a scripted 429 with Retry-After in its error shape', async () => {
      const { token } = await secretToken(sim, { fabricAdminApiAccess: true }, FABRIC_SCOPE);
      sim.faults.add({
        match: { path: /^\/fabric\// },
        fault: { kind: 'status', status: 429, retryAfter: 4 },
      });
      const response = await http.get(`${sim.serviceUrls.fabric}/fixture`, token);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('4');
      expect(response.json()).toMatchObject({ errorCode: expect.any(String), requestId: expect.any(String) });
    });
    it('sends a truncated body or drops the connection under scripted faults, and logs both', async () => {
      const { token } = await secretToken(sim, { fabricAdminApiAccess: true }, FABRIC_SCOPE);
      sim.faults.add({ match: { path: '/fabric/fixture' }, fault: { kind: 'malformed' } });
      const malformed = await http.get(`${sim.serviceUrls.fabric}/fixture`, token);
      expect(malformed.status).toBe(200);
      expect(() => malformed.json()).toThrow();
      sim.faults.add({ match: { path: '/fabric/fixture' }, fault: { kind: 'drop' } });
      await expect(http.get(`${sim.serviceUrls.fabric}/fixture`, token)).rejects.toThrow();
      expect(sim.requests.all().slice(-2)).toMatchObject([
        { side: 'fabric', fault: 'malformed', status: 200 },
        { side: 'fabric', fault: 'drop', status: 0 },
      ]);
    });
  });

  describe('SharePoint admin', () => {
    it('passes an app with Sites.FullControl.All that signed in with a certificate', async () => {
      const { app, token } = await certificateToken(sim, { serviceRoles: FULL_CONTROL }, SHAREPOINT_SCOPE);
      const response = await http.get(`${sim.serviceUrls.sharepointAdmin}/fixture`, token);
      expect(response.status).toBe(200);
      expect(response.json()).toEqual({ service: 'sharepointAdmin' });
      expect(sim.requests.all().at(-1)).toMatchObject({
        side: 'sharepointAdmin',
        path: '/sharepoint-admin/fixture',
        clientId: app.clientId,
        status: 200,
      });
    });

    it('refuses a token got with a client secret: "Unsupported app only token."', async () => {
      const { token } = await secretToken(sim, { serviceRoles: FULL_CONTROL }, SHAREPOINT_SCOPE);
      const response = await http.get(`${sim.serviceUrls.sharepointAdmin}/fixture`, token);
      expect(response.status).toBe(401);
      expect(response.json()).toEqual({ error_description: 'Unsupported app only token.' });
      expect(response.headers.get('www-authenticate')).toMatch(
        new RegExp(`^Bearer realm="${TENANT_ID}",client_id="${SHAREPOINT_APP_ID}"`),
      );
      expect(response.headers.get('x-ms-diagnostics')).toMatch(/^3001000;/);
    });

    it('refuses an app without Sites.FullControl.All with 403 access denied', async () => {
      const { token } = await certificateToken(
        sim,
        { serviceRoles: { [SHAREPOINT_APP_ID]: ['Sites.Read.All'] } },
        SHAREPOINT_SCOPE,
      );
      const response = await http.get(`${sim.serviceUrls.sharepointAdmin}/fixture`, token);
      expect(response.status).toBe(403);
      expect(response.json()).toMatchObject({
        'odata.error': { code: '-2147024891, System.UnauthorizedAccessException' },
      });
    });

    it("refuses a token for the tenant's root site (another audience)", async () => {
      const { token } = await certificateToken(
        sim,
        { serviceRoles: FULL_CONTROL },
        'https://fabrikamtest.sharepoint.com/.default',
      );
      const response = await http.get(`${sim.serviceUrls.sharepointAdmin}/fixture`, token);
      expect(response.status).toBe(401);
      expect(response.json()).toEqual({ error_description: 'Invalid audience Uri.' });
    });

    it('answers a scripted 429 with Retry-After', async () => {
      const { token } = await certificateToken(sim, { serviceRoles: FULL_CONTROL }, SHAREPOINT_SCOPE);
      sim.faults.add({
        match: { path: '/sharepoint-admin/fixture' },
        fault: { kind: 'status', status: 429, retryAfter: 5 },
      });
      const response = await http.get(`${sim.serviceUrls.sharepointAdmin}/fixture`, token);
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(sim.requests.all().at(-1)).toMatchObject({
        side: 'sharepointAdmin',
        status: 429,
        retryAfter: 5,
      });
    });
  });
});
