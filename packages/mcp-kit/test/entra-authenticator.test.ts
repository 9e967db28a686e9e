// The Entra resource server's token checks against keys published over HTTPS (a local stand-in for
// Entra's OpenID metadata and JWKS, so the test can make tokens Entra never would), on an injected
// clock. graph-sim's own Entra is used in entra-graph-sim.test.ts.
import { redact } from '@m365-mcp/audit-log';
import { base64url, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EntraAuthenticatorOptions, entraAuthenticator } from '../src/http/entra/index.js';
import type { Authentication } from '../src/http/http-authenticator.js';
import { startTestAuthority, type TestAuthority } from './entra-test-authority.js';

const home = '11111111-2222-3333-4444-555555555555';
const partner = '99999999-8888-7777-6666-555555555555';
const appIdUri = 'api://m365-security';
const serverClientId = 'aaaaaaaa-0000-0000-0000-000000000001';
const clientApp = 'bbbbbbbb-0000-0000-0000-000000000002';
const userOid = 'cccccccc-0000-0000-0000-000000000003';
const appOid = 'dddddddd-0000-0000-0000-000000000004';
const t0 = Date.UTC(2026, 11, 3, 12, 0, 0);
const mcpUrl = new URL('http://127.0.0.1:3000/mcp');
const metadataUrl = 'http://127.0.0.1:3000/.well-known/oauth-protected-resource/mcp';

let authority: TestAuthority;
let clock = t0;
/** Every token a test made and every reason or header the authenticator gave: no reason may hold a token. */
const tokens: string[] = [];
const said: string[] = [];

beforeAll(async () => {
  authority = await startTestAuthority();
});
afterAll(async () => {
  await authority.close();
});

function authenticator(options: Partial<EntraAuthenticatorOptions> = {}) {
  const made = entraAuthenticator({
    tenantId: home,
    audience: [appIdUri, serverClientId],
    authorityHost: authority.authority,
    ca: authority.ca,
    resourceName: 'm365-security',
    now: () => clock,
    ...options,
  });
  made.documents?.(mcpUrl);
  return made;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** A delegated v1.0 token as Entra issues it for an app registration that did not ask for v2. */
function userClaimsV1(overrides: JWTPayload = {}): JWTPayload {
  return {
    aud: appIdUri,
    iss: `https://sts.windows.net/${home}/`,
    iat: seconds(t0) - 60,
    nbf: seconds(t0) - 60,
    exp: seconds(t0) + 3600,
    appid: clientApp,
    appidacr: '0',
    idtyp: 'user',
    name: 'Adele Vance',
    oid: userOid,
    roles: ['McpServer.Read'],
    scp: 'access_as_user',
    sub: 'pairwise-subject',
    tid: home,
    unique_name: 'AdeleV@contoso.example',
    upn: 'AdeleV@contoso.example',
    ver: '1.0',
    ...overrides,
  };
}

/** A delegated v2.0 token: `aud` is the client id, the issuer the authority's. */
function userClaimsV2(overrides: JWTPayload = {}): JWTPayload {
  return {
    aud: serverClientId,
    iss: `${authority.authority}/${home}/v2.0`,
    iat: seconds(t0) - 60,
    nbf: seconds(t0) - 60,
    exp: seconds(t0) + 3600,
    azp: clientApp,
    azpacr: '0',
    name: 'Megan Bowen',
    oid: userOid,
    preferred_username: 'MeganB@contoso.example',
    roles: ['McpServer.Write'],
    scp: 'access_as_user',
    sub: 'pairwise-subject',
    tid: home,
    ver: '2.0',
    ...overrides,
  };
}

/** An app-only v1.0 token (client credentials): roles, no scp. */
function appClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    aud: appIdUri,
    iss: `https://sts.windows.net/${home}/`,
    iat: seconds(t0) - 60,
    nbf: seconds(t0) - 60,
    exp: seconds(t0) + 3600,
    appid: clientApp,
    appidacr: '1',
    idtyp: 'app',
    oid: appOid,
    roles: ['McpServer.Write'],
    sub: appOid,
    tid: home,
    ver: '1.0',
    ...overrides,
  };
}

async function signed(claims: JWTPayload): Promise<string> {
  const token = await authority.sign(claims);
  tokens.push(token);
  return token;
}

async function check(
  made: ReturnType<typeof authenticator>,
  authorization: string | undefined,
): Promise<Authentication> {
  const result = await made.authenticate(authorization);
  if (result.kind === 'refused') said.push(result.reason, result.wwwAuthenticate);
  return result;
}

