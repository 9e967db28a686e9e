import { parseArgs } from 'node:util';
import { registerSecret } from '@m365-mcp/audit-log';
import {
  loadTenantRegistry,
  resolveTenant,
  TENANTS_FILE_VARIABLE,
  type TenantRegistry,
} from '@m365-mcp/auth';
import { loadConfig } from '@m365-mcp/mcp-kit/startup';
import { complianceSettings } from '../analysis/settings.js';
import { type WebhookFormat, webhookFormats } from '../monitor/notification.js';
import { monitorSettings } from '../monitor/settings.js';
import type { WorkerWebhook } from './audit-job.js';
import { workerSettings } from './settings.js';

// `m365-compliance worker` and `m365-compliance enqueue`: the PostgreSQL side of many tenants.

export interface WorkerCliOptions {
  env?: Record<string, string | undefined>;
  stderr?: (text: string) => void;
  stdout?: (text: string) => void;
  /** Where SIGTERM/SIGINT are listened for; the process by default. */
  signals?: NodeJS.EventEmitter;
}

const WORKER_USAGE = `usage: m365-compliance worker --tenants <file> [--concurrency <n>] [--webhook <url>] [--format teams|slack|json] [--config <file>]
Takes tenant audits from the PostgreSQL queue (DATABASE_URL, required): signs in to each job's tenant
with the registry's sign-in, runs the CIS audit, stores the run once, compares it with the tenant's
previous run and baseline, and notifies (once per run) when a control got worse. SIGTERM/SIGINT stop
it: no new job is taken, the current ones finish (or are handed back), exit 0.
Settings (config file, settings.worker): tenantConcurrency, retryLimit, retryDelaySeconds,
retryDelayMaxSeconds, expireInSeconds, heartbeatSeconds, superviseIntervalSeconds,
pollingIntervalSeconds, stopGraceSeconds.
`;

const ENQUEUE_USAGE = `usage: m365-compliance enqueue --tenants <file> [--tenant <name-or-id> ...] [--config <file>]
Queues an audit of every tenant of the registry (or of the ones named) now, for the workers to take
(DATABASE_URL, required). Prints one line per queued audit: tenant name, tenant id, job id.
`;

function databaseUrlOf(env: Record<string, string | undefined>, command: string): string {
  const url = env.DATABASE_URL?.trim();
  if (!url)
    throw new UsageError(
      `${command} needs DATABASE_URL (postgres://user@host:5432/database, the password in the URL or in PGPASSWORD): the queue and the run store live in PostgreSQL.`,
    );
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new UsageError('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  // The URL may hold a password: kept out of every log line and error we print.
  registerSecret(url);
  try {
    const password = new URL(url).password;
    if (password) registerSecret(decodeURIComponent(password));
  } catch {
    // An unparsable URL is pg's to refuse, with host and port only.
  }
  return url;
}

class UsageError extends Error {
  override readonly name = 'UsageError';
}

async function registryOf(
  flag: string | undefined,
  env: Record<string, string | undefined>,
): Promise<TenantRegistry> {
  const path = flag ?? env[TENANTS_FILE_VARIABLE];
  if (!path)
    throw new UsageError(`--tenants <file> (or ${TENANTS_FILE_VARIABLE}) is needed: the tenants registry.`);
  return loadTenantRegistry(path);
}

/** Hides the password of any postgres URL a message carries (pg's errors may quote the URL). */
export function withoutPassword(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:@/\s]*:)[^@\s]*@/g, '$1***@');
}

