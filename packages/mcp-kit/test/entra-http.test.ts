// Entra sign-in end to end: a user signs in through graph-sim's Entra (authorization code + PKCE),
// a real MCP client calls the sample server over Streamable HTTP with that token, the audit log
// names the user, and the app roles decide who may apply a write plan. The server publishes its
// protected-resource metadata and answers a request without a token with the challenge naming it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditLog, openAuditLog } from '@m365-mcp/audit-log';
import type { SimApp } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../src/cli/demo.js';
import { graphFromEnvironment, type ServerConfig } from '../src/cli/startup.js';
import { entraAuthenticator } from '../src/http/entra/index.js';
import { type RunningHttpServer, startHttpServer } from '../src/http/index.js';
import { createServer, writeResultSchema } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { connectClient, rawRequest } from './http-harness.js';
import { sampleServer } from './sample-server.js';

const appIdUri = 'api://m365-sample';
const redirectUri = 'http://localhost:6274/oauth/callback';

let demo: DemoTenant;
let http: RunningHttpServer;
let auditLog: AuditLog;
let scratch: string;
let inspector: SimApp;
let closeGraph: () => Promise<void>;
const logs: string[] = [];
const tokens: string[] = [];

beforeAll(async () => {
  demo = await startDemoTenant({ manifest: sampleServer.permissions, writes: true });
  const sim = demo.sim;
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

  scratch = await mkdtemp(join(tmpdir(), 'entra-http-'));
  const connection = await graphFromEnvironment(demo.env, { ca: sim.ca });
  closeGraph = () => connection.graph.close();
  const config: ServerConfig = {
    auditLogPath: join(scratch, 'audit.jsonl'),
    breakGlassAccounts: [],
    demo: true,
    settings: {},
    allowWrites: true,
  };
  auditLog = await openAuditLog(config.auditLogPath, { server: sampleServer.name });
  const stderr = (line: string) => void logs.push(line);
  http = await startHttpServer({
    name: sampleServer.name,
    auth: entraAuthenticator({
      tenantId: sim.tenantId,
      audience: [appIdUri, server.clientId],
      authorityHost: sim.authority,
      ca: sim.ca,
      resourceName: sampleServer.name,
    }),
    port: 0,
    createSession: ({ caller }) =>
      createServer(sampleServer, {
        graph: connection.graph,
        auditLog,
        config,
        allowWrites: true,
        caller,
        stderr,
      }),
    stderr,
  });
});

afterAll(async () => {
  await http?.close();
  await auditLog?.close();
  await closeGraph?.();
  await demo?.sim.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function signIn(upn: string): Promise<string> {
  const { accessToken } = await demo.sim.signInUser({
    clientId: inspector.clientId,
    redirectUri,
    scope: `${appIdUri}/access_as_user`,
    upn,
  });
  tokens.push(accessToken);
  return accessToken;
}

function enabledMember() {
  const user = demo.sim.tenant.directory.users.find((u) => u.accountEnabled && u.userType === 'Member');
  if (!user) throw new Error('the demo tenant has no enabled member');
  return user;
}

describe('Entra sign-in over HTTP', () => {
  it('publishes the protected-resource metadata and challenges a request without a token', async () => {
    const metadata = await rawRequest(http.url, {
      method: 'GET',
      path: '/.well-known/oauth-protected-resource/mcp',
      headers: { host: http.url.host },
    });
    expect(metadata.status).toBe(200);
    expect(JSON.parse(metadata.body)).toMatchObject({
      resource: http.url.href,
      authorization_servers: [`${demo.sim.authority}/${demo.sim.tenantId}/v2.0`],
      scopes_supported: [`${appIdUri}/access_as_user`],
    });
    const refused = await rawRequest(http.url, {
      headers: {
        host: http.url.host,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe(
      `Bearer realm="m365-sample", resource_metadata="${http.url.origin}/.well-known/oauth-protected-resource/mcp"`,
    );
  });

  it('a reader calls tools and makes a plan but cannot apply it; a writer applies; the audit log names each user', async () => {
    const user = enabledMember();
    const reader = await connectClient(http.url, await signIn('AdeleV@contoso.com'), {});
    expect((await callTool(reader.client, 'list_users', {})).isError).toBeFalsy();
    const readerPlan = writeResultSchema.parse(
      (await callTool(reader.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    expect(readerPlan.status).toBe('planned');
    const refused = await callTool(reader.client, 'disable_user', { planId: readerPlan.planId });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('you lack the write role (the app role McpServer.Write');
    expect(user.accountEnabled).toBe(true);

    const writer = await connectClient(http.url, await signIn('LeeG@contoso.com'), {});
    const plan = writeResultSchema.parse(
      (await callTool(writer.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    const applied = await callTool(writer.client, 'disable_user', { planId: plan.planId });
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(user.accountEnabled).toBe(false);
    await reader.client.close();
    await writer.client.close();

    const callers = new Set((await readAudit(auditLog.path)).map((line) => line.caller));
    expect(callers).toEqual(
      new Set(['entra:AdeleV@contoso.com@127.0.0.1', 'entra:LeeG@contoso.com@127.0.0.1']),
    );
  });

  it('never writes a token to the server log or the audit log', async () => {
    const audit = JSON.stringify(await readAudit(join(scratch, 'audit.jsonl')));
    const logged = logs.join('');
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) {
      expect(logged).not.toContain(token);
      expect(audit).not.toContain(token);
    }
  });
});
