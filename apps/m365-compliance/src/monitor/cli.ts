import { parseArgs } from 'node:util';
import { osCaller, registerSecret } from '@m365-mcp/audit-log';
import { TENANTS_FILE_VARIABLE } from '@m365-mcp/auth';
import { connectTenant, loadConfig, openServerAuditLog } from '@m365-mcp/mcp-kit/startup';
import { dnsForRun } from '../analysis/dns.js';
import { complianceSettings, demoSettings } from '../analysis/settings.js';
import { compliancePermissions } from '../permissions.js';
import { closeRunRepositories, openRunRepository } from '../store/open-run-repository.js';
import { auditServices } from '../tools/support/service-access.js';
import { parseDuration } from './duration.js';
import { ComplianceMonitor, type MonitorWebhook } from './monitor.js';
import { type WebhookFormat, webhookFormats } from './notification.js';
import { checkRemediationList, gateRemediator } from './remediation.js';
import { monitorSettings } from './settings.js';
import { runTenantsMonitor } from './tenants-cli.js';

export interface MonitorCliOptions {
  env?: Record<string, string | undefined>;
  stderr?: (text: string) => void;
  /** Where SIGTERM/SIGINT are listened for; the process by default. */
  signals?: NodeJS.EventEmitter;
  /** Tests of `--tenants`: the simulator's CA (a process is given NODE_EXTRA_CA_CERTS instead). */
  ca?: string;
}

const USAGE = `usage: m365-compliance monitor (--interval <30s|15m|1h|1d> | --once) [--webhook <url>] [--format teams|slack|json]
       [--allow-writes --remediate <control-id,...>]
       [--tenants <file> [--concurrency <n>]]
       [--demo] [--config <file>] [--audit-log <path>] [--audit-key-file <file>] [--managed-identity]
Audits on a schedule, stores each run, and notifies (webhook and audit log) when a control gets worse.
With --tenants (or M365_TENANTS_FILE), every tenant of the registry has its own schedule in this
process, at most --concurrency (default 2) audited at a time; with DATABASE_URL as well, the
schedules are written to PostgreSQL for \`m365-compliance worker\` processes and the command exits.
With --allow-writes and --remediate (or settings.monitor.remediate), failing controls on that list are
fixed after each run through remediate_control's plan and the write gate, every step audited.
`;

