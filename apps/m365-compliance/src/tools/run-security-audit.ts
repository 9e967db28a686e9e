import { type AuditRun, compareFindingSeverity, runAudit, summarizeRun } from '@m365-mcp/cis-bridge';
import {
  cursorSchema,
  decodeCursor,
  defineTool,
  encodeCursor,
  findingSchema,
  limitSchema,
  ToolInputError,
} from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { dnsForRun } from '../analysis/dns.js';
import { complianceSettings } from '../analysis/settings.js';
import {
  countsLine,
  coverageText,
  runInfo,
  runInfoSchema,
  safeFinding,
  summarySchema,
} from '../analysis/shapes.js';
import { runsFor } from '../store/tenant-runs.js';
import { auditServices } from './support/service-access.js';

const cursorState = z.object({ runId: z.string(), offset: z.number().int().min(0) });

export const runSecurityAudit = defineTool({
  name: 'run_security_audit',
  longRunning: true,
  title: 'Run the CIS Microsoft 365 audit through Graph',
  description:
    'Evaluates the CIS Microsoft 365 Foundations v6 controls (plus CISA SCuBA / EIDSCA checks) that Graph can read, stores the run, and returns the summary and the findings (failures first, paged). Filters: level, profile, sections, ids. Costs about 25 Graph reads per run; use get_compliance_status to re-read a stored run, and the cursor to page without re-running.',
  input: {
    level: z.enum(['L1', 'L2']).optional().describe('L1 = Level 1 only; L2 = Level 1 and 2'),
    profile: z.enum(['E3', 'E5']).optional().describe('E3 = E3 controls only; E5 = all'),
    sections: z
      .array(z.string().regex(/^\d+(\.\d+)*$/))
      .max(20)
      .optional()
      .describe('CIS sections, e.g. ["5.2", "7"]'),
    ids: z.array(z.string().min(1).max(64)).max(100).optional().describe('Control ids, e.g. ["5.1.2.3"]'),
    markAsBaseline: z.boolean().optional().describe('Make this run the baseline drift compares against'),
    limit: limitSchema,
    cursor: cursorSchema,
  },
  output: {
    run: runInfoSchema,
    summary: summarySchema,
    findings: z.array(findingSchema),
    /** False when Graph failed for some controls (status `error`): the run is partial. */
    complete: z.boolean(),
    notEvaluated: z
      .array(z.object({ id: z.string(), reason: z.string() }))
      .describe('Controls whose Graph data could not be read in this run, and why (at most 20)'),
    cursor: z.string().optional(),
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  tenantData: true,
  async handler(args, ctx) {
    const settings = complianceSettings(ctx.config);
    const runs = await runsFor(ctx, settings);
    let run: AuditRun | undefined;
    let offset = 0;
    if (args.cursor) {
      const state = decodeCursor(args.cursor, cursorState);
      run = await runs.get(state.runId);
      if (!run)
        throw new ToolInputError('The run this cursor belongs to is no longer stored; run the audit again.');
      offset = state.offset;
    } else {
      run = await runAudit(ctx.graph, {
        filter: { level: args.level, profile: args.profile, sections: args.sections, ids: args.ids },
        exceptions: settings.exceptions,
        ...dnsForRun(settings, ctx.config.demo),
        ...auditServices(ctx.admin),
        signal: ctx.signal,
        progress: (done, total, message) => ctx.progress(done, total, message),
      });
      if (run.results.length === 0) throw new ToolInputError('No control matches these filters.');
      run = await runs.save(run, { baseline: args.markAsBaseline ?? false });
      ctx.log.info(`audit run ${run.id} stored`, {
        controls: run.results.length,
        ...summarizeRun(run).byStatus,
      });
    }
    const ordered = run.results
      .map((r) => r.finding)
      .sort((a, b) => {
        const rank = (s: string) => (s === 'fail' ? 0 : s === 'warning' ? 1 : s === 'error' ? 2 : 3);
        return rank(a.status) - rank(b.status) || compareFindingSeverity(a, b);
      });
    const page = ordered.slice(offset, offset + args.limit).map((f) => safeFinding(f, ctx.tenantText));
    const next =
      offset + args.limit < ordered.length
        ? encodeCursor({ runId: run.id, offset: offset + args.limit })
        : undefined;
    const summary = summarizeRun(run);
    const errored = run.results.map((r) => r.finding).filter((f) => f.status === 'error');
    const partial = errored.length
      ? ` PARTIAL: ${errored.length} controls could not be evaluated because Graph failed (${ctx.tenantText(errored[0]?.reason ?? '', 200)}); they are neither pass nor fail, run the audit again later.`
      : '';
    const failures = ordered
      .filter((f) => f.status === 'fail')
      .slice(0, 5)
      .map((f) => `${f.id} (${f.severity})`);
    return {
      structured: {
        run: runInfo(run),
        summary,
        findings: page,
        complete: errored.length === 0,
        notEvaluated: errored
          .slice(0, 20)
          .map((f) => ({ id: f.id, reason: ctx.tenantText(f.reason ?? 'unknown', 300) })),
        ...(next ? { cursor: next } : {}),
      },
      summary: `Run ${run.id}: ${countsLine(run)}. ${coverageText(run)}. Top failures: ${failures.join(', ') || 'none'}.${partial}${next ? ' More findings: pass the cursor.' : ''}`,
    };
  },
});
