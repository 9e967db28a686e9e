// Combines the servers' assessments into one posture: an overall status with the rule that set it,
// the top risks with their evidence, and the next actions. Pure: no I/O.

import { coverageLine, type FindingSeverity } from '@m365-mcp/cis-bridge';
import type { ServerOutcome } from './assess.js';
import {
  type AssessmentFinding,
  type AssessmentTrend,
  atLeast,
  compareSeverity,
  type PostureStatus,
  worseStatus,
} from './assessment.js';

export const OVERALL_RULE =
  'CRITICAL if any server assessed CRITICAL; WARNING if any assessed WARNING or could not be assessed; ' +
  'UNKNOWN if no server was assessed; otherwise OK.';

export interface Risk extends AssessmentFinding {
  server: string;
}

/** A server's time series (its Secure Score by day, say), for the report's charts. */
export interface ServerTrend extends AssessmentTrend {
  server: string;
}

export interface PostureReport {
  generatedAt: string;
  tenant: string;
  overall: { status: PostureStatus; rule: string };
  servers: {
    name: string;
    state: ServerOutcome['state'];
    status?: PostureStatus;
    statusRule?: string;
    /** What the server's run looked at, when it says (m365-compliance: evaluated / manual / skipped). */
    coverage?: string;
    error?: string;
  }[];
  missingServers: string[];
  /** The worst failing findings, for the summary. */
  topRisks: Risk[];
  /** Every failing finding, worst first, for the full report. */
  risks: Risk[];
  nextActions: string[];
  counts: Record<FindingSeverity, number>;
  /** Every assessed server's trends, in server order. */
  trends: ServerTrend[];
}

const FAILING = new Set(['fail', 'warning', 'error']);

export function buildReport(input: {
  tenant: string;
  outcomes: ServerOutcome[];
  missingServers: string[];
  now?: Date;
  topRiskCount?: number;
}): PostureReport {
  let overall: PostureStatus = 'ok';
  let assessed = 0;
  const risks: Risk[] = [];
  const nextActions: string[] = [];
  const servers: PostureReport['servers'] = [];
  const trends: ServerTrend[] = [];
  for (const outcome of input.outcomes) {
    if (outcome.state !== 'assessed') {
      overall = worseStatus(overall, 'warning');
      servers.push({
        name: outcome.server,
        state: outcome.state,
        ...(outcome.state === 'failed' ? { error: outcome.error } : {}),
      });
      continue;
    }
    assessed += 1;
    let serverStatus: PostureStatus = 'ok';
    const rules: string[] = [];
    const coverage: string[] = [];
    for (const { assessment } of outcome.assessments) {
      serverStatus = worseStatus(serverStatus, assessment.status);
      rules.push(assessment.statusRule);
      if (assessment.summary) coverage.push(coverageLine(assessment.summary.coverage));
      for (const finding of assessment.findings) {
        if (FAILING.has(finding.status)) risks.push({ ...finding, server: outcome.server });
      }
      for (const action of assessment.nextActions)
        if (!nextActions.includes(action)) nextActions.push(action);
      for (const trend of assessment.trends ?? []) trends.push({ ...trend, server: outcome.server });
    }
    overall = worseStatus(overall, serverStatus);
    servers.push({
      name: outcome.server,
      state: 'assessed',
      status: serverStatus,
      statusRule: rules.join(' '),
      ...(coverage.length > 0 ? { coverage: coverage.join(' ') } : {}),
    });
  }
  if (assessed === 0) overall = 'unknown';
  risks.sort((a, b) => compareSeverity(a.severity, b.severity));
  const counts: Record<FindingSeverity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const risk of risks) counts[risk.severity] += 1;
  return {
    generatedAt: (input.now ?? new Date()).toISOString(),
    tenant: input.tenant,
    overall: { status: overall, rule: OVERALL_RULE },
    servers,
    missingServers: input.missingServers,
    topRisks: risks.slice(0, input.topRiskCount ?? 10),
    risks,
    nextActions: nextActions.slice(0, 10),
    counts,
    trends,
  };
}

/** Failing findings at or above the threshold: what `--fail-on` turns into a non-zero exit code. */
export function failingAtOrAbove(report: PostureReport, threshold: FindingSeverity): number {
  return (Object.entries(report.counts) as [FindingSeverity, number][])
    .filter(([severity]) => atLeast(severity, threshold))
    .reduce((sum, [, n]) => sum + n, 0);
}
