// The portfolio: every tenant of a registry in one view, worst first, with what changed since the
// previous run. Pure: no I/O. The JSON written to portfolio.json is this shape (documented in the
// README); `version` changes when a field changes meaning or goes away.
import type { FindingSeverity } from '@m365-mcp/cis-bridge';
import { type PostureStatus, worseStatus } from '../assessment.js';
import type { PostureReport, Risk } from '../report.js';
import { comparePortfolioTenant, type PortfolioChange, type PreviousPortfolio } from './portfolio-changes.js';

export const PORTFOLIO_KIND = 'm365-posture-portfolio';
export const PORTFOLIO_VERSION = 1;

export const PORTFOLIO_RULE =
  "The portfolio's status is its worst tenant's. Tenants are listed worst first: by status " +
  '(CRITICAL, WARNING, UNKNOWN, OK), then by risk score (failing findings weighted critical 10, ' +
  'high 5, medium 2, low 1), then by name.';

/** A failing finding as the next run compares it: `key` is stable across runs. */
export interface PortfolioFinding {
  key: string;
  title: string;
  severity: FindingSeverity;
  server: string;
}

export interface PortfolioTenant {
  name: string;
  tenantId: string;
  displayName: string;
  /** `not-assessed`: no server could assess it (sign-in refused, consent revoked, …); see `reason`. */
  state: 'assessed' | 'not-assessed';
  status: PostureStatus;
  reason?: string;
  /** Failing findings weighted by severity; higher is worse. */
  score: number;
  counts: Record<FindingSeverity, number>;
  /** The worst few failing findings, titles only (the tenant's own report has the evidence). */
  topRisks: Omit<PortfolioFinding, 'key'>[];
  change: PortfolioChange;
  /** The tenant's own reports, relative to the portfolio's folder. */
  reports: { html: string; json: string; markdown: string };
  /** Every failing finding, what the next run compares against. */
  findings: PortfolioFinding[];
}

export interface PortfolioReport {
  kind: typeof PORTFOLIO_KIND;
  version: typeof PORTFOLIO_VERSION;
  generatedAt: string;
  /** When the run compared against was generated; absent on a first run. */
  previousGeneratedAt?: string;
  overall: { status: PostureStatus; rule: string };
  summary: { tenants: number; notAssessed: number; byStatus: Record<PostureStatus, number> };
  tenants: PortfolioTenant[];
}

/** One tenant's run as the portfolio receives it. */
export interface TenantResult {
  name: string;
  tenantId: string;
  displayName: string;
  report: PostureReport;
  /** Set when no server could assess the tenant: why. */
  notAssessedReason?: string;
}

const severityWeight: Record<FindingSeverity, number> = { critical: 10, high: 5, medium: 2, low: 1, info: 0 };
const statusRank: Record<PostureStatus, number> = { critical: 3, warning: 2, unknown: 1, ok: 0 };
const TOP_RISKS = 3;

export function findingKey(risk: Risk): string {
  return [risk.server, risk.id, risk.resource?.id ?? risk.resource?.displayName ?? ''].join('|');
}

function tenantEntry(result: TenantResult, previous: PreviousPortfolio | undefined): PortfolioTenant {
  const { report } = result;
  const findings = report.risks.map((risk) => ({
    key: findingKey(risk),
    title: risk.title,
    severity: risk.severity,
    server: risk.server,
  }));
  const assessed = result.notAssessedReason === undefined;
  const status = assessed ? report.overall.status : 'unknown';
  const current = {
    tenantId: result.tenantId,
    state: assessed ? 'assessed' : 'not-assessed',
    status,
    findings,
  } as const;
  return {
    name: result.name,
    tenantId: result.tenantId,
    displayName: result.displayName,
    state: current.state,
    status,
    ...(assessed ? {} : { reason: result.notAssessedReason }),
    score: findings.reduce((sum, f) => sum + severityWeight[f.severity], 0),
    counts: report.counts,
    topRisks: findings.slice(0, TOP_RISKS).map(({ key: _key, ...rest }) => rest),
    change: comparePortfolioTenant(current, previous),
    reports: {
      html: `${result.name}/report.html`,
      json: `${result.name}/report.json`,
      markdown: `${result.name}/report.md`,
    },
    findings,
  };
}

export function worstFirst(a: PortfolioTenant, b: PortfolioTenant): number {
  return statusRank[b.status] - statusRank[a.status] || b.score - a.score || a.name.localeCompare(b.name);
}

export function buildPortfolio(input: {
  results: readonly TenantResult[];
  previous?: PreviousPortfolio;
  now?: Date;
}): PortfolioReport {
  const tenants = input.results.map((r) => tenantEntry(r, input.previous)).sort(worstFirst);
  const byStatus: Record<PostureStatus, number> = { critical: 0, warning: 0, unknown: 0, ok: 0 };
  let overall: PostureStatus = tenants.length === 0 ? 'unknown' : 'ok';
  for (const tenant of tenants) {
    byStatus[tenant.status] += 1;
    overall = worseStatus(overall, tenant.status);
  }
  return {
    kind: PORTFOLIO_KIND,
    version: PORTFOLIO_VERSION,
    generatedAt: (input.now ?? new Date()).toISOString(),
    ...(input.previous ? { previousGeneratedAt: input.previous.generatedAt } : {}),
    overall: { status: overall, rule: PORTFOLIO_RULE },
    summary: {
      tenants: tenants.length,
      notAssessed: tenants.filter((t) => t.state === 'not-assessed').length,
      byStatus,
    },
    tenants,
  };
}