/** `m365-compliance monitor ...`; resolves to the exit code (0 after SIGTERM/SIGINT). */
export async function runMonitorCli(
  args: readonly string[],
  options: MonitorCliOptions = {},
): Promise<number> {
  const env = options.env ?? process.env;
  const stderr = options.stderr ?? ((t: string) => void process.stderr.write(t));
  let flags: ReturnType<typeof parse>;
  try {
    flags = parse(args);
  } catch (error) {
    stderr(`m365-compliance monitor: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (flags.help) {
    stderr(USAGE);
    return 0;
  }
  try {
    const config = await loadConfig({
      server: 'm365-compliance',
      flags: {
        demo: flags.demo,
        config: flags.config,
        auditLog: flags['audit-log'],
        auditKeyFile: flags['audit-key-file'],
        allowWrites: flags['allow-writes'],
      },
      env,
    });
    const settings = complianceSettings(config, env);
    const monitor = monitorSettings(config.settings);
    const remediate = checkRemediationList(
      flags.remediate !== undefined ? flags.remediate.split(',') : (monitor.remediate ?? []),
    );
    if (remediate.length > 0 && !config.allowWrites) {
      stderr(
        'm365-compliance monitor: auto-remediation writes to the tenant: add --allow-writes (and give the app Policy.ReadWrite.Authorization).\n',
      );
      return 2;
    }
    const intervalText = flags.interval ?? monitor.interval;
    if (!intervalText && !flags.once)
      throw new Error('--interval (or settings.monitor.interval) or --once is needed.');
    const intervalMs = intervalText ? parseDuration(intervalText) : 0;
    const webhookUrl = flags.webhook ?? monitor.webhook;
    const format = (flags.format ?? monitor.format ?? 'json') as WebhookFormat;
    if (!webhookFormats.includes(format))
      throw new Error(`--format must be one of ${webhookFormats.join(', ')}.`);
    if (webhookUrl) {
      const url = new URL(webhookUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new Error('--webhook must be an http(s) URL.');
      registerSecret(webhookUrl);
    }
    const webhook: MonitorWebhook | undefined = webhookUrl
      ? {
          url: webhookUrl,
          format,
          ...(monitor.webhookAttempts === undefined ? {} : { attempts: monitor.webhookAttempts }),
          ...(monitor.webhookBackoffMs === undefined ? {} : { backoffMs: monitor.webhookBackoffMs }),
        }
      : undefined;

    const tenantsFile = flags.tenants ?? env[TENANTS_FILE_VARIABLE];
    if (tenantsFile) {
      if (config.demo)
        throw new Error(
          `--demo monitors the one demo tenant; --tenants (or ${TENANTS_FILE_VARIABLE}) names your tenants: use one or the other.`,
        );
      if (flags['managed-identity'])
        throw new Error(
          '--managed-identity does not apply with --tenants: the registry says how each tenant signs in.',
        );
      return await runTenantsMonitor({
        tenantsFile,
        config,
        settings,
        intervalMs,
        ...(intervalText ? { intervalText } : {}),
        once: flags.once ?? false,
        ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
        ...(webhook ? { webhook } : {}),
        remediate,
        monitorSettings: monitor,
        env,
        stderr,
        signals: options.signals ?? process,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
      });
    }
    if (flags.concurrency !== undefined)
      throw new Error(
        `--concurrency bounds the tenants audited at once: it needs --tenants (or ${TENANTS_FILE_VARIABLE}).`,
      );

    // The same Graph connection the server itself gets: the demo tenant with an app holding exactly
    // the read permissions, or the environment's credentials.
    const tenant = await connectTenant({
      demo: config.demo,
      manifest: compliancePermissions,
      writes: remediate.length > 0,
      env,
      managedIdentity: flags['managed-identity'] ?? false,
    });
    const sim = tenant.demo?.sim;
    try {
      const { graph, admin, description } = tenant.connection;
      const auditLog = await openServerAuditLog(config, 'm365-compliance', stderr);
      const remediation =
        remediate.length > 0
          ? {
              controls: remediate,
              remediate: gateRemediator({
                graph,
                config,
                server: 'm365-compliance',
                auditLog,
                caller: osCaller(),
                session: `monitor-${process.pid}`,
                stderr,
              }),
            }
          : undefined;
      const store = await openRunRepository({
        databaseUrl: settings.databaseUrl,
        sqlitePath: settings.databasePath,
      });
      const instance = new ComplianceMonitor({
        graph,
        ...auditServices(admin),
        store,
        intervalMs,
        auditLog,
        exceptions: settings.exceptions,
        // The demo's domains are answered by the simulator's DNS server (its planted SPF, DKIM and
        // DMARC gaps); configured servers, or the system resolver, otherwise.
        dnsForRun: () =>
          dnsForRun(sim ? { ...demoSettings(sim.dns.address), ...settings } : settings, config.demo),
        stderr,
        ...(remediation ? { remediation } : {}),
        ...(monitor.runAttempts === undefined ? {} : { runAttempts: monitor.runAttempts }),
        ...(monitor.runRetryDelayMs === undefined ? {} : { runRetryDelayMs: monitor.runRetryDelayMs }),
        ...(webhook ? { webhook } : {}),
      });
      const signals = options.signals ?? process;
      const stop = () => {
        stderr(
          'm365-compliance monitor: stopping (the current run is finished or abandoned, never half saved)\n',
        );
        void instance.stop();
      };
      signals.once('SIGTERM', stop);
      signals.once('SIGINT', stop);
      try {
        stderr(
          `m365-compliance monitor: ${flags.once ? 'one run' : `every ${intervalText}`}, ${
            sim ? `demo tenant ${sim.tenantId} (graph-sim)` : description
          }, store ${settings.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : settings.databasePath}, audit log ${config.auditLogPath}${webhookUrl ? `, webhook (${format})` : ''}${
            remediate.length > 0 ? `, auto-remediating ${remediate.join(', ')}` : ''
          }\n`,
        );
        if (flags.once) {
          const result = await instance.runScheduled();
          return result.outcome === 'error' ? 1 : 0;
        }
        await instance.start();
        return 0;
      } finally {
        signals.off('SIGTERM', stop);
        signals.off('SIGINT', stop);
        await auditLog.close();
        // The process's stores (a PostgreSQL pool would keep it alive after --once).
        await closeRunRepositories();
      }
    } finally {
      await tenant.close();
    }
  } catch (error) {
    stderr(`m365-compliance monitor: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      interval: { type: 'string' },
      once: { type: 'boolean' },
      webhook: { type: 'string' },
      format: { type: 'string' },
      demo: { type: 'boolean' },
      config: { type: 'string' },
      'audit-log': { type: 'string' },
      'audit-key-file': { type: 'string' },
      'managed-identity': { type: 'boolean' },
      'allow-writes': { type: 'boolean' },
      remediate: { type: 'string' },
      tenants: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}