function refusal(result: Authentication) {
  if (result.kind !== 'refused') throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return result;
}

describe('entraAuthenticator: valid tokens', () => {
  it('a v1.0 user token with the read role is a reader named by its UPN', async () => {
    clock = t0;
    const result = await check(authenticator(), `Bearer ${await signed(userClaimsV1())}`);
    expect(result).toEqual({
      kind: 'ok',
      caller: {
        principal: `entra:${home}/${userOid}`,
        auditName: 'entra:AdeleV@contoso.example',
        identity: {
          kind: 'user',
          tenantId: home,
          objectId: userOid,
          userPrincipalName: 'AdeleV@contoso.example',
          clientId: clientApp,
        },
        roles: ['reader'],
      },
    });
  });

  it('a v2.0 user token (aud = client id) with the write role is a writer, and a reader', async () => {
    clock = t0;
    const result = await check(authenticator(), `Bearer ${await signed(userClaimsV2())}`);
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(result.caller.roles).toEqual(['reader', 'writer']);
    expect(result.caller.auditName).toBe('entra:MeganB@contoso.example');
    expect(result.caller.identity).toMatchObject({ kind: 'user', clientId: clientApp });
    expect(result.caller.assertion).toBeUndefined();
  });

  it('an app-only token with a role is the calling app', async () => {
    clock = t0;
    const result = await check(authenticator(), `Bearer ${await signed(appClaims())}`);
    expect(result).toEqual({
      kind: 'ok',
      caller: {
        principal: `entra:${home}/${appOid}`,
        auditName: `entra:app:${clientApp}`,
        identity: { kind: 'app', tenantId: home, clientId: clientApp, objectId: appOid },
        roles: ['reader', 'writer'],
      },
    });
  });

  it('keepAssertion keeps the token for on-behalf-of and registers it as a secret', async () => {
    clock = t0;
    const token = await signed(userClaimsV1({ uti: 'kept-token' }));
    const result = await check(authenticator({ keepAssertion: true }), `Bearer ${token}`);
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(result.caller.assertion).toBe(token);
    expect(JSON.stringify(redact({ line: `sent ${token}` }))).not.toContain(token);
  });

  it('accepts a token within the clock skew of its expiry', async () => {
    clock = t0 + 3600_000 + 30_000;
    const result = await check(authenticator(), `Bearer ${await signed(userClaimsV1())}`);
    expect(result.kind).toBe('ok');
  });
});

