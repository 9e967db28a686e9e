import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditLog, openAuditLog } from '@m365-mcp/audit-log';
import { credentialFromEnvironment, permissionsFor } from '@m365-mcp/auth';
import { SqliteRunRepository } from '@m365-mcp/cis-bridge';
import { createGraphClient, type GraphClient, resolveCloud } from '@m365-mcp/graph-core';
import { type GraphSim, startGraphSim } from '@m365-mcp/graph-sim';
import { simulatorUrls } from '@m365-mcp/mcp-kit/demo';
import { demoBreakGlassAccounts } from '../src/analysis/settings.js';
import { compliancePermissions } from '../src/permissions.js';

// The monitor's world for tests: graph-sim over HTTPS, an app holding exactly the server's read
// permissions (so the simulator refuses anything undeclared), a run store and an audit log on disk.

export interface MonitorWorld {
  sim: GraphSim;
  graph: GraphClient;
  dir: string;
  dbPath: string;
  auditPath: string;
  auditLog: AuditLog;
  exceptions: { breakGlassAccounts: string[] };
  openStore(): SqliteRunRepository;
  auditRecords(): Promise<{ tool: string; outcome: string; detail?: Record<string, unknown> }[]>;
  close(): Promise<void>;
}

/** An app on `sim` holding the server's read (and with `writes`, write) permissions, as environment variables. */
export function monitorAppEnv(sim: GraphSim, options: { writes?: boolean } = {}): Record<string, string> {
  const roles = permissionsFor(compliancePermissions, { writes: options.writes ?? false }).map(
    (p) => p.permission,
  );
  const app = sim.registerApp({ displayName: 'monitor test', roles });
  return {
    AZURE_TENANT_ID: sim.tenantId,
    AZURE_CLIENT_ID: app.clientId,
    AZURE_CLIENT_SECRET: app.secret ?? '',
    // The admin APIs beyond Graph are the simulator's too (this app holds none of their grants, so
    // their controls are skipped), never Microsoft's hosts.
    ...simulatorUrls(sim),
  };
}

/** `writes: true` gives the app the server's write permissions too (for auto-remediation). */
export async function startMonitorWorld(options: { writes?: boolean } = {}): Promise<MonitorWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-monitor-'));
  const sim = await startGraphSim();
  const env = monitorAppEnv(sim, options);
  const cloud = resolveCloud(env);
  const { credential } = await credentialFromEnvironment({ env, cloud, ca: sim.ca });
  const graph = createGraphClient({ credential, cloud, ca: sim.ca });
  const auditPath = join(dir, 'audit.jsonl');
  const auditLog = await openAuditLog(auditPath, { server: 'm365-compliance' });
  const stores: SqliteRunRepository[] = [];
  const dbPath = join(dir, 'runs.db');
  return {
    sim,
    graph,
    dir,
    dbPath,
    auditPath,
    auditLog,
    exceptions: { breakGlassAccounts: [...demoBreakGlassAccounts] },
    openStore() {
      const store = new SqliteRunRepository(dbPath);
      stores.push(store);
      return store;
    },
    async auditRecords() {
      const text = await readFile(auditPath, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { tool: string; outcome: string; detail?: Record<string, unknown> });
    },
    async close() {
      for (const s of stores) await s.close();
      await auditLog.close();
      await graph.close();
      await sim.close();
    },
  };
}

export interface WebhookReceiver {
  url: string;
  bodies: unknown[];
  close(): Promise<void>;
}

/** A local webhook on 127.0.0.1:0 answering `status` (200 by default). */
export async function startReceiver(status = 200): Promise<WebhookReceiver> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (c: Buffer) => {
      data += c.toString('utf8');
    });
    req.on('end', () => {
      bodies.push(JSON.parse(data));
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook/secret-path`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A URL on a port nothing listens on (bound, then closed). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}

/** Waits (polling, no timing assertion) until `condition` holds. */
export async function until(condition: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
