// Entra sign-in end to end: a user signs in through graph-sim's Entra (authorization code + PKCE),
// a real MCP client calls the sample server over Streamable HTTP with that token, the audit log
// names the user, and the app roles decide who may apply a write plan. The server publishes its
// protected-resource metadata and answers a request without a token with the challenge naming it.
import type { SimApp } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entraAuthenticator } from '../src/http/entra/index.js';
import { writeResultSchema } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { connectClient, rawRequest, type SampleHttp, startSampleHttp } from './http-harness.js';
import { sampleServer } from './sample-server.js';

const appIdUri = 'api://m365-sample';
const redirectUri = 'http://localhost:6274/oauth/callback';

let t: SampleHttp;
let inspector: SimApp;
const tokens: string[] = [];

beforeAll(async () => {
  t = await startSampleHttp({
    allowWrites: true,
    authenticator: (sim) => {
      const server = sim.registerApp({
        displayName: 'm365-sample (MCP server)',
        roles: [],
        identifierUris: [appIdUri],
        appRoles: [
          { value: 'McpServer.Read', allowedMemberTypes: ['User', 'Application'] },
          { value: 'McpServer.Write', allowedMemberTypes: ['User', 'Application'] },
        ],
        oauth2PermissionScopes: ['access_as_user'],
      });
      inspector = sim.registerApp({
        displayName: 'MCP Inspector',
        roles: [],
        publicClient: true,
        redirectUris: [redirectUri],
      });
      sim.assignAppRole({
        principal: 'AdeleV@contoso.com',
        resourceClientId: server.clientId,
        role: 'McpServer.Read',
      });
      sim.assignAppRole({
        principal: 'LeeG@contoso.com',
        resourceClientId: server.clientId,
        role: 'McpServer.Write',
      });
      return entraAuthenticator({
        tenantId: sim.tenantId,
        audience: [appIdUri, server.clientId],
        authorityHost: sim.authority,
        ca: sim.ca,
        resourceName: sampleServer.name,
      });
    },
  });
});

afterAll(async () => {
  await t?.close();
});

async function signIn(upn: string): Promise<string> {
  const { accessToken } = await t.sim.signInUser({
    clientId: inspector.clientId,
    redirectUri,
    scope: `${appIdUri}/access_as_user`,
    upn,
  });
  tokens.push(accessToken);
  return accessToken;
}

function enabledMember() {
  const user = t.sim.tenant.directory.users.find((u) => u.accountEnabled && u.userType === 'Member');
  if (!user) throw new Error('the demo tenant has no enabled member');
  return user;
}

describe('Entra sign-in over HTTP', () => {
  it('publishes the protected-resource metadata and challenges a request without a token', async () => {
    const metadata = await rawRequest(t.url, {
      method: 'GET',
      path: '/.well-known/oauth-protected-resource/mcp',
      headers: { host: t.url.host },
    });
    expect(metadata.status).toBe(200);
    expect(JSON.parse(metadata.body)).toMatchObject({
      resource: t.url.href,
      authorization_servers: [`${t.sim.authority}/${t.sim.tenantId}/v2.0`],
      scopes_supported: [`${appIdUri}/access_as_user`],
    });
    const refused = await rawRequest(t.url, {
      headers: {
        host: t.url.host,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe(
      `Bearer realm="m365-sample", resource_metadata="${t.url.origin}/.well-known/oauth-protected-resource/mcp"`,
    );
  });

  it('a reader calls tools and makes a plan but cannot apply it; a writer applies; the audit log names each user', async () => {
    const user = enabledMember();
    const reader = await connectClient(t.url, await signIn('AdeleV@contoso.com'), {});
    expect((await callTool(reader.client, 'list_users', {})).isError).toBeFalsy();
    const readerPlan = writeResultSchema.parse(
      (await callTool(reader.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    expect(readerPlan.status).toBe('planned');
    const refused = await callTool(reader.client, 'disable_user', { planId: readerPlan.planId });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('you lack the write role (the app role McpServer.Write');
    expect(user.accountEnabled).toBe(true);

    const writer = await connectClient(t.url, await signIn('LeeG@contoso.com'), {});
    const plan = writeResultSchema.parse(
      (await callTool(writer.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    const applied = await callTool(writer.client, 'disable_user', { planId: plan.planId });
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(user.accountEnabled).toBe(false);
    await reader.client.close();
    await writer.client.close();

    const callers = new Set((await readAudit(t.auditLogPath)).map((line) => line.caller));
    expect(callers).toEqual(
      new Set(['entra:AdeleV@contoso.com@127.0.0.1', 'entra:LeeG@contoso.com@127.0.0.1']),
    );
  });

  it('never writes a token to the server log or the audit log', async () => {
    const audit = JSON.stringify(await readAudit(t.auditLogPath));
    const logged = t.logs.join('');
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) {
      expect(logged).not.toContain(token);
      expect(audit).not.toContain(token);
    }
  });
});
