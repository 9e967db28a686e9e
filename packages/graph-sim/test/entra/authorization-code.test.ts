// The authorization code flow with PKCE against the simulator's Entra, over HTTPS as a public client
// (the MCP inspector) does it; the user is signed in by login_hint (the simulation's one shortcut).
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSignInUsers, type GraphSim, startGraphSim } from '../../src/index.js';
import {
  entraClient,
  pkce,
  REDIRECT_URI,
  registerServerAndClient,
  type UserFlowApps,
} from './support/user-flows.js';

describe('authorization code with PKCE', () => {
  let sim: GraphSim;
  let now = Date.now();
  let apps: UserFlowApps;
  let entra: ReturnType<typeof entraClient>;
  const lee = demoSignInUsers.securityAdministrator;

  beforeAll(async () => {
    sim = await startGraphSim({ clock: () => now });
    apps = registerServerAndClient(sim);
    entra = entraClient(sim);
  });
  afterAll(async () => {
    await entra.close();
    await sim.close();
  });

  function authorizeParams(challenge: string, extra: Record<string, string> = {}) {
    return {
      client_id: apps.client.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: `api://${apps.server.clientId}/access_as_user openid offline_access`,
      state: 'st-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_hint: lee,
      ...extra,
    };
  }

  it('redirects with code and state, and the code buys a v1 user token for the server with its roles', async () => {
    sim.assignAppRole({ principal: lee, resourceClientId: apps.server.clientId, role: 'McpServer.Read' });
    const { verifier, challenge } = pkce();
    const answer = await entra.authorize(authorizeParams(challenge));
    expect(answer.status).toBe(302);
    expect(answer.location?.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    expect(answer.query.get('state')).toBe('st-1');
    const code = answer.query.get('code') as string;
    const token = await entra.post('token', {
      grant_type: 'authorization_code',
      client_id: apps.client.clientId,
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(token.status).toBe(200);
    const user = sim.userByUpn(lee);
    const claims = decodeJwt(token.json.access_token as string);
    expect(claims).toMatchObject({
      aud: `api://${apps.server.clientId}`,
      iss: `https://sts.windows.net/${sim.tenantId}/`,
      tid: sim.tenantId,
      oid: user?.id,
      upn: lee,
      name: user?.displayName,
      scp: 'access_as_user',
      roles: ['McpServer.Read'],
      appid: apps.client.clientId,
      appidacr: '0',
      idtyp: 'user',
      ver: '1.0',
    });
    expect(claims.sub).not.toBe(user?.id);
    expect(typeof token.json.refresh_token).toBe('string');
    expect(decodeJwt(token.json.id_token as string)).toMatchObject({
      aud: apps.client.clientId,
      iss: `${sim.authority}/${sim.tenantId}/v2.0`,
      preferred_username: lee,
      ver: '2.0',
    });
    // The Entra side of the request log names the user.
    expect(sim.requests.all().findLast((e) => e.side === 'entra')?.userId).toBe(user?.id);

    // A code is redeemed once only.
    const again = await entra.post('token', {
      grant_type: 'authorization_code',
      client_id: apps.client.clientId,
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(again.json).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('issues v2 tokens (aud = client id, v2 issuer, preferred_username) for an API that asks for them', async () => {
    const v2 = registerServerAndClient(sim, { version: 2 });
    const signedIn = await sim.signInUser({
      clientId: v2.client.clientId,
      redirectUri: REDIRECT_URI,
      scope: `api://${v2.server.clientId}/.default`,
      upn: lee,
    });
    const claims = decodeJwt(signedIn.accessToken);
    expect(claims).toMatchObject({
      aud: v2.server.clientId,
      iss: `${sim.authority}/${sim.tenantId}/v2.0`,
      azp: v2.client.clientId,
      azpacr: '0',
      preferred_username: lee,
      scp: 'access_as_user',
      ver: '2.0',
    });
    expect(claims.roles).toBeUndefined();
    expect(signedIn.refreshToken).toBeUndefined();
  });

  it('refuses a wrong verifier (AADSTS501481), another redirect_uri (500112) and an expired code (70008)', async () => {
    const { verifier, challenge } = pkce();
    const redeem = async (overrides: Record<string, string>) => {
      const code = (await entra.authorize(authorizeParams(challenge))).query.get('code') as string;
      return entra.post('token', {
        grant_type: 'authorization_code',
        client_id: apps.client.clientId,
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
        ...overrides,
      });
    };
    expect((await redeem({ code_verifier: pkce().verifier })).json.error_codes).toEqual([501481]);
    expect((await redeem({ redirect_uri: 'http://127.0.0.1:1/other' })).json.error_codes).toEqual([500112]);
    const code = (await entra.authorize(authorizeParams(challenge))).query.get('code') as string;
    now += 11 * 60 * 1000;
    const late = await entra.post('token', {
      grant_type: 'authorization_code',
      client_id: apps.client.clientId,
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(late.json).toMatchObject({ error: 'invalid_grant', error_codes: [70008] });
  });

  it('shows an error page (no redirect) for an unregistered redirect URI, AADSTS50011', async () => {
    const answer = await entra.authorize(
      authorizeParams(pkce().challenge, { redirect_uri: 'http://evil.example/cb' }),
    );
    expect(answer.status).toBe(400);
    expect(answer.location).toBeNull();
    expect(JSON.parse(answer.text).error_codes).toEqual([50011]);
  });

  it('redirects with an error for an unknown user (50034), a disabled one (50057) and no login_hint (50058)', async () => {
    const unknown = await entra.authorize(
      authorizeParams(pkce().challenge, { login_hint: 'nobody@contoso.com' }),
    );
    expect(unknown.query.get('error')).toBe('access_denied');
    expect(unknown.query.get('error_description')).toMatch(/^AADSTS50034:/);
    expect(unknown.query.get('state')).toBe('st-1');
    const disabled = await entra.authorize(
      authorizeParams(pkce().challenge, { login_hint: demoSignInUsers.disabled }),
    );
    expect(disabled.query.get('error_description')).toMatch(/^AADSTS50057:/);
    const params = authorizeParams(pkce().challenge) as Record<string, string>;
    delete params.login_hint;
    expect((await entra.authorize(params)).query.get('error')).toBe('login_required');
  });

  it("takes an RFC 8707 resource that names the scopes' API and refuses another (AADSTS9010010)", async () => {
    const same = await entra.authorize(
      authorizeParams(pkce().challenge, { resource: `api://${apps.server.clientId}` }),
    );
    expect(same.query.get('code')).toBeTruthy();
    const other = await entra.authorize(
      authorizeParams(pkce().challenge, { resource: 'https://mcp.example.com/mcp' }),
    );
    expect(other.query.get('error')).toBe('invalid_target');
    expect(other.query.get('error_description')).toMatch(/^AADSTS9010010:/);
  });

  it('refuses a scope the API does not expose (650053), scopes of two resources (28000), a Graph permission not consented (65001)', async () => {
    const missing = await entra.authorize(
      authorizeParams(pkce().challenge, { scope: `api://${apps.server.clientId}/admin_everything` }),
    );
    expect(missing.query.get('error_description')).toMatch(/^AADSTS650053:/);
    const two = await entra.authorize(
      authorizeParams(pkce().challenge, {
        scope: `api://${apps.server.clientId}/access_as_user https://graph.microsoft.com/User.Read`,
      }),
    );
    expect(two.query.get('error')).toBe('invalid_scope');
    const graph = await entra.authorize(
      authorizeParams(pkce().challenge, { scope: 'https://graph.microsoft.com/Directory.ReadWrite.All' }),
    );
    expect(graph.query.get('error')).toBe('consent_required');
    expect(graph.query.get('error_description')).toMatch(/^AADSTS65001:/);
  });

  it('refreshes: a new access token for the same user, and a refresh token again', async () => {
    const signedIn = await sim.signInUser({
      clientId: apps.client.clientId,
      redirectUri: REDIRECT_URI,
      scope: `api://${apps.server.clientId}/access_as_user offline_access`,
      upn: lee,
    });
    const refreshed = await entra.post('token', {
      grant_type: 'refresh_token',
      client_id: apps.client.clientId,
      refresh_token: signedIn.refreshToken as string,
    });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.json.access_token as string)).toMatchObject({
      upn: lee,
      scp: 'access_as_user',
    });
    expect(typeof refreshed.json.refresh_token).toBe('string');
    const stranger = await entra.post('token', {
      grant_type: 'refresh_token',
      client_id: apps.client.clientId,
      refresh_token: 'not-a-refresh-token',
    });
    expect(stranger.json.error).toBe('invalid_grant');
  });

  it('refuses a secret from a public client (AADSTS700025)', async () => {
    const answer = await entra.post('token', {
      grant_type: 'authorization_code',
      client_id: apps.client.clientId,
      client_secret: 'anything',
      code: 'x',
      redirect_uri: REDIRECT_URI,
    });
    expect(answer.json).toMatchObject({ error: 'invalid_client', error_codes: [700025] });
  });

  it('a revoked app role is gone from the next token', async () => {
    sim.assignAppRole({ principal: lee, resourceClientId: apps.server.clientId, role: 'McpServer.Write' });
    const scope = `api://${apps.server.clientId}/access_as_user`;
    const input = { clientId: apps.client.clientId, redirectUri: REDIRECT_URI, scope, upn: lee };
    expect(decodeJwt((await sim.signInUser(input)).accessToken).roles).toEqual([
      'McpServer.Read',
      'McpServer.Write',
    ]);
    expect(
      sim.unassignAppRole({
        principal: lee,
        resourceClientId: apps.server.clientId,
        role: 'McpServer.Write',
      }),
    ).toBe(true);
    expect(decodeJwt((await sim.signInUser(input)).accessToken).roles).toEqual(['McpServer.Read']);
    expect(() =>
      sim.assignAppRole({ principal: lee, resourceClientId: apps.server.clientId, role: 'McpServer.Nope' }),
    ).toThrow(/defines no app role/);
  });
});