describe('entraAuthenticator: refused tokens (401 invalid_token)', () => {
  async function refusedFor(claims: JWTPayload, options: Partial<EntraAuthenticatorOptions> = {}) {
    return refusal(await check(authenticator(options), `Bearer ${await signed(claims)}`));
  }

  it('an expired token, on the injected clock', async () => {
    clock = t0 + 3600_000 + 61_000;
    const refused = await refusedFor(userClaimsV1());
    expect(refused).toMatchObject({ status: 401, reason: 'expired token' });
    expect(refused.wwwAuthenticate).toBe(
      `Bearer realm="m365-security", resource_metadata="${metadataUrl}", error="invalid_token"`,
    );
  });

  it('a token not yet valid', async () => {
    clock = t0;
    const refused = await refusedFor(userClaimsV1({ nbf: seconds(t0) + 600 }));
    expect(refused).toMatchObject({ status: 401, reason: 'token not yet valid (nbf)' });
  });

  it('a token for Microsoft Graph', async () => {
    clock = t0;
    const refused = await refusedFor(userClaimsV1({ aud: 'https://graph.microsoft.com', scp: 'User.Read' }));
    expect(refused.status).toBe(401);
    expect(refused.reason).toBe(
      'wrong audience https://graph.microsoft.com (a token for another app or for Graph)',
    );
  });

  it('a token for another app of the tenant', async () => {
    clock = t0;
    const refused = await refusedFor(userClaimsV2({ aud: 'eeeeeeee-0000-0000-0000-000000000005' }));
    expect(refused.reason).toMatch(/^wrong audience/);
  });

  it('a v1.0 token whose issuer is not the token service', async () => {
    clock = t0;
    const refused = await refusedFor(userClaimsV1({ iss: `https://evil.example/${home}/` }));
    expect(refused.reason).toBe(
      `wrong issuer https://evil.example/${home}/ (expected https://sts.windows.net/${home}/)`,
    );
  });

  it('a v2.0 token with the v1.0 issuer', async () => {
    clock = t0;
    const refused = await refusedFor(userClaimsV2({ iss: `https://sts.windows.net/${home}/` }));
    expect(refused.reason).toMatch(/^wrong issuer/);
  });

  it('a token of a tenant not allowed', async () => {
    clock = t0;
    const refused = await refusedFor(
      userClaimsV1({ tid: partner, iss: `https://sts.windows.net/${partner}/` }),
    );
    expect(refused.reason).toBe(`tenant ${partner} is not allowed`);
  });

  it('multi-tenant: an allowed tenant is accepted, but only with its own issuer', async () => {
    clock = t0;
    const options = { allowedTenants: [home, partner] };
    const own = await check(
      authenticator(options),
      `Bearer ${await signed(userClaimsV1({ tid: partner, iss: `https://sts.windows.net/${partner}/` }))}`,
    );
    if (own.kind !== 'ok') throw new Error(own.reason);
    expect(own.caller.principal).toBe(`entra:${partner}/${userOid}`);
    const borrowed = await refusedFor(userClaimsV1({ tid: partner }), options);
    expect(borrowed.reason).toMatch(/^wrong issuer/);
  });

  it('an unsigned token (alg none)', async () => {
    clock = t0;
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(JSON.stringify(userClaimsV1()));
    const token = `${header}.${payload}.`;
    tokens.push(token);
    const refused = refusal(await check(authenticator(), `Bearer ${token}`));
    expect(refused.status).toBe(401);
  });

  it('an HS256 token signed with the public key as the secret', async () => {
    clock = t0;
    const secret = new TextEncoder().encode(JSON.stringify(authority.publicJwk));
    const token = await new SignJWT(userClaimsV1())
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: authority.kid })
      .sign(secret);
    tokens.push(token);
    const refused = refusal(await check(authenticator(), `Bearer ${token}`));
    expect(refused.reason).toBe('signing algorithm not allowed (RS256 only)');
  });

  it('a token whose signature was tampered with', async () => {
    clock = t0;
    const token = await signed(userClaimsV1());
    const [header, , signature] = token.split('.');
    const forged = `${header}.${base64url.encode(JSON.stringify(userClaimsV1({ roles: ['McpServer.Write'] })))}.${signature}`;
    tokens.push(forged);
    expect(refusal(await check(authenticator(), `Bearer ${forged}`)).reason).toBe('bad signature');
  });

  it('a header that is not a bearer token, and a missing one', async () => {
    const made = authenticator();
    expect(refusal(await check(made, 'Basic dXNlcjpwYXNz')).wwwAuthenticate).toContain(
      'error="invalid_token"',
    );
    const missing = refusal(await check(made, undefined));
    expect(missing).toMatchObject({ status: 401, reason: 'no bearer token' });
    expect(missing.wwwAuthenticate).toBe(`Bearer realm="m365-security", resource_metadata="${metadataUrl}"`);
  });
});

describe('entraAuthenticator: roles and scope (403 insufficient_scope)', () => {
  it('a valid user token without either role', async () => {
    clock = t0;
    const refused = refusal(
      await check(authenticator(), `Bearer ${await signed(userClaimsV1({ roles: undefined }))}`),
    );
    expect(refused.status).toBe(403);
    expect(refused.reason).toBe(
      'entra:AdeleV@contoso.example holds neither app role McpServer.Read or McpServer.Write',
    );
    expect(refused.wwwAuthenticate).toBe(
      `Bearer realm="m365-security", resource_metadata="${metadataUrl}", error="insufficient_scope", scope="api://m365-security/access_as_user", error_description="the caller needs the app role McpServer.Read or McpServer.Write on this server's app registration"`,
    );
  });

  it('an app-only token without a role', async () => {
    clock = t0;
    const refused = refusal(await check(authenticator(), `Bearer ${await signed(appClaims({ roles: [] }))}`));
    expect(refused.status).toBe(403);
  });

  it("a user token without the server's delegated scope", async () => {
    clock = t0;
    const refused = refusal(
      await check(authenticator(), `Bearer ${await signed(userClaimsV1({ scp: 'User.Read' }))}`),
    );
    expect(refused).toMatchObject({
      status: 403,
      reason: 'user AdeleV@contoso.example has no access_as_user scope in the token',
    });
  });

  it('custom role names', async () => {
    clock = t0;
    const made = authenticator({ roles: { read: 'Security.Reader', write: 'Security.Writer' } });
    const result = await check(made, `Bearer ${await signed(userClaimsV1({ roles: ['Security.Writer'] }))}`);
    if (result.kind !== 'ok') throw new Error(result.reason);
    expect(result.caller.roles).toEqual(['reader', 'writer']);
  });
});

