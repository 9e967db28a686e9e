// On-behalf-of through the whole server: a user signs in through graph-sim's Entra, a real MCP
// client calls the sample server over Streamable HTTP with that token, the server (Entra resource
// server keeping the assertion) calls Graph as that user through DelegatedConnections; Graph's
// request log and the audit log name the user, and a user whose directory roles do not allow the
// read is told so.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditLog, openAuditLog } from '@m365-mcp/audit-log';
import { demoSignInUsers, type GraphSim, type SimApp, startGraphSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphFromEnvironment, type ServerConfig } from '../src/cli/startup.js';
import { DelegatedConnections } from '../src/delegated/index.js';
import { entraAuthenticator } from '../src/http/entra/index.js';
import { type RunningHttpServer, startHttpServer } from '../src/http/index.js';
import { createServer } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { connectClient } from './http-harness.js';
import { sampleServer } from './sample-server.js';

const appIdUri = 'api://m365-sample-obo';
const redirectUri = 'http://localhost:6274/oauth/callback';

let sim: GraphSim;
let http: RunningHttpServer;
let auditLog: AuditLog;
let scratch: string;
let inspector: SimApp;
let delegated: DelegatedConnections;
let closeGraph: () => Promise<void>;
const logs: string[] = [];
const tokens: string[] = [];

beforeAll(async () => {
  sim = await startGraphSim();
  // The server's app: an API users sign in to, the delegated Graph permission it calls with, and no
  // application permission at all, so nothing can reach Graph as the app.
  const server = sim.registerApp({
    displayName: 'm365-sample (MCP server, on-behalf-of)',
    roles: [],
    identifierUris: [appIdUri],
    appRoles: [{ value: 'McpServer.Read', allowedMemberTypes: ['User'] }],
    oauth2PermissionScopes: ['access_as_user'],
    delegatedPermissions: ['User.Read', 'User.Read.All'],
  });
  inspector = sim.registerApp({
    displayName: 'MCP Inspector',
    roles: [],
    publicClient: true,
    redirectUris: [redirectUri],
  });
  for (const upn of [demoSignInUsers.securityAdministrator, demoSignInUsers.globalReader]) {
    sim.assignAppRole({ principal: upn, resourceClientId: server.clientId, role: 'McpServer.Read' });
  }
  const env = {
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: server.clientId,
    AZURE_CLIENT_SECRET: server.secret as string,
    AZURE_AUTHORITY_HOST: sim.url,
    M365_GRAPH_URL: sim.url,
  };
  delegated = new DelegatedConnections({ env, ca: sim.ca });
  const connection = await graphFromEnvironment(env, { ca: sim.ca });
  closeGraph = () => connection.graph.close();
  scratch = await mkdtemp(join(tmpdir(), 'delegated-http-'));
  const config: ServerConfig = {
    auditLogPath: join(scratch, 'audit.jsonl'),
    breakGlassAccounts: [],
    demo: false,
    settings: {},
    allowWrites: false,
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
      keepAssertion: true,
    }),
    port: 0,
    createSession: ({ caller }) =>
      createServer(sampleServer, {
        graph: connection.graph,
        delegated,
        auditLog,
        config,
        allowWrites: false,
        caller,
        stderr,
      }),
    stderr,
  });
});

afterAll(async () => {
  await http?.close();
  await delegated?.close();
  await auditLog?.close();
  await closeGraph?.();
  await sim?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function signIn(upn: string): Promise<string> {
  const { accessToken } = await sim.signInUser({
    clientId: inspector.clientId,
    redirectUri,
    scope: `${appIdUri}/access_as_user`,
    upn,
  });
  tokens.push(accessToken);
  return accessToken;
}

describe('on-behalf-of over Streamable HTTP', () => {
  it("a tool reads Graph as the signed-in user: Graph's request log and the audit log name them", async () => {
    const lee = await connectClient(http.url, await signIn(demoSignInUsers.securityAdministrator), {});
    sim.requests.clear();
    try {
      const answer = await callTool(lee.client, 'list_users', { limit: 2 });
      expect(answer.isError).toBeFalsy();
    } finally {
      await lee.client.close();
    }
    const graphCalls = sim.requests.all().filter((entry) => entry.side === 'graph');
    expect(graphCalls.length).toBeGreaterThan(0);
    expect(new Set(graphCalls.map((entry) => entry.userPrincipalName))).toEqual(
      new Set([demoSignInUsers.securityAdministrator]),
    );
    const audit = await readAudit(auditLog.path);
    expect(audit.at(-1)?.caller).toBe(`entra:${demoSignInUsers.securityAdministrator}@127.0.0.1`);
  });

  it("a user whose directory roles do not allow the read gets Graph's 403, said as their roles", async () => {
    // Diego holds no directory role in the demo tenant.
    const diego = await connectClient(http.url, await signIn(demoSignInUsers.globalReader), {});
    try {
      const answer = await callTool(diego.client, 'list_users', { limit: 2 });
      expect(answer.isError).toBe(true);
      expect(answer.text).toContain(
        `Graph refused ${demoSignInUsers.globalReader}: their directory roles do not allow this (GET /users, 403 Forbidden; needs one of: Directory Readers, Global Reader, Global Administrator).`,
      );
    } finally {
      await diego.client.close();
    }
  });

  it('never writes a token to the server log or the audit log', async () => {
    const audit = JSON.stringify(await readAudit(auditLog.path));
    const logged = logs.join('');
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) {
      expect(logged).not.toContain(token);
      expect(audit).not.toContain(token);
    }
  });
});
