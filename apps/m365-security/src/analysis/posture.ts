// The security domain's status for m365-posture: findings from the secure score and the open
// incidents, and one status set by a stated rule. A source that could not be read makes findings
// `skipped`/`error` (never pass or fail) and, unless something critical was found anyway, the
// status `unknown`.
import {
  type Finding,
  type FindingReference,
  type PostureStatus,
  sanitizeTenantText,
} from '@m365-mcp/mcp-kit';
import type { PrivilegedLookup } from '../graph/read-privileged.js';
import type { Incident } from '../graph/schemas.js';
import { incidentEntities, isCompromised } from './entities.js';
import { incidentTechniques } from './mitre.js';
import { percent, type ScoreTrend } from './score.js';

export const scoreCriticalBelow = 70;
export const scoreWarningBelow = 80;

export const statusRule = `CRITICAL when the Secure Score is under ${scoreCriticalBelow}% of its maximum, or a high-severity incident is open and unassigned, or an open incident involves a compromised account holding a privileged directory role; WARNING when the score is under ${scoreWarningBelow}% or fell over the trend window, or any open incident is unassigned or high-severity; UNKNOWN when a source could not be read and nothing critical was found; otherwise OK.`;

export type SourceResult<T> =
  | { ok: true; value: T; complete: boolean }
  | { ok: false; reason: string; skipped: boolean };

export interface PostureInput {
  tenantId: string;
  score: SourceResult<{ current: number; max: number; asOf: string; trend: ScoreTrend | undefined }>;
  incidents: SourceResult<Incident[]>;
  privileged: PrivilegedLookup;
}

export interface PostureResult {
  status: PostureStatus;
  statusRule: string;
  /** The clauses of the rule that matched. */
  reasons: string[];
  findings: Finding[];
  nextActions: string[];
}

const secureScoreRef: FindingReference = {
  framework: 'Microsoft',
  id: 'SecureScore',
  title: 'Microsoft Secure Score',
  url: 'https://learn.microsoft.com/defender-xdr/microsoft-secure-score',
};
const incidentRef: FindingReference = {
  framework: 'Microsoft',
  id: 'DefenderXDR-Incidents',
  title: 'Manage incidents in Microsoft Defender XDR',
  url: 'https://learn.microsoft.com/defender-xdr/manage-incidents',
};

function sourceFinding(
  id: string,
  title: string,
  tenantId: string,
  failure: { reason: string; skipped: boolean },
): Finding {
  return {
    id,
    title,
    severity: 'info',
    status: failure.skipped ? 'skipped' : 'error',
    resource: { type: 'tenant', id: tenantId },
    evidence: {},
    recommendation: failure.skipped
      ? 'Grant the missing permission (see `m365-security permissions`) and run the assessment again.'
      : 'Run the assessment again; if it keeps failing, check the service health.',
    references: [],
    reason: failure.reason,
  };
}

