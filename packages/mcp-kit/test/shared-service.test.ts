// The shared service end to end, as the README sets it up: the built server over Streamable HTTP
// with Entra sign-in and on-behalf-of, graph-sim as Entra and Graph. A user signs in (authorization
// code with PKCE) through a public client, calls a tool with that token; Graph's request log and the
// audit log name them; a write plan survives a restart of the server; applying it is refused while
// the user holds only the read role and allowed once an admin gives them the write role.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSignInUsers, type GraphSim, type SimApp, startGraphSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../src/testing/index.js';
import { writeResultSchema } from '../src/writes/write-result.js';
import { readAudit } from './audit-file.js';
import { buildSampleBin } from './build-sample-bin.js';
import { type RunningBin, startHttpBin } from './http-bin-process.js';
import { connectClient, initializeBody, postHeaders, rawRequest } from './http-harness.js';

const appIdUri = 'api://m365-sample-shared';
const redirectUri = 'http://localhost:6274/oauth/callback';
const admin = demoSignInUsers.globalAdministrator;

let dir: string;
let bin: string;
let sim: GraphSim;
let serverApp: SimApp;
let inspector: SimApp;
let env: Record<string, string>;
let running: RunningBin | undefined;
const auditLog = () => join(dir, 'audit.jsonl');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-kit-shared-service-'));
  bin = await buildSampleBin(dir);
  sim = await startGraphSim();
  // The server's own registration: an API (scope and app roles) and the delegated Graph permissions
  // it calls with on the user's behalf; no application permission, so nothing reaches Graph as it.
  serverApp = sim.registerApp({
    displayName: 'm365-sample (shared service)',
    roles: [],
    identifierUris: [appIdUri],
    appRoles: [
      { value: 'McpServer.Read', allowedMemberTypes: ['User'] },
      { value: 'McpServer.Write', allowedMemberTypes: ['User'] },
    ],
    oauth2PermissionScopes: ['access_as_user'],
    delegatedPermissions: ['User.Read', 'User.Read.All', 'User.ReadWrite.All'],
  });
  // What the MCP inspector (or VS Code, or Claude) is in Entra: a public client, pre-registered.
  inspector = sim.registerApp({
    displayName: 'MCP Inspector',
    roles: [],
    publicClient: true,
    redirectUris: [redirectUri],
  });
  sim.assignAppRole({ principal: admin, resourceClientId: serverApp.clientId, role: 'McpServer.Read' });
  const caPath = join(dir, 'graph-sim-ca.pem');
  await writeFile(caPath, sim.ca);
  env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    NODE_EXTRA_CA_CERTS: caPath,
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: serverApp.clientId,
    AZURE_CLIENT_SECRET: serverApp.secret as string,
    AZURE_AUTHORITY_HOST: sim.url,
    M365_GRAPH_URL: sim.url,
    M365_MCP_SIGN_IN: 'on-behalf-of',
    M365_MCP_ENTRA_TENANT: sim.tenantId,
    M365_MCP_ENTRA_AUDIENCE: appIdUri,
  };
}, 120_000);

afterAll(async () => {
  await running?.stop();
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function start(): Promise<RunningBin> {
  return startHttpBin(bin, ['--http', '--port', '0', '--allow-writes', '--audit-log', auditLog()], env);
}

async function signIn(): Promise<string> {
  const { accessToken } = await sim.signInUser({
    clientId: inspector.clientId,
    redirectUri,
    scope: `${appIdUri}/access_as_user`,
    upn: admin,
  });
  return accessToken;
}

describe('the shared service: Entra sign-in, on-behalf-of, durable plans, app roles', () => {
  it('a signed-in user reads as themselves, plans, and applies only with the write role, across a restart', async () => {
    running = await start();
    const metadataUrl = new URL('/.well-known/oauth-protected-resource/mcp', running.url);
    const metadata = (await (await fetch(metadataUrl)).json()) as Record<string, unknown>;
    expect(metadata.resource).toBe(running.url.href);
    expect(metadata.authorization_servers).toEqual([`${sim.authority}/${sim.tenantId}/v2.0`]);
    const anonymous = await rawRequest(running.url, {
      headers: postHeaders(undefined),
      body: initializeBody,
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toContain(`resource_metadata="${metadataUrl.href}"`);

    const reader = await connectClient(running.url, await signIn(), {});
    const user = sim.users.find(
      (candidate) => candidate.accountEnabled && candidate.userPrincipalName !== admin,
    );
    if (!user) throw new Error('graph-sim has no enabled user to disable');
    let planId: string;
    try {
      sim.requests.clear();
      const read = await callTool(reader.client, 'list_users', { limit: 2 });
      expect(read.isError).toBeFalsy();
      const planned = writeResultSchema.parse(
        (await callTool(reader.client, 'disable_user', { userId: user.id })).structuredContent,
      );
      expect(planned.status).toBe('planned');
      planId = planned.planId as string;
      const refused = await callTool(reader.client, 'disable_user', { planId });
      expect(refused.isError).toBe(true);
      expect(refused.text).toMatch(/McpServer\.Write|writer role/);
    } finally {
      await reader.client.close();
    }
    // On-behalf-of: every Graph request was the admin's own, and the refused apply sent nothing.
    const graphCalls = sim.requests.all().filter((entry) => entry.side === 'graph');
    expect(graphCalls.length).toBeGreaterThan(0);
    expect(new Set(graphCalls.map((entry) => entry.userPrincipalName))).toEqual(new Set([admin]));
    expect(graphCalls.filter((entry) => entry.method === 'PATCH')).toEqual([]);

    // A restart: the plan is in the server's store, not its memory.
    expect(await running.stop()).toEqual({ code: 0, signal: null });
    running = await start();

    // An administrator gives the user the write role; their next token carries it.
    sim.assignAppRole({ principal: admin, resourceClientId: serverApp.clientId, role: 'McpServer.Write' });
    const writer = await connectClient(running.url, await signIn(), {});
    try {
      sim.requests.clear();
      const applied = writeResultSchema.parse(
        (await callTool(writer.client, 'disable_user', { planId })).structuredContent,
      );
      expect(applied.status).toBe('applied');
    } finally {
      await writer.client.close();
    }
    const patches = sim.requests.all().filter((entry) => entry.side === 'graph' && entry.method === 'PATCH');
    expect(patches.map((entry) => [entry.path, entry.userPrincipalName])).toEqual([
      [`/users/${user.id}`, admin],
    ]);

    const audit = await readAudit(auditLog());
    const lines = audit.filter((line) => line.tool === 'disable_user');
    expect(lines.map((line) => [line.caller, line.outcome])).toEqual([
      [`entra:${admin}@127.0.0.1`, 'planned'],
      [`entra:${admin}@127.0.0.1`, 'refused'],
      [`entra:${admin}@127.0.0.1`, 'applied'],
    ]);
    expect(running.stderr()).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });
});
