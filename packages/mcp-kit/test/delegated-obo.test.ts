// On-behalf-of end to end against graph-sim over HTTPS: a user signs in to the server's API (auth
// code + PKCE), the server exchanges that token through @azure/identity's OnBehalfOfCredential and
// calls Graph as the user; Graph (the simulator) enforces the user's own directory roles.

import { decodeUserToken, parseTenantRegistry } from '@m365-mcp/auth';
import { ForbiddenError } from '@m365-mcp/graph-core';
import { demoSignInUsers, type GraphSim, roleTemplateIds, startGraphSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DelegatedConnections, delegatedRefusalMessage } from '../src/delegated/index.js';
import { entraPrincipal, type HttpCaller } from '../src/http/principal.js';

const redirectUri = 'http://localhost:33418/callback';
let sim: GraphSim;
let serverApp: { clientId: string; secret: string };
let client: { clientId: string };
let connections: DelegatedConnections;

beforeAll(async () => {
  sim = await startGraphSim();
  const registered = sim.registerApp({
    displayName: 'm365-security (test)',
    roles: [],
    identifierUris: ['api://m365-security-test'],
    oauth2PermissionScopes: ['access_as_user'],
    delegatedPermissions: ['User.Read', 'SecurityIncident.Read.All', 'SecurityAlert.Read.All'],
  });
  serverApp = { clientId: registered.clientId, secret: registered.secret as string };
  client = sim.registerApp({
    displayName: 'an MCP client',
    roles: [],
    publicClient: true,
    redirectUris: [redirectUri],
  });
  sim.assignDirectoryRole({
    upn: demoSignInUsers.globalReader,
    roleTemplateId: roleTemplateIds.globalReader,
  });
  connections = new DelegatedConnections({
    env: {
      AZURE_TENANT_ID: sim.tenantId,
      AZURE_CLIENT_ID: serverApp.clientId,
      AZURE_CLIENT_SECRET: serverApp.secret,
      AZURE_AUTHORITY_HOST: sim.url,
      M365_GRAPH_URL: sim.url,
    },
    ca: sim.ca,
  });
});

afterAll(async () => {
  await connections?.close();
  await sim?.close();
});

/** The caller the HTTP layer would hand the kit for a user signed in to the server's API. */
async function signedIn(upn: string): Promise<HttpCaller> {
  const { accessToken } = await sim.signInUser({
    clientId: client.clientId,
    redirectUri,
    scope: 'api://m365-security-test/access_as_user openid offline_access',
    upn,
  });
  const claims = decodeUserToken(accessToken);
  return {
    principal: entraPrincipal(claims.tenantId as string, claims.objectId as string),
    auditName: `entra:${upn}`,
    identity: {
      kind: 'user',
      tenantId: claims.tenantId as string,
      objectId: claims.objectId as string,
      userPrincipalName: upn,
    },
    assertion: accessToken,
  };
}

function exchangesFor(upn: string): number {
  const userId = sim.userByUpn(upn)?.id;
  return sim.requests
    .all()
    .filter(
      (entry) =>
        entry.side === 'entra' &&
        entry.method === 'POST' &&
        entry.path.endsWith('/oauth2/v2.0/token') &&
        entry.clientId === serverApp.clientId &&
        entry.userId === userId,
    ).length;
}

describe('on-behalf-of against graph-sim', () => {
  it('reaches Graph as the signed-in user: the request log names them', async () => {
    const caller = await signedIn(demoSignInUsers.securityAdministrator);
    const { graph } = await connections.connection(caller, undefined);
    sim.requests.clear();
    const incidents = await graph.get<{ value: unknown[] }>('/security/incidents', { query: { $top: '5' } });
    expect(Array.isArray(incidents.value)).toBe(true);
    const graphCalls = sim.requests.all().filter((entry) => entry.side === 'graph');
    expect(graphCalls.map((entry) => [entry.path, entry.userPrincipalName, entry.status])).toEqual([
      ['/security/incidents', demoSignInUsers.securityAdministrator, 200],
    ]);
    expect(graphCalls[0]?.clientId).toBe(serverApp.clientId);
  });

  it("a user whose roles do not allow the call gets Graph's 403, worded for the model", async () => {
    // Diego is Global Reader: he may read incidents but not change one.
    const caller = await signedIn(demoSignInUsers.globalReader);
    const { graph } = await connections.connection(caller, undefined);
    const incidents = await graph.get<{ value: { id: string }[] }>('/security/incidents', {
      query: { $top: '1' },
    });
    const id = incidents.value[0]?.id as string;
    const error = await graph
      .patch(`/security/incidents/${id}`, { status: 'active' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    const message = delegatedRefusalMessage(
      error as ForbiddenError,
      demoSignInUsers.globalReader,
      'm365-security',
    );
    expect(message).toMatch(
      new RegExp(
        `^Graph refused ${demoSignInUsers.globalReader}: their directory roles do not allow this \\(PATCH /security/incidents/.*403 Forbidden; needs one of: Security Operator, Security Administrator, Global Administrator\\)`,
      ),
    );
    expect(message).not.toContain(caller.assertion as string);
  });

  it('a refreshed token of the same user keeps the connection and exchanges the newer token', async () => {
    const upn = demoSignInUsers.globalAdministrator;
    const first = await connections.connection(await signedIn(upn), undefined);
    await first.graph.get('/me');
    await first.graph.get('/me');
    // One exchange: the Graph token is cached for the assertion it came from.
    expect(exchangesFor(upn)).toBe(1);
    const refreshed = await signedIn(upn);
    const again = await connections.connection(refreshed, undefined);
    expect(again.graph).toBe(first.graph);
    await again.graph.get('/me');
    expect(exchangesFor(upn)).toBe(2);
  });

  it("with a tenants registry, exchanges with the app the user's tenant entry names", async () => {
    const registry = parseTenantRegistry(
      JSON.stringify({
        signIn: { clientId: serverApp.clientId, secretEnv: 'SERVER_APP_SECRET' },
        tenants: [{ name: 'contoso', tenantId: sim.tenantId }],
      }),
      'tenants.json',
    );
    const perTenant = new DelegatedConnections({
      registry,
      env: { SERVER_APP_SECRET: serverApp.secret, AZURE_AUTHORITY_HOST: sim.url, M365_GRAPH_URL: sim.url },
      ca: sim.ca,
    });
    try {
      const caller = await signedIn(demoSignInUsers.securityAdministrator);
      const contoso = { name: 'contoso', tenantId: sim.tenantId, displayName: 'contoso' };
      const { graph } = await perTenant.connection(caller, contoso);
      sim.requests.clear();
      await graph.get('/me');
      expect(
        sim.requests
          .all()
          .filter((entry) => entry.side === 'graph')
          .map((entry) => entry.userPrincipalName),
      ).toEqual([demoSignInUsers.securityAdministrator]);
    } finally {
      await perTenant.close();
    }
  });
});
