import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditLog, openAuditLog } from '@m365-mcp/audit-log';
import { loadTenantRegistry, permissionsFor, type TenantRegistry } from '@m365-mcp/auth';
import { SqliteRunRepository } from '@m365-mcp/cis-bridge';
import { type GraphSim, generateTenant, type SimApp, startGraphSim } from '@m365-mcp/graph-sim';
import { simulatorUrls } from '@m365-mcp/mcp-kit/demo';
import type { MonitorClock } from '../src/monitor/clock.js';
import type { MonitorTenant } from '../src/monitor/notification.js';
import { registryTenants } from '../src/monitor/tenant-monitors.js';
import { compliancePermissions } from '../src/permissions.js';

// A portfolio for the monitor's tests: one graph-sim hosting the demo tenant and generated ones, one
// multi-tenant app (the usual MSP set-up) registered in the first and admin-consented in the others,
// a tenants registry file naming them, a run store and an audit log on disk.

/** A clock moved by hand: sleeps resolve when `advance` passes their time, never on their own. */
export class ManualClock implements MonitorClock {
  private sleepers: { at: number; resolve: () => void }[] = [];

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (ms <= 0 || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper = { at: this.time + ms, resolve: () => done() };
      const done = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        signal.removeEventListener('abort', done);
        resolve();
      };
      signal.addEventListener('abort', done, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  advance(ms: number): void {
    this.time += ms;
    for (const s of this.sleepers.filter((s) => s.at <= this.time)) s.resolve();
  }
}

export interface TenantsWorld {
  sim: GraphSim;
  app: SimApp;
  dir: string;
  registryPath: string;
  registry: TenantRegistry;
  tenants: MonitorTenant[];
  /** The process environment the monitor is given: the simulator's URLs and the app's secret. */
  env: Record<string, string>;
  dbPath: string;
  store: SqliteRunRepository;
  auditLog: AuditLog;
  close(): Promise<void>;
}

export const SECRET_VARIABLE = 'MONITOR_TEST_APP_SECRET';

/** The demo tenant (contoso) and `extra` generated ones (fabrikam, northwind, ...). */
export async function startTenantsWorld(
  extra: readonly string[] = ['fabrikam', 'northwind'],
  options: { writes?: boolean } = {},
): Promise<TenantsWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-monitor-tenants-'));
  const generated = extra.map((name, i) => generateTenant({ seed: i + 1, name }));
  const sim = await startGraphSim({ tenants: generated });
  const roles = permissionsFor(compliancePermissions, { writes: options.writes ?? false }).map(
    (p) => p.permission,
  );
  const app = sim.registerApp({ displayName: 'msp monitor', roles });
  for (const t of generated) sim.consent(t.id, app.clientId);
  const entries = [
    { name: 'contoso', tenantId: sim.tenantId, displayName: 'Contoso Ltd' },
    ...generated.map((t, i) => ({
      name: extra[i] as string,
      tenantId: t.id,
      displayName: `${(extra[i] as string).toUpperCase()} Customer`,
    })),
  ];
  const registryPath = join(dir, 'tenants.json');
  await writeFile(
    registryPath,
    JSON.stringify({ signIn: { clientId: app.clientId, secretEnv: SECRET_VARIABLE }, tenants: entries }),
  );
  const registry = await loadTenantRegistry(registryPath);
  const dbPath = join(dir, 'runs.db');
  const store = new SqliteRunRepository(dbPath);
  const auditLog = await openAuditLog(join(dir, 'audit.jsonl'), { server: 'm365-compliance' });
  return {
    sim,
    app,
    dir,
    registryPath,
    registry,
    tenants: registryTenants(registry),
    env: { ...simulatorUrls(sim), [SECRET_VARIABLE]: app.secret ?? '', HOME: dir },
    dbPath,
    store,
    auditLog,
    async close() {
      await store.close();
      await auditLog.close();
      await sim.close();
    },
  };
}