/** `m365-compliance worker ...`; resolves to the exit code (0 after SIGTERM/SIGINT). */
export async function runWorkerCli(args: readonly string[], options: WorkerCliOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const stderr = options.stderr ?? ((t: string) => void process.stderr.write(t));
  const log = (text: string) => stderr(`m365-compliance worker: ${withoutPassword(text)}\n`);
  let flags: ReturnType<typeof parseWorker>;
  try {
    flags = parseWorker(args);
  } catch (error) {
    stderr(`m365-compliance worker: ${(error as Error).message}\n${WORKER_USAGE}`);
    return 2;
  }
  if (flags.help) {
    stderr(WORKER_USAGE);
    return 0;
  }
  try {
    const databaseUrl = databaseUrlOf(env, 'm365-compliance worker');
    const concurrency = Number(flags.concurrency ?? '2');
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
      throw new UsageError(`--concurrency must be a whole number from 1 to 64, not "${flags.concurrency}".`);
    const registry = await registryOf(flags.tenants, env);
    const config = await loadConfig({ server: 'm365-compliance', flags: { config: flags.config }, env });
    const compliance = complianceSettings(config);
    const settings = workerSettings(config.settings);
    const webhook = webhookOf(flags, monitorSettings(config.settings));

    const { createPool, migrate, PgRunStore } = await import('@m365-mcp/postgres');
    const pool = createPool(databaseUrl);
    try {
      // Our tables (the run store, the notification outbox), then pg-boss's own on its start.
      await migrate(pool);
      const store = new PgRunStore(pool);
      const { startWorker } = await import('./worker.js');
      const worker = await startWorker({
        databaseUrl,
        registry,
        env,
        concurrency,
        settings,
        compliance,
        store,
        pool,
        ...(webhook ? { webhook } : {}),
        log,
      });
      log(
        `taking tenant audits: ${registry.tenants.length} tenant(s) in ${registry.source}, ${concurrency} at once here, at most ${settings.tenantConcurrency} worker(s) per tenant${
          webhook ? `, webhook (${webhook.format})` : ''
        }`,
      );
      await new Promise<void>((resolve) => {
        const signals = options.signals ?? process;
        const stop = () => {
          signals.off('SIGTERM', stop);
          signals.off('SIGINT', stop);
          log(
            `stopping: no new job; the audits under way finish within ${settings.stopGraceSeconds}s or are handed back for another worker`,
          );
          resolve();
        };
        signals.once('SIGTERM', stop);
        signals.once('SIGINT', stop);
      });
      await worker.stop();
      log('stopped');
      return 0;
    } finally {
      await pool.end().catch(() => undefined);
    }
  } catch (error) {
    stderr(
      `m365-compliance worker: ${withoutPassword(error instanceof Error ? error.message : String(error))}\n`,
    );
    return error instanceof UsageError ? 2 : 1;
  }
}

/** `m365-compliance enqueue ...`; resolves to the exit code. */
export async function runEnqueueCli(
  args: readonly string[],
  options: WorkerCliOptions = {},
): Promise<number> {
  const env = options.env ?? process.env;
  const stderr = options.stderr ?? ((t: string) => void process.stderr.write(t));
  const stdout = options.stdout ?? ((t: string) => void process.stdout.write(t));
  let flags: ReturnType<typeof parseEnqueue>;
  try {
    flags = parseEnqueue(args);
  } catch (error) {
    stderr(`m365-compliance enqueue: ${(error as Error).message}\n${ENQUEUE_USAGE}`);
    return 2;
  }
  if (flags.help) {
    stderr(ENQUEUE_USAGE);
    return 0;
  }
  try {
    const databaseUrl = databaseUrlOf(env, 'm365-compliance enqueue');
    const registry = await registryOf(flags.tenants, env);
    // Unknown names are refused (with the valid ones) before anything is queued.
    const tenants = flags.tenant?.map((t) => resolveTenant(registry, t));
    const config = await loadConfig({ server: 'm365-compliance', flags: { config: flags.config }, env });
    const settings = workerSettings(config.settings);
    const { enqueueTenantAudits } = await import('./enqueue.js');
    const queued = await enqueueTenantAudits({
      databaseUrl,
      registry,
      settings,
      ...(tenants ? { tenants } : {}),
    });
    for (const q of queued) stdout(`${q.tenant}\t${q.tenantId}\t${q.jobId}\n`);
    stderr(`m365-compliance enqueue: ${queued.length} tenant audit(s) queued\n`);
    return 0;
  } catch (error) {
    stderr(
      `m365-compliance enqueue: ${withoutPassword(error instanceof Error ? error.message : String(error))}\n`,
    );
    return error instanceof UsageError ? 2 : 1;
  }
}

function webhookOf(
  flags: { webhook?: string | undefined; format?: string | undefined },
  monitor: ReturnType<typeof monitorSettings>,
): WorkerWebhook | undefined {
  const url = flags.webhook ?? monitor.webhook;
  if (!url) return undefined;
  const format = (flags.format ?? monitor.format ?? 'json') as WebhookFormat;
  if (!webhookFormats.includes(format))
    throw new UsageError(`--format must be one of ${webhookFormats.join(', ')}.`);
  const protocol = new URL(url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:')
    throw new UsageError('--webhook must be an http(s) URL.');
  registerSecret(url);
  return {
    url,
    format,
    ...(monitor.webhookAttempts === undefined ? {} : { attempts: monitor.webhookAttempts }),
    ...(monitor.webhookBackoffMs === undefined ? {} : { backoffMs: monitor.webhookBackoffMs }),
  };
}

function parseWorker(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      tenants: { type: 'string' },
      concurrency: { type: 'string' },
      webhook: { type: 'string' },
      format: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}

function parseEnqueue(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      tenants: { type: 'string' },
      tenant: { type: 'string', multiple: true },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}