export function assessPosture(input: PostureInput): PostureResult {
  const findings: Finding[] = [];
  const critical: string[] = [];
  const warning: string[] = [];
  const unknown: string[] = [];
  // Each action carries a priority (0 first) so the most urgent leads whatever order it was found in.
  const actions: { priority: number; text: string }[] = [];
  const nextActions = { push: (text: string, priority = 2) => actions.push({ priority, text }) };

  if (input.score.ok) {
    const { current, max, asOf, trend } = input.score.value;
    const pct = percent(current, max);
    const below = pct < scoreCriticalBelow;
    const weak = pct < scoreWarningBelow;
    if (below) critical.push(`Secure Score ${pct}% is under ${scoreCriticalBelow}%`);
    else if (weak) warning.push(`Secure Score ${pct}% is under ${scoreWarningBelow}%`);
    findings.push({
      id: 'security.secure-score.level',
      title: `Secure Score is ${pct}% (${current} of ${max})`,
      severity: below ? 'high' : weak ? 'medium' : 'info',
      status: below ? 'fail' : weak ? 'warning' : 'pass',
      resource: { type: 'tenant', id: input.tenantId },
      evidence: {
        currentScore: current,
        maxScore: max,
        percentage: pct,
        asOf,
        thresholdPercent: scoreCriticalBelow,
      },
      recommendation:
        'Work through the top improvement actions (get_security_score lists them by points to gain).',
      references: [secureScoreRef],
    });
    if (below || weak)
      nextActions.push(
        'Call get_security_score and plan the top improvement actions by points gained.',
        below ? 1 : 3,
      );
    if (trend) {
      const declining = trend.direction === 'declining';
      if (declining)
        warning.push(`Secure Score fell ${Math.abs(trend.changePoints)} points in ${trend.days} days`);
      findings.push({
        id: 'security.secure-score.trend',
        title: `Secure Score is ${trend.direction} over ${trend.days} days (${trend.changePoints >= 0 ? '+' : ''}${trend.changePoints} points)`,
        severity: declining ? 'medium' : 'info',
        status: declining ? 'warning' : 'pass',
        resource: { type: 'tenant', id: input.tenantId },
        evidence: {
          from: trend.from.score,
          fromDate: trend.from.date,
          to: trend.to.score,
          toDate: trend.to.date,
          changePercentagePoints: trend.changePercentagePoints,
        },
        recommendation: 'Find the controls that lost points (get_security_score) and restore them.',
        references: [secureScoreRef],
      });
    }
  } else {
    unknown.push(`the Secure Score could not be read (${input.score.reason})`);
    findings.push(
      sourceFinding('security.secure-score.level', 'Secure Score not assessed', input.tenantId, input.score),
    );
  }

  if (input.incidents.ok) {
    const privileged = new Map<string, string[]>();
    if (input.privileged.status === 'known') {
      for (const account of input.privileged.accounts) {
        // Role names are tenant text, quoted inside our evidence sentence: cleaned on their own
        // (one line, 256 characters) before the sentence is put together.
        const roles = account.roles.filter((r) => r.privileged).map((r) => sanitizeTenantText(r.displayName));
        if (roles.length > 0) privileged.set(account.userId.toLowerCase(), roles);
      }
    }
    for (const incident of input.incidents.value) {
      const alerts = incident.alerts ?? [];
      const users = incidentEntities(alerts).users.filter(isCompromised);
      const privilegedUsers = users.filter((u) => u.userId && privileged.has(u.userId.toLowerCase()));
      const unassigned = !incident.assignedTo;
      const high = incident.severity === 'high';
      const reasons: string[] = [];
      if (high && unassigned) {
        critical.push(`high-severity incident ${incident.id} is open and unassigned`);
        reasons.push('high severity and unassigned');
      } else if (high) {
        warning.push(`high-severity incident ${incident.id} is open`);
        reasons.push('high severity');
      } else if (unassigned) {
        warning.push(`incident ${incident.id} is open and unassigned`);
        reasons.push('unassigned');
      }
      if (privilegedUsers.length > 0) {
        critical.push(`incident ${incident.id} involves a compromised privileged account`);
        reasons.push('a compromised account holds a privileged role');
      }
      if (reasons.length === 0) continue;
      const isCritical = (high && unassigned) || privilegedUsers.length > 0;
      findings.push({
        id: 'security.incident.open',
        title: `Open ${incident.severity} incident ${incident.id}: ${reasons.join('; ')}`,
        severity: isCritical ? 'critical' : high ? 'high' : incident.severity === 'medium' ? 'medium' : 'low',
        status: 'fail',
        resource: { type: 'securityIncident', id: incident.id, displayName: incident.displayName },
        evidence: {
          ...(privilegedUsers.length > 0
            ? {
                privilegedAccounts: privilegedUsers.map(
                  (u) =>
                    `${u.userPrincipalName ?? u.userId} (${privileged.get(u.userId?.toLowerCase() ?? '')?.join(', ')})`,
                ),
              }
            : {}),
          status: incident.status,
          severity: incident.severity,
          assignedTo: incident.assignedTo ?? null,
          createdDateTime: incident.createdDateTime,
          alertCount: alerts.length,
          compromisedUsers: users.map((u) => u.userPrincipalName ?? u.userId ?? ''),
        },
        recommendation: `Assign the incident, then investigate it (investigate_incident with incidentId "${incident.id}") and follow its response plan.`,
        references: [
          incidentRef,
          ...incidentTechniques(alerts).map((t) => ({
            framework: 'MITRE-ATTACK' as const,
            id: t.id,
            ...(t.name ? { title: t.name } : {}),
            url: t.url,
          })),
        ],
      });
      nextActions.push(
        `Investigate incident ${incident.id} (${incident.severity}${unassigned ? ', unassigned' : ''}${privilegedUsers.length > 0 ? ', privileged account' : ''}) with investigate_incident, then assign it with respond_to_incident.`,

        isCritical ? 0 : high ? 1 : 2,
      );
    }
    if (!input.incidents.complete)
      unknown.push('not every open incident could be read (the list was cut short)');
    if (input.privileged.status === 'unknown') {
      findings.push(
        sourceFinding(
          'security.incident.privileged-accounts',
          'Privileged accounts in incidents not assessed',
          input.tenantId,
          {
            reason: input.privileged.reason,
            skipped: true,
          },
        ),
      );
    }
    if (!findings.some((f) => f.id === 'security.incident.open')) {
      findings.push({
        id: 'security.incident.open',
        title: 'No open incident needs attention',
        severity: 'info',
        status: 'pass',
        resource: { type: 'tenant', id: input.tenantId },
        evidence: { openIncidents: input.incidents.value.length },
        recommendation: 'Keep triaging new incidents promptly.',
        references: [incidentRef],
      });
    }
  } else {
    unknown.push(`incidents could not be read (${input.incidents.reason})`);
    findings.push(
      sourceFinding('security.incident.open', 'Incidents not assessed', input.tenantId, input.incidents),
    );
  }

  const status: PostureStatus =
    critical.length > 0 ? 'critical' : unknown.length > 0 ? 'unknown' : warning.length > 0 ? 'warning' : 'ok';
  const reasons = status === 'critical' ? critical : status === 'unknown' ? unknown : warning;
  if (unknown.length > 0)
    nextActions.push(`Fix what kept the assessment from reading everything: ${unknown.join('; ')}.`, 1);
  if (status === 'ok')
    nextActions.push('Nothing urgent; review get_security_score improvement actions periodically.');
  const ordered = actions
    .map((action, index) => ({ ...action, index }))
    .sort((a, b) => a.priority - b.priority || a.index - b.index)
    .map((action) => action.text);
  return { status, statusRule, reasons, findings, nextActions: ordered.slice(0, 10) };
}
