import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog } from '@m365-mcp/audit-log';
import type { TenantRegistry } from '@m365-mcp/auth';
import { type AdminService, type SchedulerOptions, WORKLOADS } from '@m365-mcp/graph-core';
import type { GraphSim, Tenant } from '@m365-mcp/graph-sim';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import type { McpServer, Transport } from '@modelcontextprotocol/server';
import { registerSimApp, rolesFor, serviceGrants, startDemoTenant } from '../cli/demo-tenant.js';
import { graphFromEnvironment } from '../cli/graph-from-environment.js';
import type { ServerConfig } from '../config/server-config.js';
import { createServer } from '../server/create-server.js';
import type { StderrWrite } from '../server/logger.js';
import type { ServerDefinition } from '../server/server-definition.js';
import { TenantConnections } from '../tenants/tenant-connections.js';

export interface StartTestServerOptions {
  allowWrites?: boolean;
  /** A graph-sim tenant; the demo tenant by default. */
  tenant?: Tenant;
  /**
   * A graph-sim that is already running (with its tenant), shared by several test servers; `tenant`
   * is then ignored, and `close()` leaves the simulator running for its owner to close.
   */
  sim?: GraphSim;
  /** The app's roles; by default exactly the manifest's (plus write roles with allowWrites). */
  roles?: string[];
  /**
   * The admin APIs beyond Graph the app is granted, of those the manifest's `services` name; all of
   * them by default. `[]` makes a Graph-only app.
   */
  services?: AdminService[];
  config?: Partial<ServerConfig>;
  /** The MCP client's capabilities; form elicitation by default (set `{}` for a client without it). */
  clientCapabilities?: ClientCapabilities;
  /** Plan lifetime, to test expiry; 15 minutes by default. */
  planTtlMs?: number;
  /** Where server log lines go; collected in `logs` by default (quiet tests). */
  stderr?: StderrWrite;
  /**
   * The client's request scheduling; Microsoft's published limits by default. A table of hundreds
   * of audits against the simulator passes `unpacedScheduler` so it never waits on a rate window.
   */
  scheduler?: SchedulerOptions;
  /**
   * Serve many tenants, as with M365_TENANTS_FILE: every tool takes a required `tenant`, and each
   * tenant is signed in to from `tenantEnvironment(registry, entry, env)`. Needs `sim` (a graph-sim
   * hosting the registry's tenants, whose CA the clients trust); no app is registered for you:
   * `env` holds the simulator's URLs and the credential variables the registry's sign-in names.
   */
  tenants?: TestTenants;
  /** With `tenants`: the app's budget of requests in flight across tenants (32 by default). */
  maxRequestsInFlight?: number;
}

/** A registry and the environment its sign-ins read (the simulator's URLs, the app's secret). */
export interface TestTenants {
  registry: TenantRegistry;
  env: Record<string, string>;
}

/**
 * Every workload's limits without pacing or rate windows (concurrency kept): for tests whose many
 * runs against graph-sim (throttling off) would otherwise wait on Microsoft's per-minute budgets.
 */
export const unpacedScheduler: SchedulerOptions = {
  limits: Object.fromEntries(
    WORKLOADS.map((workload) => [workload, { minIntervalMs: 0, windowMax: undefined, windowMs: undefined }]),
  ),
};

export interface TestServer {
  /** A real MCP client connected over an in-memory transport. */
  client: Client;
  sim: GraphSim;
  /** The environment the server's Graph client was built from (secrets included: tests only). */
  env: Record<string, string>;
  auditLogPath: string;
  config: ServerConfig;
  /** Server log lines (stderr) so far. */
  logs: string[];
  /** With `tenants`: the server's per-tenant connections (and their shared budget). */
  connections?: TenantConnections;
  close(): Promise<void>;
}

/**
 * Builds a server exactly as the CLI's `--demo` does (graph-sim, an app holding the declared
 * roles, credentials through the environment, the real Graph client over HTTPS, a real audit log),
 * but in-process, and connects a real MCP client to it.
 */
