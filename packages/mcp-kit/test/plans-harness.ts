// Server instances of the sample server that share a plan store the way replicas (or a restarted
// process) do, each with a real MCP client whose transport says who is calling on every message (as
// the HTTP layer does with `authInfo`): a principal, and the roles an Entra sign-in gives.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog } from '@m365-mcp/audit-log';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { type DemoTenant, startDemoTenant } from '../src/cli/demo.js';
import { graphFromEnvironment, type ServerConfig } from '../src/cli/startup.js';
import { authInfoFor, type CallerRole } from '../src/http/principal.js';
import { createServer, type ServerDeps } from '../src/index.js';
import type { PlanStore } from '../src/writes/plan-store.js';
import { sampleServer } from './sample-server.js';

/** Who the client's next messages say is calling; tests change it between calls. */
export interface Caller {
  principal: string;
  roles?: CallerRole[];
}

export interface PlansServer {
  client: Client;
  auditLogPath: string;
  /** The server's stderr lines. */
  logs: string[];
  /** The caller its client's messages carry from now on. */
  as(caller: Caller): void;
  close(): Promise<void>;
}

/** The sample server's tenant in graph-sim, with an app allowed to write; shared by the servers. */
export function startPlansTenant(): Promise<DemoTenant> {
  return startDemoTenant({ manifest: sampleServer.permissions, writes: true });
}

/**
 * A server instance over `plans` (the store a process hands every instance), with writes on and a
 * client without elicitation (the call with the plan id is the confirmation).
 */
export async function startPlansServer(
  demo: DemoTenant,
  plans: PlanStore,
  caller: Caller = { principal: 'entra:t1/alice' },
): Promise<PlansServer> {
  const scratch = await mkdtemp(join(tmpdir(), 'mcp-kit-plans-'));
  const connection = await graphFromEnvironment(demo.env, { ca: demo.sim.ca });
  const auditLogPath = join(scratch, 'audit.jsonl');
  const logs: string[] = [];
  const config: ServerConfig = {
    auditLogPath,
    breakGlassAccounts: [],
    demo: true,
    settings: {},
    allowWrites: true,
  };
  const auditLog = await openAuditLog(auditLogPath, { server: sampleServer.name });
  // `plans` is the process's store, handed to every instance.
  const deps: ServerDeps = {
    graph: connection.graph,
    auditLog,
    config,
    allowWrites: true,
    caller: 'test',
    stderr: (line) => void logs.push(line),
    plans,
  };
  const server = createServer(sampleServer, deps);
  let current = caller;
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const send = clientTransport.send.bind(clientTransport);
  clientTransport.send = (message, options) =>
    send(message, {
      ...options,
      authInfo: authInfoFor({
        principal: current.principal,
        auditName: current.principal,
        ...(current.roles === undefined ? {} : { roles: current.roles }),
      }),
    });
  const client = new Client({ name: 'plans-test', version: '0.0.0' }, { capabilities: {} });
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  return {
    client,
    auditLogPath,
    logs,
    as(next) {
      current = next;
    },
    async close() {
      await client.close();
      await server.close();
      await auditLog.close();
      await connection.graph.close();
      await connection.admin.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

/** The PATCH requests graph-sim received for a user: what a write actually sent. */
export function patchesOf(demo: DemoTenant, userId: string) {
  return demo.sim.requests.all().filter((r) => r.method === 'PATCH' && r.path === `/users/${userId}`);
}

/** An enabled member of the demo tenant that no test has disabled yet. */
export function enabledMembers(demo: DemoTenant): { id: string; accountEnabled: boolean }[] {
  return demo.sim.tenant.directory.users.filter((u) => u.accountEnabled && u.userType === 'Member');
}
