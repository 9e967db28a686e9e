// Defense in depth behind the HTTP session binding: the write gate binds each plan to the principal
// of the request that made it (what the transport says in `authInfo`), so a plan cannot be applied
// by anyone else even inside one server instance. A real MCP client whose transport says who it
// is on each message, as the HTTP layer does.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog } from '@m365-mcp/audit-log';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../src/cli/demo.js';
import { graphFromEnvironment, type ServerConfig } from '../src/cli/startup.js';
import { authInfoFor } from '../src/http/principal.js';
import { createServer, writeResultSchema } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { sampleServer } from './sample-server.js';

let demo: DemoTenant;
let scratch: string;
let close: () => Promise<void>;
let client: Client;
/** The principal the client's next messages carry. */
let principal = 'token:aaaaaaaa';
let auditLogPath: string;

beforeAll(async () => {
  demo = await startDemoTenant({ manifest: sampleServer.permissions, writes: true });
  scratch = await mkdtemp(join(tmpdir(), 'mcp-kit-plan-principal-'));
  const connection = await graphFromEnvironment(demo.env, { ca: demo.sim.ca });
  auditLogPath = join(scratch, 'audit.jsonl');
  const config: ServerConfig = {
    auditLogPath,
    breakGlassAccounts: [],
    demo: true,
    settings: {},
    allowWrites: true,
  };
  const auditLog = await openAuditLog(auditLogPath, { server: sampleServer.name });
  const server = createServer(sampleServer, {
    graph: connection.graph,
    auditLog,
    config,
    allowWrites: true,
    caller: 'test',
    stderr: () => undefined,
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const send = clientTransport.send.bind(clientTransport);
  clientTransport.send = (message, options) =>
    send(message, { ...options, authInfo: authInfoFor({ principal, auditName: principal }) });
  // No elicitation: the call with the plan id is the confirmation.
  client = new Client({ name: 'plan-principal-test', version: '0.0.0' }, { capabilities: {} });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  close = async () => {
    await client.close();
    await server.close();
    await auditLog.close();
    await connection.graph.close();
  };
});

afterAll(async () => {
  await close?.();
  await demo?.sim.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('a write plan belongs to the principal that made it', () => {
  it('is unknown to another principal, and still applies for its owner', async () => {
    const user = demo.sim.tenant.directory.users.find((u) => u.accountEnabled && u.userType === 'Member');
    if (!user) throw new Error('the demo tenant has no enabled member');
    principal = 'token:aaaaaaaa';
    const plan = writeResultSchema.parse(
      (await callTool(client, 'disable_user', { userId: user.id })).structuredContent,
    );

    principal = 'token:bbbbbbbb';
    const stolen = await callTool(client, 'disable_user', { planId: plan.planId });
    expect(stolen.isError).toBe(true);
    expect(stolen.text).toMatch(/cannot be applied: it was not issued by this server/);
    expect(user.accountEnabled).toBe(true);

    principal = 'token:aaaaaaaa';
    const applied = await callTool(client, 'disable_user', { planId: plan.planId });
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(user.accountEnabled).toBe(false);
    expect((await readAudit(auditLogPath)).map((line) => line.outcome)).toEqual([
      'planned',
      'invalid',
      'applied',
    ]);
  });
});
