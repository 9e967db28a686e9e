import { osCaller } from '@m365-mcp/audit-log';
import { loadTenantRegistry } from '@m365-mcp/auth';
import { openServerAuditLog, type ServerConfig } from '@m365-mcp/mcp-kit/startup';
import { dnsForRun } from '../analysis/dns.js';
import type { ComplianceSettings } from '../analysis/settings.js';
import { closeRunRepositories, openRunRepository } from '../store/open-run-repository.js';
import type { MonitorClock } from './clock.js';
import type { MonitorWebhook } from './monitor.js';
import { gateRemediator } from './remediation.js';
import type { MonitorSettings } from './settings.js';
import { registryTenants, tenantMonitorOpener } from './tenant-monitors.js';
import { DEFAULT_TENANT_CONCURRENCY, TenantsMonitor, type TenantsMonitorEvent } from './tenants-monitor.js';

// `monitor --tenants <file>`: every tenant of the registry on its own schedule. Without DATABASE_URL
// the schedules run here, in this process, on the SQLite store; with it (and an interval) they are
// written to PostgreSQL, where `m365-compliance worker` processes take the audits, and this exits.
// `--once` always runs here (for cron), storing in PostgreSQL when there is a DATABASE_URL.

export interface TenantsMonitorCliOptions {
  tenantsFile: string;
  config: ServerConfig;
  settings: ComplianceSettings;
  intervalMs: number;
  intervalText?: string;
  once: boolean;
  /** `--concurrency` as typed. */
  concurrency?: string;
  webhook?: MonitorWebhook;
  remediate: readonly string[];
  monitorSettings: MonitorSettings;
  env: Record<string, string | undefined>;
  stderr: (text: string) => void;
  signals: NodeJS.EventEmitter;
  /** Tests: the simulator's CA (a process trusts it through NODE_EXTRA_CA_CERTS), a clock, progress. */
  ca?: string;
  clock?: MonitorClock;
  onEvent?: (event: TenantsMonitorEvent) => void;
}

const MAX_CONCURRENCY = 64;

export function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TENANT_CONCURRENCY;
  const value = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(value >= 1 && value <= MAX_CONCURRENCY))
    throw new Error(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, not "${text}".`);
  return value;
}

export async function runTenantsMonitor(o: TenantsMonitorCliOptions): Promise<number> {
  const concurrency = parseConcurrency(o.concurrency);
  const registry = await loadTenantRegistry(o.tenantsFile);
  const tenants = registryTenants(registry);
  // settings.databaseUrl, else DATABASE_URL (complianceSettings): the store the tools use too.
  const { databaseUrl } = o.settings;
  if (databaseUrl && !o.once) {
    if (o.remediate.length > 0)
      throw new Error(
        'auto-remediation runs in this process only: the workers that audit from the PostgreSQL schedule do not remediate. Drop --remediate or DATABASE_URL.',
      );
    const { syncTenantSchedules } = await import('../worker/schedules.js');
    const result = await syncTenantSchedules({ databaseUrl, registry, everyMs: o.intervalMs });
    o.stderr(
      `m365-compliance monitor: scheduled ${result.scheduled.length} tenant(s) every ${o.intervalText} in PostgreSQL: ${result.scheduled.join(', ')}${
        result.removed.length > 0
          ? `; unscheduled ${result.removed.length} no longer in ${registry.source}: ${result.removed.join(', ')}`
          : ''
      }. \`m365-compliance worker\` processes run the audits.\n`,
    );
    return 0;
  }

  const store = await openRunRepository({ databaseUrl, sqlitePath: o.settings.databasePath });
  try {
    const auditLog = await openServerAuditLog(o.config, 'm365-compliance', o.stderr);
    const monitor = o.monitorSettings;
    const instance = new TenantsMonitor({
      tenants,
      store,
      intervalMs: o.intervalMs,
      concurrency,
      stderr: o.stderr,
      ...(o.clock ? { clock: o.clock } : {}),
      ...(o.onEvent ? { onEvent: o.onEvent } : {}),
      open: tenantMonitorOpener({
        registry,
        env: o.env,
        ...(o.ca === undefined ? {} : { ca: o.ca }),
        shared: {
          store,
          intervalMs: o.intervalMs,
          auditLog,
          exceptions: o.settings.exceptions,
          dnsForRun: () => dnsForRun(o.settings, false),
          stderr: o.stderr,
          ...(o.clock ? { clock: o.clock } : {}),
          ...(o.webhook ? { webhook: o.webhook } : {}),
          ...(monitor.runAttempts === undefined ? {} : { runAttempts: monitor.runAttempts }),
          ...(monitor.runRetryDelayMs === undefined ? {} : { runRetryDelayMs: monitor.runRetryDelayMs }),
        },
        ...(o.remediate.length > 0
          ? {
              remediation: (graph, tenant) => ({
                controls: [...o.remediate],
                remediate: gateRemediator({
                  graph,
                  config: o.config,
                  server: 'm365-compliance',
                  auditLog,
                  caller: osCaller(),
                  session: `monitor-${process.pid}-${tenant.name}`,
                  // The write's two audit lines name the tenant, as a tool call's do.
                  tenant,
                  stderr: o.stderr,
                }),
              }),
            }
          : {}),
      }),
    });
    const stop = () => {
      o.stderr(
        'm365-compliance monitor: stopping (the runs under way are finished or abandoned, never half saved)\n',
      );
      void instance.stop();
    };
    o.signals.once('SIGTERM', stop);
    o.signals.once('SIGINT', stop);
    try {
      o.stderr(
        `m365-compliance monitor: ${tenants.length} tenant(s) from ${registry.source}, ${
          o.once ? 'one run each' : `each every ${o.intervalText}`
        }, at most ${concurrency} at a time, store ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : o.settings.databasePath}, audit log ${o.config.auditLogPath}${
          o.webhook ? `, webhook (${o.webhook.format})` : ''
        }${o.remediate.length > 0 ? `, auto-remediating ${o.remediate.join(', ')}` : ''}\n`,
      );
      if (o.once) {
        const results = await instance.runEachOnce();
        return results.some((r) => r.result.outcome === 'error') ? 1 : 0;
      }
      await instance.start();
      return 0;
    } finally {
      o.signals.off('SIGTERM', stop);
      o.signals.off('SIGINT', stop);
      await instance.close();
      await auditLog.close();
    }
  } finally {
    // The process's stores (a PostgreSQL pool would keep it alive after --once).
    await closeRunRepositories();
  }
}
