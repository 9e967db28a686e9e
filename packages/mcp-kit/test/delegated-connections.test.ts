// The bookkeeping of DelegatedConnections: which caller gets which connection, when a credential is
// swapped, what is evicted, what is refused. No request is sent here (connections sign in on their
// first Graph request); the exchange itself is tested against graph-sim in delegated-obo.test.ts.
import { ForbiddenError } from '@m365-mcp/graph-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DelegatedCallError,
  DelegatedConnections,
  delegatedConnectionsFor,
  delegatedRefusalMessage,
  describeDelegatedFailure,
  SwappableCredential,
} from '../src/delegated/index.js';
import type { HttpCaller } from '../src/http/principal.js';

const tenantId = '0b7a3e1c-5d2f-4e6a-9b8c-1d2e3f4a5b6c';
const env = {
  AZURE_TENANT_ID: tenantId,
  AZURE_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  AZURE_CLIENT_SECRET: 'server-app-secret',
};

/** An Entra-shaped access token; its signature is never checked here (the authenticator did that). */
async function userToken(oid: string, claims: Record<string, unknown> = {}): Promise<string> {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = {
    oid,
    tid: tenantId,
    scp: 'access_as_user',
    upn: `${oid}@contoso.com`,
    jti: crypto.randomUUID(),
    exp: Math.floor(Date.now() / 1000) + 3600,
    ...claims,
  };
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.not-checked-here`;
}

async function caller(oid: string, claims: Record<string, unknown> = {}): Promise<HttpCaller> {
  return {
    principal: `entra:${tenantId}/${oid}`,
    auditName: `entra:${oid}@contoso.com`,
    assertion: await userToken(oid, claims),
  };
}

let connections: DelegatedConnections | undefined;
afterEach(async () => {
  await connections?.close();
  connections = undefined;
});

describe('DelegatedConnections', () => {
  it('gives each user one connection, kept across a refreshed token', async () => {
    connections = new DelegatedConnections({ env });
    const first = await connections.connection(await caller('alice'), undefined);
    const refreshed = await connections.connection(await caller('alice'), undefined);
    const bob = await connections.connection(await caller('bob'), undefined);
    expect(refreshed.graph).toBe(first.graph);
    expect(bob.graph).not.toBe(first.graph);
    expect(first.admin).toBeUndefined();
    expect(connections.size).toBe(2);
  });

  it('keeps at most maxUsers, closing the least recently used', async () => {
    connections = new DelegatedConnections({ env, maxUsers: 2 });
    const alice = await connections.connection(await caller('alice'), undefined);
    await connections.connection(await caller('bob'), undefined);
    // Alice is used again, so Bob is the least recently used when Carol arrives.
    await connections.connection(await caller('alice'), undefined);
    await connections.connection(await caller('carol'), undefined);
    expect(connections.size).toBe(2);
    expect((await connections.connection(await caller('alice'), undefined)).graph).toBe(alice.graph);
  });

  it("refuses a caller without a user token, an app-only token, and a tenant not the user's own", async () => {
    connections = new DelegatedConnections({ env });
    await expect(
      connections.connection({ principal: 'token:abc', auditName: 'http:abc@127.0.0.1' }, undefined),
    ).rejects.toThrow('http:abc@127.0.0.1 presented no Entra user token: sign in with Entra ID.');
    await expect(
      connections.connection(await caller('daemon', { scp: undefined }), undefined),
    ).rejects.toThrow(DelegatedCallError);
    await expect(
      connections.connection(await caller('alice'), {
        name: 'fabrikam',
        tenantId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        displayName: 'Fabrikam',
      }),
    ).rejects.toThrow(
      /is signed in to tenant 0b7a3e1c-.*; on behalf of a user this server reaches only the user's own tenant, so tenant "fabrikam"/,
    );
  });

  it('names the missing app credential by variable, and never the assertion', async () => {
    connections = new DelegatedConnections({ env: { AZURE_TENANT_ID: tenantId } });
    const who = await caller('alice');
    const error: unknown = await connections.connection(who, undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const { message } = error as Error;
    expect(message).toMatch(/No credentials are configured/);
    expect(message).not.toContain(who.assertion as string);
  });

  it('is closed for good once closed', async () => {
    connections = new DelegatedConnections({ env });
    await connections.close();
    await expect(connections.connection(await caller('alice'), undefined)).rejects.toThrow('closed');
  });
});

describe('delegatedRefusalMessage', () => {
  it('says Graph refused the user and which directory roles would allow it', () => {
    const error = new ForbiddenError({
      status: 403,
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
      method: 'PATCH',
      path: '/security/incidents/{id}',
      requestId: 'req-1',
      requiredPermissions: ['SecurityIncident.ReadWrite.All'],
    });
    expect(delegatedRefusalMessage(error, 'grace@contoso.com', 'm365-security')).toBe(
      'Graph refused grace@contoso.com: their directory roles do not allow this (PATCH /security/incidents/{id}, 403 Forbidden; needs one of: Security Operator, Security Administrator, Global Administrator). If their roles do allow it, the app lacks the delegated permission SecurityIncident.ReadWrite.All (or a broader one): `m365-security check`, run as that user, shows which. (Graph request-id req-1)',
    );
  });
});

describe('SwappableCredential', () => {
  /** A credential that counts its exchanges and hands out tokens valid for an hour from `now`. */
  function exchanging(name: string, clock: { now: number }) {
    const calls: string[] = [];
    return {
      calls,
      credential: {
        getToken: async (scopes: string | string[]) => {
          calls.push(String(scopes));
          return { token: `${name}-${calls.length}`, expiresOnTimestamp: clock.now + 3_600_000 };
        },
      },
    };
  }

  it('keeps a Graph token until five minutes before it expires, then exchanges again', async () => {
    const clock = { now: 1_000_000 };
    const first = exchanging('a', clock);
    const credential = new SwappableCredential(first.credential, () => clock.now);
    const scope = 'https://graph.microsoft.com/.default';
    expect((await credential.getToken(scope))?.token).toBe('a-1');
    clock.now += 3_600_000 - 5 * 60_000 - 1;
    expect((await credential.getToken(scope))?.token).toBe('a-1');
    clock.now += 1;
    expect((await credential.getToken(scope))?.token).toBe('a-2');
    // A claims challenge always goes to Entra.
    expect((await credential.getToken(scope, { claims: '{"access_token":{}}' }))?.token).toBe('a-3');
  });

  it('after a swap, hands out only tokens of the newer assertion', async () => {
    const clock = { now: 0 };
    const older = exchanging('old', clock);
    const newer = exchanging('new', clock);
    const credential = new SwappableCredential(older.credential, () => clock.now);
    expect((await credential.getToken('s'))?.token).toBe('old-1');
    credential.swap(newer.credential);
    expect((await credential.getToken('s'))?.token).toBe('new-1');
    expect(older.calls).toHaveLength(1);
  });
});

describe('describeDelegatedFailure', () => {
  const grace: HttpCaller = {
    principal: `entra:${tenantId}/grace`,
    auditName: 'entra:grace',
    identity: { kind: 'user', tenantId, objectId: 'grace', userPrincipalName: 'grace@contoso.com' },
  };

  it("words Graph's 403 as the user's roles, keeping describeError's outcome and ids", () => {
    const error = new ForbiddenError({
      status: 403,
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
      method: 'GET',
      path: '/security/incidents',
      requestId: 'req-2',
      requiredPermissions: ['SecurityIncident.Read.All'],
    });
    const described = describeDelegatedFailure(error, grace, 'm365-security');
    expect(described?.message).toMatch(
      /^Graph refused grace@contoso\.com: their directory roles do not allow this \(GET \/security\/incidents, 403 Forbidden; needs one of: Security Reader, /,
    );
    expect(described?.outcome).toBe('error');
    expect(described?.detail).toMatchObject({ delegated: true });
  });

  it('passes a refusal to act for the caller through as it is said, and leaves other errors alone', () => {
    const refusal = new DelegatedCallError(
      'entra:grace presented no Entra user token: sign in with Entra ID.',
    );
    expect(describeDelegatedFailure(refusal, grace, 'm365-security')?.message).toBe(refusal.message);
    expect(describeDelegatedFailure(new Error('boom'), grace, 'm365-security')).toBeUndefined();
  });
});

describe('delegatedConnectionsFor (serve.ts)', () => {
  const obo = { ...env, M365_MCP_SIGN_IN: 'on-behalf-of' };

  it('is nothing unless M365_MCP_SIGN_IN=on-behalf-of', () => {
    expect(delegatedConnectionsFor({ env, http: { auth: { kind: 'entra' } } })).toBeUndefined();
  });

  it('needs --http with Entra sign-in, and says so', () => {
    expect(() => delegatedConnectionsFor({ env: obo, http: undefined })).toThrow(
      /M365_MCP_SIGN_IN=on-behalf-of calls Graph as each signed-in caller of the HTTP endpoint: serve with --http and Entra sign-in/,
    );
    expect(() => delegatedConnectionsFor({ env: obo, http: { auth: { kind: 'bearer' } } })).toThrow(
      /--entra-tenant/,
    );
  });

  it('gives the connections with Entra sign-in', async () => {
    connections = delegatedConnectionsFor({ env: obo, http: { auth: { kind: 'entra' } } });
    expect(connections).toBeInstanceOf(DelegatedConnections);
  });
});