describe('entraAuthenticator: signing keys', () => {
  it('fetches a rolled-over key once the cooldown allows, and never storms the JWKS', async () => {
    clock = t0;
    const made = authenticator();
    const before = authority.jwksRequests;
    expect((await check(made, `Bearer ${await signed(userClaimsV1())}`)).kind).toBe('ok');
    expect(authority.jwksRequests - before).toBe(1);

    // Tokens signed by keys nobody published: one refetch at most per cooldown, however many come.
    clock = t0 + 60_000;
    for (let i = 0; i < 10; i += 1) {
      const token = await authority.signWithUnpublishedKey(userClaimsV1());
      tokens.push(token);
      expect(refusal(await check(made, `Bearer ${token}`)).reason).toBe(
        'signed with a key the tenant does not publish',
      );
    }
    expect(authority.jwksRequests - before).toBe(2);

    // Entra rolls its key: the new key is fetched as soon as the cooldown since the last fetch ends.
    await authority.rotate();
    clock = t0 + 60_000 + 31_000;
    const rolled = await check(made, `Bearer ${await signed(userClaimsV1())}`);
    expect(rolled.kind).toBe('ok');
    expect(authority.jwksRequests - before).toBe(3);
    // The cached set now holds it: no fetch for the next token.
    expect((await check(made, `Bearer ${await signed(userClaimsV1())}`)).kind).toBe('ok');
    expect(authority.jwksRequests - before).toBe(3);
    expect(made.keyFetches).toBe(3);
  });

  it('concurrent first requests share one fetch', async () => {
    clock = t0;
    const made = authenticator();
    const before = authority.jwksRequests;
    const token = await signed(userClaimsV1());
    const results = await Promise.all(Array.from({ length: 5 }, () => check(made, `Bearer ${token}`)));
    expect(results.every((result) => result.kind === 'ok')).toBe(true);
    expect(authority.jwksRequests - before).toBe(1);
  });
});

describe('entraAuthenticator: protected-resource metadata', () => {
  it('serves RFC 9728 metadata at the root and the path-suffixed well-known paths', () => {
    const documents = authenticator().documents?.(mcpUrl);
    const expected = {
      resource: 'http://127.0.0.1:3000/mcp',
      authorization_servers: [`${authority.authority}/${home}/v2.0`],
      scopes_supported: ['api://m365-security/access_as_user'],
      bearer_methods_supported: ['header'],
      resource_name: 'm365-security',
      resource_documentation: 'https://github.com/m365-mcp/m365-mcp/tree/main/packages/mcp-kit#entra-sign-in',
    };
    expect([...(documents?.keys() ?? [])]).toEqual([
      '/.well-known/oauth-protected-resource',
      '/.well-known/oauth-protected-resource/mcp',
    ]);
    expect(documents?.get('/.well-known/oauth-protected-resource/mcp')).toEqual(expected);
    expect(documents?.get('/.well-known/oauth-protected-resource')).toEqual(expected);
  });

  it('behind a reverse proxy, names the public URL in the metadata and the challenge', async () => {
    const made = authenticator({ publicUrl: 'https://mcp.contoso.example/mcp' });
    expect(made.documents?.(mcpUrl).get('/.well-known/oauth-protected-resource/mcp')).toMatchObject({
      resource: 'https://mcp.contoso.example/mcp',
    });
    expect(refusal(await check(made, undefined)).wwwAuthenticate).toBe(
      'Bearer realm="m365-security", resource_metadata="https://mcp.contoso.example/.well-known/oauth-protected-resource/mcp"',
    );
  });

  it('refuses bad options with a message that says what to fix', () => {
    expect(() => authenticator({ audience: [] })).toThrow(/needs the server app's audience/);
    expect(() => authenticator({ tenantId: 'contoso.onmicrosoft.com' })).toThrow(
      /must be the home tenant's id/,
    );
    expect(() => authenticator({ authorityHost: 'http://login.microsoftonline.com' })).toThrow(
      /must use https/,
    );
    expect(() => authenticator({ allowedTenants: ['contoso'] })).toThrow(/must be a tenant id/);
  });
});

describe('entraAuthenticator: secrets', () => {
  it('no reason (the server log line) or challenge ever holds a token or its signature', () => {
    expect(said.length).toBeGreaterThan(20);
    for (const token of tokens) {
      const [header, payload, signature] = token.split('.');
      for (const line of said) {
        expect(line).not.toContain(token);
        expect(line).not.toContain(`${header}.${payload}`);
        if (signature) expect(line).not.toContain(signature);
      }
    }
  });
});
