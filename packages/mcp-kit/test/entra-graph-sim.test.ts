// The Entra resource server against graph-sim's Entra, end to end over HTTPS: users sign in through
// the real authorization code + PKCE requests, the verifier finds the tenant's keys through its
// OpenID metadata, and Entra's key rollover is followed.
import { type GraphSim, type SimApp, startGraphSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EntraAuthenticatorOptions, entraAuthenticator } from '../src/http/entra/index.js';

const appIdUri = 'api://m365-sample';
const redirectUri = 'http://localhost:6274/oauth/callback';
const scope = `${appIdUri}/access_as_user`;

let sim: GraphSim;
let server: SimApp;
let serverV2: SimApp;
let inspector: SimApp;
let clock = Date.now();

const roles = [
  { value: 'McpServer.Read', allowedMemberTypes: ['User', 'Application'] as const },
  { value: 'McpServer.Write', allowedMemberTypes: ['User', 'Application'] as const },
];

beforeAll(async () => {
  sim = await startGraphSim();
  server = sim.registerApp({
    displayName: 'm365-sample (MCP server)',
    roles: [],
    identifierUris: [appIdUri],
    appRoles: roles,
    oauth2PermissionScopes: ['access_as_user'],
  });
  serverV2 = sim.registerApp({
    displayName: 'm365-sample v2 (MCP server)',
    roles: [],
    identifierUris: ['api://m365-sample-v2'],
    appRoles: roles,
    oauth2PermissionScopes: ['access_as_user'],
    requestedAccessTokenVersion: 2,
  });
  inspector = sim.registerApp({
    displayName: 'MCP Inspector (m365-sample)',
    roles: [],
    publicClient: true,
    redirectUris: [redirectUri],
  });
  sim.assignAppRole({
    principal: 'LeeG@contoso.com',
    resourceClientId: server.clientId,
    role: 'McpServer.Write',
  });
  sim.assignAppRole({
    principal: 'AdeleV@contoso.com',
    resourceClientId: server.clientId,
    role: 'McpServer.Read',
  });
  sim.assignAppRole({
    principal: 'LeeG@contoso.com',
    resourceClientId: serverV2.clientId,
    role: 'McpServer.Read',
  });
});

afterAll(async () => {
  await sim?.close();
});

function authenticator(options: Partial<EntraAuthenticatorOptions> = {}) {
  return entraAuthenticator({
    tenantId: sim.tenantId,
    audience: [appIdUri, server.clientId],
    authorityHost: sim.authority,
    ca: sim.ca,
    resourceName: 'm365-sample',
    now: () => clock,
    ...options,
  });
}

async function signIn(upn: string, options: { scope?: string } = {}): Promise<string> {
  const { accessToken } = await sim.signInUser({
    clientId: inspector.clientId,
    redirectUri,
    scope: options.scope ?? scope,
    upn,
  });
  return accessToken;
}

describe('entraAuthenticator against graph-sim', () => {
  it('a user signed in with authorization code + PKCE is the caller, with the writer role', async () => {
    clock = Date.now();
    const result = await authenticator().authenticate(`Bearer ${await signIn('LeeG@contoso.com')}`);
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(result.caller.auditName).toBe('entra:LeeG@contoso.com');
    expect(result.caller.roles).toEqual(['reader', 'writer']);
    expect(result.caller.identity).toMatchObject({
      kind: 'user',
      tenantId: sim.tenantId.toLowerCase(),
      userPrincipalName: 'LeeG@contoso.com',
      clientId: inspector.clientId,
    });
    expect(result.caller.principal).toBe(
      `entra:${sim.tenantId.toLowerCase()}/${(result.caller.identity as { objectId: string }).objectId}`,
    );
    expect(sim.userByUpn('LeeG@contoso.com')?.id?.toLowerCase()).toBe(
      (result.caller.identity as { objectId: string }).objectId,
    );
  });

  it('a reader is a reader; a user without a role is refused with 403 insufficient_scope', async () => {
    clock = Date.now();
    const made = authenticator();
    const reader = await made.authenticate(`Bearer ${await signIn('AdeleV@contoso.com')}`);
    expect(reader.kind === 'ok' && reader.caller.roles).toEqual(['reader']);
    const none = await made.authenticate(`Bearer ${await signIn('DiegoS@contoso.com')}`);
    expect(none).toMatchObject({ kind: 'refused', status: 403 });
    expect(none.kind === 'refused' && none.wwwAuthenticate).toContain('error="insufficient_scope"');
  });

  it('a v2.0 token (aud = the client id, issuer the authority) is accepted when the client id is an audience', async () => {
    clock = Date.now();
    const token = await signIn('LeeG@contoso.com', { scope: 'api://m365-sample-v2/access_as_user' });
    const made = authenticator({ audience: ['api://m365-sample-v2', serverV2.clientId] });
    const result = await made.authenticate(`Bearer ${token}`);
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(result.caller.roles).toEqual(['reader']);
    // The same token is another app's for a server configured with its own audiences only.
    expect(await authenticator().authenticate(`Bearer ${token}`)).toMatchObject({
      kind: 'refused',
      status: 401,
    });
  });

  it("an app-only token with the role is the app; a Graph token is refused as another resource's", async () => {
    clock = Date.now();
    const daemon = sim.registerApp({ displayName: 'SOC automation', roles: [] });
    const made = authenticator();
    const appToken = sim.issueToken({
      clientId: daemon.clientId,
      roles: ['McpServer.Read'],
      audience: appIdUri,
    });
    const app = await made.authenticate(`Bearer ${appToken}`);
    if (app.kind !== 'ok') throw new Error(app.reason);
    expect(app.caller.identity).toMatchObject({ kind: 'app', clientId: daemon.clientId });
    expect(app.caller.auditName).toBe(`entra:app:${daemon.clientId}`);
    const graphToken = sim.issueToken({ clientId: daemon.clientId, roles: ['User.Read.All'] });
    const graph = await made.authenticate(`Bearer ${graphToken}`);
    expect(graph).toMatchObject({ kind: 'refused', status: 401 });
    expect(graph.kind === 'refused' && graph.reason).toMatch(
      /^wrong audience https:\/\/graph\.microsoft\.com/,
    );
  });

  it("follows Entra's key rollover: the new key is fetched once the cooldown allows", async () => {
    clock = Date.now();
    const made = authenticator();
    expect((await made.authenticate(`Bearer ${await signIn('AdeleV@contoso.com')}`)).kind).toBe('ok');
    expect(made.keyFetches).toBe(1);
    const { kid } = sim.rotateSigningKey();
    const rolled = await signIn('AdeleV@contoso.com');
    expect(JSON.parse(Buffer.from(rolled.split('.')[0] as string, 'base64url').toString()).kid).toBe(kid);
    clock += 31_000;
    expect((await made.authenticate(`Bearer ${rolled}`)).kind).toBe('ok');
    expect(made.keyFetches).toBe(2);
  });
});
