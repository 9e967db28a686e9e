import { type AuditRun, catalogue, runAudit, summarizeRun } from '@m365-mcp/cis-bridge';
import { assessmentShape, defineTool, type PostureStatus } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { dnsForRun } from '../analysis/dns.js';
import { passRateTrend } from '../analysis/pass-rate-trend.js';
import { complianceSettings } from '../analysis/settings.js';
import { coverageText, safeFinding, summarySchema } from '../analysis/shapes.js';
import { runsFor } from '../store/tenant-runs.js';
import { auditServices } from './support/service-access.js';

const STATUS_RULE =
  'critical when any critical- or high-severity CIS control fails; warning when any other control fails; ok when every evaluated control passes and none failed to read; unknown when no control could be evaluated, or when nothing failed but some controls could not be read because Graph failed (skipped, manual and error never count as pass or fail).';

export const assessCompliancePosture = defineTool({
  name: 'assess_compliance_posture',
  title: 'Compliance posture (CIS benchmark) for the whole-tenant assessment',
  description:
    'The CIS Microsoft 365 compliance assessment: reuses a Graph audit run younger than the configured freshness (60 minutes by default) or runs one, and returns the status with the rule that set it, the failing findings, next actions and the pass-rate trend over the stored runs (one point a day, last 30 days). Called by m365-posture with {}.',
  input: {},
  output: { ...assessmentShape, runId: z.string(), reusedRun: z.boolean(), summary: summarySchema },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  assessment: true,
  tenantData: true,
  async handler(_args, ctx) {
    const settings = complianceSettings(ctx.config);
    const runs = await runsFor(ctx, settings);
    const latest = await runs.latest({ source: 'graph' });
    // Only a recent run of the whole catalogue stands for the tenant: a filtered run would hide failures.
    const fresh =
      latest &&
      latest.results.length === catalogue.length &&
      Date.now() - Date.parse(latest.finishedAt) < settings.freshRunMinutes * 60_000;
    let run: AuditRun;
    if (latest && fresh) run = latest;
    else {
      run = await runAudit(ctx.graph, {
        exceptions: settings.exceptions,
        ...dnsForRun(settings, ctx.config.demo),
        ...auditServices(ctx.admin),
        signal: ctx.signal,
        progress: (done, total, message) => ctx.progress(done, total, message),
      });
      run = await runs.save(run);
    }
    const summary = summarizeRun(run);
    ctx.log.info(`${latest && fresh ? 'reused the fresh' : 'ran and stored'} audit run ${run.id}`, {
      evaluated: summary.evaluated,
      ...summary.byStatus,
    });
    const failed = run.results
      .map((r) => r.finding)
      .filter((f) => f.status === 'fail' || f.status === 'warning');
    const status: PostureStatus =
      summary.evaluated === 0
        ? 'unknown'
        : failed.some((f) => f.severity === 'critical' || f.severity === 'high')
          ? 'critical'
          : failed.length > 0
            ? 'warning'
            : summary.byStatus.error > 0
              ? 'unknown'
              : 'ok';
    const order = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;
    failed.sort((a, b) => order[a.severity] - order[b.severity]);
    // Cleaned first: a reused run may have been imported from a report, whose text is tenant data.
    const findings = failed.slice(0, 30).map((f) => safeFinding(f, ctx.tenantText));
    const nextActions = findings.slice(0, 5).map((f) => `${f.id}: ${f.recommendation}`);
    if (summary.byStatus.error > 0)
      nextActions.push(
        `${summary.byStatus.error} controls could not be read because Graph failed: run run_security_audit again.`,
      );
    if (summary.byStatus.manual > 0)
      nextActions.push(
        `${summary.byStatus.manual} controls need PowerShell: configure run_powershell_audit or import a report.`,
      );
    return {
      structured: {
        status,
        statusRule: STATUS_RULE,
        findings,
        nextActions,
        trends: [{ name: 'CIS controls passing', unit: '%', max: 100, points: await passRateTrend(runs) }],
        runId: run.id,
        reusedRun: Boolean(latest && fresh),
        summary,
      },
      summary: `Compliance ${status}: ${summary.byStatus.fail} failed, ${summary.byStatus.pass} passed of ${summary.evaluated} evaluated (${summary.byStatus.skipped} skipped, ${summary.byStatus.manual} manual). ${coverageText(run)}. Run ${run.id}.`,
    };
  },
});
