import { dirname } from 'node:path';
import { signInModeFromEnv } from '@m365-mcp/auth';
import { loadConfig } from '../config/load-config.js';
import type { ServerConfig } from '../config/server-config.js';
import { delegatedConnectionsFor } from '../delegated/delegated-mode.js';
import { createServer } from '../server/create-server.js';
import type { ServerDefinition } from '../server/server-definition.js';
import type { ServerDeps } from '../server/server-runtime.js';
import { TenantConnections } from '../tenants/tenant-connections.js';
import { openPlanStore } from '../writes/open-plan-store.js';
import { connectTenant } from './connect-tenant.js';
import type { DemoTenant } from './demo-tenant.js';
import { httpSettingsFrom } from './http-flags.js';
import { loadServerAuditKey, openServerAuditLog } from './open-server-audit-log.js';
import type { RootFlags } from './root-flags.js';
import { loadServedRegistry, tenantsFileFrom } from './tenants-file.js';
import { serveOnTransport } from './transport.js';

/** The server itself: stdio by default, Streamable HTTP with --http. Resolves to the exit code. */
export async function serve(
  definition: ServerDefinition,
  flags: RootFlags,
  env: Record<string, string | undefined>,
  stderr: (text: string) => void,
): Promise<number> {
  // HTTP settings are checked before anything starts: a missing token must not cost a demo tenant.
  // On-behalf-of keeps each caller's Entra token: it is the assertion exchanged for Graph's.
  const onBehalfOf = signInModeFromEnv(env) === 'on-behalf-of';
  const http = httpSettingsFrom(flags, env, { name: definition.name, keepAssertion: onBehalfOf });
  const config = await loadConfig({ server: definition.name, flags, env });
  const tenantsFile = tenantsFileFrom(flags, env);
  // Before anything starts, so a bad registry stops the server with its own message.
  const registry =
    tenantsFile === undefined
      ? undefined
      : await loadServedRegistry(tenantsFile, {
          demo: config.demo,
          managedIdentity: flags.managedIdentity ?? false,
        });
  const delegated = delegatedConnectionsFor({ env, http, registry });
  // First, so a log that was cut or rewritten stops the server before anything starts.
  const auditKey = await loadServerAuditKey(config, definition.name, stderr);
  const auditLog = await openServerAuditLog(config, definition.name, stderr, { key: auditKey });
  // One store per process, handed to every server instance. Over HTTP plans outlive the process
  // (a SQLite file beside the audit log, or PostgreSQL with DATABASE_URL): a client may apply a
  // plan after a restart, or on another replica.
  const plans = await openPlanStore({
    env,
    dataDir: dirname(config.auditLogPath),
    databaseUrl: env.DATABASE_URL,
    durable: http !== undefined,
    auditKey,
  }).catch(async (error: unknown) => {
    await auditLog.close();
    throw error;
  });
  const shared = { auditLog, plans, ...(delegated === undefined ? {} : { delegated }) };
  try {
    if (registry !== undefined) {
      const tenants = new TenantConnections({ registry, env });
      try {
        const deps: ServerDeps = { tenants, ...shared, config, allowWrites: config.allowWrites, stderr };
        const count = registry.tenants.length;
        await serveWith(definition, deps, http, stderr, (transport) =>
          describeStart(
            definition,
            config,
            transport,
            `${count} tenant${count === 1 ? '' : 's'} from ${tenantsFile}`,
          ),
        );
      } finally {
        await tenants.close();
      }
      return 0;
    }
    const tenant = await connectTenant({
      demo: config.demo,
      manifest: definition.permissions,
      writes: config.allowWrites,
      env,
      managedIdentity: flags.managedIdentity ?? false,
    });
    try {
      const { connection, demo } = tenant;
      const deps: ServerDeps = {
        graph: connection.graph,
        admin: connection.admin,
        ...shared,
        config: demo ? withDemoSettings(config, definition, demo) : config,
        allowWrites: config.allowWrites,
        stderr,
      };
      await serveWith(definition, deps, http, stderr, (transport) =>
        describeStart(
          definition,
          config,
          transport,
          demo ? `demo tenant ${demo.sim.tenantId} (graph-sim)` : connection.description,
        ),
      );
    } finally {
      await tenant.close();
    }
  } finally {
    await delegated?.close();
    await plans.close();
    await auditLog.close();
  }
  return 0;
}

function describeStart(
  definition: ServerDefinition,
  config: ServerConfig,
  transport: string,
  tenant: string,
): string {
  return `${definition.name} ${definition.version}: MCP server on ${transport}, ${
    config.allowWrites ? 'WRITES ENABLED' : 'read-only'
  }, ${tenant}, audit log ${config.auditLogPath}`;
}

/** Serves until the client goes (stdio) or a signal (HTTP). */
async function serveWith(
  definition: ServerDefinition,
  deps: ServerDeps,
  http: ReturnType<typeof httpSettingsFrom>,
  stderr: (text: string) => void,
  describe: (transport: string) => string,
): Promise<void> {
  if (http) {
    // Only --http loads the HTTP server and the SDK's Streamable HTTP transport.
    const { serveHttpUntilSignal } = await import('./serve-http-until-signal.js');
    await serveHttpUntilSignal({
      name: definition.name,
      settings: http,
      // A server per request (stateless HTTP); all share Graph, the audit log and the write plans.
      createSession: ({ caller }) => createServer(definition, { ...deps, caller }),
      describe: (url) => describe(`Streamable HTTP at ${url.href}`),
      stderr,
    });
    return;
  }
  const server = createServer(definition, deps);
  stderr(`${describe('stdio')}\n`);
  const stop = () => void server.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await serveOnTransport(server, 'stdio');
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
}

/** With --demo, the server's demo settings are the defaults; what the operator configured wins. */
function withDemoSettings(
  config: ServerConfig,
  definition: ServerDefinition,
  demo: DemoTenant,
): ServerConfig {
  const defaults = definition.demoSettings?.({ dnsServer: demo.sim.dns.address }) ?? {};
  return { ...config, settings: { ...defaults, ...config.settings } };
}