export async function startTestServer(
  definition: ServerDefinition,
  options: StartTestServerOptions = {},
): Promise<TestServer> {
  if (options.tenants !== undefined) return startTenantsTestServer(definition, options, options.tenants);
  const allowWrites = options.allowWrites ?? false;
  const ownsSim = options.sim === undefined;
  const demo = options.sim
    ? await registerSimApp(
        options.sim,
        `${definition.name} (test)`,
        options.roles ?? rolesFor(definition.permissions, allowWrites),
        serviceGrants(definition.permissions, options.services),
      )
    : await startDemoTenant({
        manifest: definition.permissions,
        writes: allowWrites,
        ...(options.roles ? { roles: options.roles } : {}),
        ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
        ...(options.services === undefined ? {} : { services: options.services }),
      });
  const closeSim = async () => {
    if (ownsSim) await demo.close();
    else await demo.release();
  };
  const scratch = await mkdtemp(join(tmpdir(), `${definition.name}-test-`));
  const logs: string[] = [];
  try {
    const connection = await graphFromEnvironment(demo.env, {
      ca: demo.sim.ca,
      ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
    });
    const config = testConfig(scratch, options, allowWrites);
    const auditLog = await openAuditLog(config.auditLogPath, { server: definition.name });
    const server = createServer(definition, {
      graph: connection.graph,
      admin: connection.admin,
      auditLog,
      config,
      allowWrites,
      caller: 'test-user',
      stderr: options.stderr ?? ((line) => void logs.push(line)),
      ...(options.planTtlMs === undefined ? {} : { planTtlMs: options.planTtlMs }),
    });
    const client = await connectTestClient(definition, server, options);
    return {
      client,
      sim: demo.sim,
      env: demo.env,
      auditLogPath: config.auditLogPath,
      config,
      logs,
      async close() {
        await client.close();
        await server.close();
        await auditLog.close();
        await connection.graph.close();
        await connection.admin.close();
        await closeSim();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await closeSim();
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A server serving a tenants registry on a running multi-tenant graph-sim, as `--tenants` does:
 * one connection per tenant made on first use, each with its own scheduler, one shared budget.
 */
async function startTenantsTestServer(
  definition: ServerDefinition,
  options: StartTestServerOptions,
  tenants: TestTenants,
): Promise<TestServer> {
  const { sim } = options;
  if (sim === undefined) {
    throw new Error("startTestServer: `tenants` needs `sim`, a graph-sim hosting the registry's tenants");
  }
  const allowWrites = options.allowWrites ?? false;
  const scratch = await mkdtemp(join(tmpdir(), `${definition.name}-test-`));
  const logs: string[] = [];
  const connections = new TenantConnections({
    registry: tenants.registry,
    env: tenants.env,
    ca: sim.ca,
    ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
    ...(options.maxRequestsInFlight === undefined
      ? {}
      : { maxRequestsInFlight: options.maxRequestsInFlight }),
  });
  try {
    const config = testConfig(scratch, options, allowWrites);
    const auditLog = await openAuditLog(config.auditLogPath, { server: definition.name });
    const server = createServer(definition, {
      tenants: connections,
      auditLog,
      config,
      allowWrites,
      caller: 'test-user',
      stderr: options.stderr ?? ((line) => void logs.push(line)),
      ...(options.planTtlMs === undefined ? {} : { planTtlMs: options.planTtlMs }),
    });
    const client = await connectTestClient(definition, server, options);
    return {
      client,
      sim,
      env: tenants.env,
      auditLogPath: config.auditLogPath,
      config,
      logs,
      connections,
      async close() {
        await client.close();
        await server.close();
        await auditLog.close();
        await connections.close();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await connections.close();
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

function testConfig(scratch: string, options: StartTestServerOptions, allowWrites: boolean): ServerConfig {
  return {
    auditLogPath: join(scratch, 'audit.jsonl'),
    breakGlassAccounts: [],
    demo: true,
    settings: {},
    ...options.config,
    allowWrites,
  };
}

/** A real MCP client connected to the server over an in-memory transport. */
async function connectTestClient(
  definition: ServerDefinition,
  server: McpServer,
  options: StartTestServerOptions,
): Promise<Client> {
  const client = new Client(
    { name: `${definition.name}-test-client`, version: '0.0.0' },
    { capabilities: options.clientCapabilities ?? { elicitation: { form: {} } } },
  );
  // The test client is the SDK v1 Client (spec 2025-11-25, the era most clients speak today, with
  // elicitation and logging/setLevel); the server is the SDK v2 one. The transport contract did not
  // change between them (see protocol-eras.test.ts for the 2026-07-28 client).
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([
    server.connect(serverTransport as unknown as Transport),
    client.connect(clientTransport),
  ]);
  return client;
}
