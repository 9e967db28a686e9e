// A posture run over every tenant of a registry: each tenant assessed as a single-tenant run
// assesses its one tenant (the same servers, one after the other, each started with that tenant's
// environment), at most `concurrency` tenants at once. A tenant no server could assess is a result
// like the others, with the reason; it never stops the rest.
import type { TenantEntry, TenantRegistry } from '@m365-mcp/auth';
import type { ServerOutcome } from '../assess.js';
import { assessServers } from '../assess-servers.js';
import type { ProgressEvent } from '../progress-events.js';
import { buildReport } from '../report.js';
import { discoverServers, KNOWN_SERVERS, type ServerCommand } from '../servers.js';
import { mapBounded } from './bounded.js';
import type { TenantResult } from './portfolio-report.js';
import { tenantServerEnvironment } from './tenant-env.js';

export const DEFAULT_TENANT_CONCURRENCY = 4;

export interface PortfolioRunOptions {
  registry: TenantRegistry;
  /** Servers to run for every tenant; default: the known servers that are present and built. */
  servers?: ServerCommand[];
  /** Tenants assessed at once (default 4). Within a tenant the servers run one after the other. */
  concurrency?: number;
  /** The environment the servers are started from; `process.env` by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Variables (never a credential) a server needs for this tenant beyond the caller's: the demo's. */
  extraEnv?: (server: string, tenant: TenantEntry) => Record<string, string>;
  /**
   * A tenant's progress, as the single-tenant run reports a server's (`event.server` is the
   * tenant's name): queued, starting, one `assessing` per server (`tool` is the server), then done
   * with its status, or failed with the reason it could not be assessed.
   */
  onProgress?: (event: ProgressEvent) => void;
  /** Each server's own progress within a tenant, for a caller that shows it. */
  onServerProgress?: (tenant: string, event: ProgressEvent) => void;
}

export interface TenantRun extends TenantResult {
  outcomes: ServerOutcome[];
}

const REASON_LENGTH = 500;

type Outcome<S extends ServerOutcome['state']> = Extract<ServerOutcome, { state: S }>;

/**
 * Whether a server's assessment read anything of the tenant. A server that cannot sign in (consent
 * revoked, a bad secret) still answers: UNKNOWN, every check an `error` finding saying why.
 */
function readTheTenant(outcome: Outcome<'assessed'>): boolean {
  return outcome.assessments.some(
    ({ assessment }) =>
      assessment.status !== 'unknown' || assessment.findings.some((f) => f.status !== 'error'),
  );
}

/** Why a server did not read the tenant: its error, or its first error finding's reason. */
function whyNotRead(outcome: ServerOutcome): string | undefined {
  if (outcome.state === 'failed') return outcome.error;
  if (outcome.state !== 'assessed') return undefined;
  for (const { assessment } of outcome.assessments) {
    for (const finding of assessment.findings) {
      const reason = (finding as { reason?: unknown }).reason;
      if (typeof reason === 'string' && reason.trim() !== '') return reason;
    }
  }
  return outcome.assessments[0]?.assessment.statusRule;
}

/** Why no server assessed the tenant, or undefined when one did. */
export function notAssessedReason(outcomes: readonly ServerOutcome[]): string | undefined {
  if (outcomes.some((o) => o.state === 'assessed' && readTheTenant(o))) return undefined;
  if (outcomes.length === 0) return 'no m365-mcp server is built or installed';
  const unread = outcomes.filter((o) => o.state !== 'no-assessment');
  const first = unread[0];
  if (first === undefined) return 'no server has an assessment tool';
  const what = outcomes.every((o) => o.state === 'failed')
    ? 'every server failed'
    : 'no server could read the tenant';
  const reason = `${what}; ${first.server}: ${whyNotRead(first) ?? 'no reason given'}`;
  return reason.length > REASON_LENGTH ? `${reason.slice(0, REASON_LENGTH - 1)}…` : reason;
}

export async function runPortfolio(options: PortfolioRunOptions): Promise<TenantRun[]> {
  const callerEnv = options.env ?? process.env;
  const servers = options.servers ?? discoverServers();
  const names = servers.map((s) => s.name);
  const missingServers = options.servers ? [] : KNOWN_SERVERS.filter((name) => !names.includes(name));
  const emit = (event: ProgressEvent) => options.onProgress?.(event);
  const tenants = options.registry.tenants;
  for (const tenant of tenants) emit({ server: tenant.name, phase: 'queued' });

  return mapBounded(tenants, options.concurrency ?? DEFAULT_TENANT_CONCURRENCY, async (tenant) => {
    emit({ server: tenant.name, phase: 'starting' });
    const displayName = tenant.displayName ?? tenant.name;
    const outcomes = await assessServers(servers, {
      emit: (event) => {
        options.onServerProgress?.(tenant.name, event);
        if (event.phase !== 'starting') return;
        const toolIndex = names.indexOf(event.server) + 1;
        emit({
          server: tenant.name,
          phase: 'assessing',
          tool: event.server,
          toolIndex,
          toolCount: names.length,
          steps: 'servers',
        });
      },
      envFor: (server) =>
        tenantServerEnvironment({
          registry: options.registry,
          tenant,
          server: server.name,
          servers: names,
          callerEnv,
          ...(options.extraEnv ? { extra: options.extraEnv(server.name, tenant) } : {}),
        }),
    });
    const report = buildReport({ tenant: `${displayName} (${tenant.tenantId})`, outcomes, missingServers });
    const reason = notAssessedReason(outcomes);
    emit(
      reason === undefined
        ? { server: tenant.name, phase: 'done', state: 'assessed', status: report.overall.status }
        : { server: tenant.name, phase: 'failed', error: `not assessed: ${reason}` },
    );
    return {
      name: tenant.name,
      tenantId: tenant.tenantId,
      displayName,
      report,
      outcomes,
      ...(reason === undefined ? {} : { notAssessedReason: reason }),
    };
  });
}
