import { assessmentShape, defineTool, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { incidentEntities, isCompromised } from '../analysis/entities.js';
import { assessPosture, type SourceResult } from '../analysis/posture.js';
import { percent, scoreTrend } from '../analysis/score.js';
import { openIncidentStatuses } from '../graph/enums.js';
import { anyOf } from '../graph/filters.js';
import { type PrivilegedLookup, readAccountRoles } from '../graph/read-privileged.js';
import { readIncidents, readSecureScores } from '../graph/read-security.js';
import type { Incident, SecureScore } from '../graph/schemas.js';
import { failure } from './support/failure.js';

export const assessSecurityPostureOutput = {
  ...assessmentShape,
  reasons: z.array(z.string()).describe('The clauses of the rule that set the status'),
  evidence: z.object({
    secureScore: z
      .object({ current: z.number(), max: z.number(), percentage: z.number(), asOf: z.string() })
      .nullable(),
    openIncidents: z.number().int().nullable(),
    highSeverityOpenUnassigned: z.number().int().nullable(),
    privilegedStatus: z.enum(['known', 'unknown']),
  }),
  complete: z.boolean().describe('False when a source could not be read or was cut short'),
};

const trendDays = 30;

/** The daily Secure Score as the assessment contract's trend (oldest first) for posture's chart. */
function secureScoreTrend(history: readonly SecureScore[], max: number) {
  const byDay = new Map<string, number>();
  for (const score of [...history].reverse()) {
    const date = score.createdDateTime.slice(0, 10);
    // A day Graph dated oddly is left out of the chart rather than failing the assessment.
    if (/^\d{4}-\d{2}-\d{2}$/.test(date)) byDay.set(date, score.currentScore);
  }
  return {
    name: 'Secure Score',
    unit: 'points',
    max,
    points: [...byDay].map(([date, value]) => ({ date, value })),
  };
}

async function settle<T>(
  read: () => Promise<{ items: T; complete: boolean }>,
  server: string,
): Promise<SourceResult<T>> {
  try {
    const { items, complete } = await read();
    return { ok: true, value: items, complete };
  } catch (error) {
    return { ok: false, ...failure(error, server) };
  }
}

export const assessSecurityPosture = defineTool({
  name: 'assess_security_posture',
  title: 'Assess security posture',
  description:
    'Answers "what is our security posture?" for Microsoft Defender XDR data: one status (critical, warning, ok, unknown) with the rule that set it, findings for the Secure Score level and trend and for every open incident that needs attention (unassigned, high severity, or involving a compromised privileged account), recommended next actions, and the last 30 days of Secure Score as a trend. No input. Three or four Graph reads. m365-posture calls it for the whole-tenant report.',
  input: {},
  output: assessSecurityPostureOutput,
  annotations: readOnlyAnnotations,
  tenantData: true,
  assessment: true,
  async handler(_args, ctx) {
    const [history, incidents] = await Promise.all([
      settle(() => readSecureScores(ctx.graph, trendDays), ctx.server),
      settle(
        () => readIncidents(ctx.graph, anyOf('status', openIncidentStatuses, openIncidentStatuses)),
        ctx.server,
      ),
    ]);
    await ctx.progress(1, 2, 'read the Secure Score history and the open incidents');
    // Counts only: a log line carries no tenant data.
    ctx.log.info('security areas read', {
      secureScoreDays: history.ok ? history.value.length : 'could not be read',
      openIncidents: incidents.ok ? incidents.value.length : 'could not be read',
    });
    let privileged: PrivilegedLookup = { status: 'known', accounts: [] };
    if (incidents.ok) {
      const ids = incidents.value.flatMap((i: Incident) =>
        incidentEntities(i.alerts ?? [])
          .users.filter(isCompromised)
          .map((u) => u.userId)
          .filter((id): id is string => id !== null),
      );
      try {
        privileged = await readAccountRoles(ctx.graph, ids);
      } catch (error) {
        privileged = { status: 'unknown', reason: failure(error, ctx.server).reason };
      }
    }
    await ctx.progress(2, 2, 'checked which compromised accounts are privileged');
    const latest = history.ok ? history.value[0] : undefined;
    const tenantId = latest?.id.split('_')[0] ?? 'tenant';
    const score: Parameters<typeof assessPosture>[0]['score'] = !history.ok
      ? history
      : latest
        ? {
            ok: true,
            value: {
              current: latest.currentScore,
              max: latest.maxScore,
              asOf: latest.createdDateTime,
              trend: scoreTrend(history.value),
            },
            complete: history.complete,
          }
        : { ok: false, reason: 'Microsoft returned no Secure Score yet', skipped: true };
    const result = assessPosture({ tenantId, score, incidents, privileged });

    const quote = (value: unknown): unknown =>
      typeof value === 'string'
        ? ctx.tenantText(value, 300)
        : Array.isArray(value)
          ? value.map(quote)
          : value;
    const findings = result.findings.map((finding) => ({
      ...finding,
      title: ctx.tenantText(finding.title, 300),
      // Evidence quotes tenant strings (UPNs, names): sanitised like every other tenant string.
      evidence: Object.fromEntries(
        Object.entries(finding.evidence).map(([k, v]) => [k, quote(v)]),
      ) as typeof finding.evidence,
      resource: {
        ...finding.resource,
        ...(finding.resource.displayName
          ? { displayName: ctx.tenantText(finding.resource.displayName) }
          : {}),
      },
    }));
    const open = incidents.ok ? incidents.value : undefined;
    const evidence = {
      secureScore: latest
        ? {
            current: latest.currentScore,
            max: latest.maxScore,
            percentage: percent(latest.currentScore, latest.maxScore),
            asOf: latest.createdDateTime,
          }
        : null,
      openIncidents: open ? open.length : null,
      highSeverityOpenUnassigned: open
        ? open.filter((i) => i.severity === 'high' && !i.assignedTo).length
        : null,
      privilegedStatus: privileged.status,
    };
    const trends = history.ok && latest ? [secureScoreTrend(history.value, latest.maxScore)] : [];
    const complete = history.ok && history.complete && incidents.ok && incidents.complete;
    const failed = findings.filter((f) => f.status === 'fail').length;
    const summary = [
      `Security posture: ${result.status.toUpperCase()} — ${result.reasons.slice(0, 3).join('; ') || 'no rule clause matched'}${result.reasons.length > 3 ? ` (+${result.reasons.length - 3} more)` : ''}.`,
      evidence.secureScore
        ? `Secure Score ${evidence.secureScore.current}/${evidence.secureScore.max} (${evidence.secureScore.percentage}%).`
        : 'Secure Score not read.',
      open
        ? `${open.length} open incidents, ${evidence.highSeverityOpenUnassigned} high-severity unassigned.`
        : 'Incidents not read.',
      `${findings.length} findings (${failed} failed).${complete ? '' : ' PARTIAL: some data could not be read.'}`,
      result.nextActions[0] ? `Next: ${result.nextActions[0]}` : '',
    ];
    return {
      structured: {
        status: result.status,
        statusRule: result.statusRule,
        reasons: result.reasons,
        findings,
        nextActions: result.nextActions,
        trends,
        evidence,
        complete,
      },
      summary: summary.filter(Boolean).join('\n'),
    };
  },
});
