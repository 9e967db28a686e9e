// On-behalf-of: the MCP server (a confidential middle tier) trades the signed-in admin's token for a
// Graph token as that admin, then calls Graph, which enforces the token's scp AND the admin's
// directory roles. Everything over HTTPS: the inspector signs in, the server redeems with its secret.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allRoutes,
  demoSignInUsers,
  type GraphSim,
  requiredRoles,
  roleTemplateIds,
  startGraphSim,
} from '../../src/index.js';
import {
  entraClient,
  REDIRECT_URI,
  registerServerAndClient,
  type UserFlowApps,
} from './support/user-flows.js';

const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';

describe('on-behalf-of and delegated Graph', () => {
  let sim: GraphSim;
  let apps: UserFlowApps;
  let entra: ReturnType<typeof entraClient>;

  beforeAll(async () => {
    sim = await startGraphSim();
    apps = registerServerAndClient(sim);
    entra = entraClient(sim);
    sim.assignDirectoryRole({
      upn: demoSignInUsers.globalReader,
      roleTemplateId: roleTemplateIds.globalReader,
    });
  });
  afterAll(async () => {
    await entra.close();
    await sim.close();
  });

  async function userTokenFor(upn: string): Promise<string> {
    const signedIn = await sim.signInUser({
      clientId: apps.client.clientId,
      redirectUri: REDIRECT_URI,
      scope: `api://${apps.server.clientId}/access_as_user`,
      upn,
    });
    return signedIn.accessToken;
  }

  function obo(assertion: string, overrides: Record<string, string> = {}) {
    return entra.post('token', {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: apps.server.clientId,
      client_secret: apps.server.secret as string,
      assertion,
      scope: GRAPH_DEFAULT,
      ...overrides,
    });
  }

  it("issues a Graph token for the same user with the middle tier's delegated permissions, no roles", async () => {
    const upn = demoSignInUsers.securityAdministrator;
    const answer = await obo(await userTokenFor(upn));
    expect(answer.status).toBe(200);
    const claims = decodeJwt(answer.json.access_token as string);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: sim.tenantId,
      oid: sim.userByUpn(upn)?.id,
      upn,
      appid: apps.server.clientId,
      appidacr: '1',
      idtyp: 'user',
      scp: 'User.Read SecurityIncident.Read.All SecurityIncident.ReadWrite.All Policy.Read.All',
    });
    expect(claims.roles).toBeUndefined();
    expect(typeof answer.json.refresh_token).toBe('string');
  });

  it('refuses a token for another audience (AADSTS50013), a garbled one, and no consent (65001)', async () => {
    // A Graph token is not a token for the middle tier.
    const graphToken = (await obo(await userTokenFor(demoSignInUsers.securityAdministrator))).json
      .access_token;
    expect((await obo(graphToken as string)).json).toMatchObject({
      error: 'invalid_grant',
      error_codes: [50013],
    });
    const forged = `${(graphToken as string).slice(0, -8)}AAAAAAAA`;
    expect((await obo(forged)).json.error).toBe('invalid_grant');
    const bare = sim.registerApp({
      roles: [],
      identifierUris: ['api://bare-server'],
      oauth2PermissionScopes: ['access_as_user'],
    });
    const assertion = await sim.signInUser({
      clientId: apps.client.clientId,
      redirectUri: REDIRECT_URI,
      scope: 'api://bare-server/access_as_user',
      upn: demoSignInUsers.securityAdministrator,
    });
    const noConsent = await obo(assertion.accessToken, {
      client_id: bare.clientId,
      client_secret: bare.secret as string,
    });
    expect(noConsent.json).toMatchObject({
      error: 'invalid_grant',
      error_codes: [65001],
      suberror: 'consent_required',
    });
  });

  it('refuses an expired assertion with AADSTS500133 and an app-only token with 50013', async () => {
    const expired = sim.issueToken({
      clientId: apps.client.clientId,
      roles: [],
      audience: `api://${apps.server.clientId}`,
      expiresInSeconds: -600,
    });
    expect((await obo(expired)).json).toMatchObject({ error: 'invalid_grant', error_codes: [500133] });
    const appOnly = sim.issueToken({
      clientId: apps.client.clientId,
      roles: [],
      audience: `api://${apps.server.clientId}`,
    });
    expect((await obo(appOnly)).json.error_codes).toEqual([50013]);
  });

  it('Graph: a Security Administrator reads and updates incidents; the log names the user', async () => {
    const upn = demoSignInUsers.securityAdministrator;
    const graph = (await obo(await userTokenFor(upn))).json.access_token as string;
    const list = await entra.graph('/security/incidents?$top=1', graph);
    expect(list.status).toBe(200);
    const id = String(list.json.value?.[0]?.id);
    const update = await entra.graph(`/security/incidents/${id}`, graph, {
      method: 'PATCH',
      body: { status: 'active' },
    });
    expect(update.status).toBe(200);
    const entry = sim.requests.all().findLast((e) => e.side === 'graph');
    expect(entry).toMatchObject({ method: 'PATCH', userId: sim.userByUpn(upn)?.id, userPrincipalName: upn });
  });

  it('Graph: a Global Reader reads but may not write (403 Authorization_RequestDenied)', async () => {
    const graph = (await obo(await userTokenFor(demoSignInUsers.globalReader))).json.access_token as string;
    const list = await entra.graph('/security/incidents?$top=1', graph);
    expect(list.status).toBe(200);
    const id = String(list.json.value?.[0]?.id);
    const update = await entra.graph(`/security/incidents/${id}`, graph, {
      method: 'PATCH',
      body: { status: 'active' },
    });
    expect(update.status).toBe(403);
    expect(update.json.error).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
  });

  it('Graph: a user without a role may not read security data; a scope not in scp is refused too', async () => {
    // Adele Vance holds no directory role in the demo.
    const graph = (await obo(await userTokenFor('AdeleV@contoso.com'))).json.access_token as string;
    expect((await entra.graph('/security/incidents', graph)).status).toBe(403);
    // Lee holds the role, but the token has no permission for users.
    const lee = (await obo(await userTokenFor(demoSignInUsers.securityAdministrator))).json
      .access_token as string;
    expect((await entra.graph('/auditLogs/signIns', lee)).status).toBe(403);
  });

  it('/me and /me/transitiveMemberOf answer a user token; an app-only token is told /me is delegated only', async () => {
    const upn = demoSignInUsers.securityAdministrator;
    const graph = (await obo(await userTokenFor(upn))).json.access_token as string;
    const me = await entra.graph('/me', graph);
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ userPrincipalName: upn, id: sim.userByUpn(upn)?.id });
    const memberOf = await entra.graph('/me/transitiveMemberOf', graph);
    const roles = (memberOf.json.value ?? []).filter(
      (o) => o['@odata.type'] === '#microsoft.graph.directoryRole',
    );
    expect(roles.map((r) => r.roleTemplateId)).toEqual([roleTemplateIds.securityAdministrator]);
    const app = sim.registerApp({ roles: ['User.Read.All'] });
    const appToken = sim.issueToken({ clientId: app.clientId, roles: ['User.Read.All'] });
    const refused = await entra.graph('/me', appToken);
    expect(refused.status).toBe(400);
    expect(refused.json.error?.message).toBe('/me request is only valid with delegated authentication flow.');
    // No application permission reaches /me, so an app that calls every route needs none for it.
    expect(requiredRoles(allRoutes)).not.toContain('User.Read');
  });
});
