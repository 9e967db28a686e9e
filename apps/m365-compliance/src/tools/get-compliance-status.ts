import { compareFindingSeverity } from '@m365-mcp/cis-bridge';
import {
  cursorSchema,
  defineTool,
  findingSchema,
  limitSchema,
  paginate,
  readOnlyAnnotations,
  ToolInputError,
} from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import {
  countsLine,
  coverageText,
  reasonMaxLength,
  runInfo,
  runInfoSchema,
  safeFinding,
  summarizeRun,
  summarySchema,
} from '../analysis/shapes.js';
import { runsFor } from '../store/tenant-runs.js';
import {
  comparisonSchema,
  comparisonsFor,
  comparisonText,
  comparisonView,
} from './support/source-comparison.js';

export const getComplianceStatus = defineTool({
  name: 'get_compliance_status',
  title: 'Compliance status of the latest (or a given) run',
  description:
    'Reads a stored run (the latest by default): summary, failures with evidence and remediation (paged), what could not be evaluated and why (manual, skipped, error), and, when an imported report (Maester, ScubaGear, the PowerShell toolkit) and a run of this server cover the same tenant, where they agree and disagree. No Graph calls.',
  input: { runId: z.string().uuid().optional(), limit: limitSchema, cursor: cursorSchema },
  output: {
    run: runInfoSchema,
    summary: summarySchema,
    failures: z.array(findingSchema),
    notEvaluated: z.array(z.object({ id: z.string(), status: z.string(), reason: z.string() })),
    cursor: z.string().optional(),
    comparisons: z
      .array(comparisonSchema)
      .optional()
      .describe(
        'For a run of this server: the newest imported report of each source for its tenant; for an imported run: the newest run of this server. Absent when there is none',
      ),
  },
  annotations: { ...readOnlyAnnotations, openWorldHint: false },
  tenantData: true,
  async handler(args, ctx) {
    const runs = await runsFor(ctx);
    const run = args.runId ? await runs.get(args.runId) : await runs.latest();
    if (!run)
      throw new ToolInputError(
        args.runId
          ? `No stored run ${args.runId}.`
          : 'No run is stored yet: call run_security_audit or import_audit_report first.',
      );
    const failures = run.results
      .map((r) => r.finding)
      .filter((f) => f.status === 'fail' || f.status === 'warning')
      .sort(compareFindingSeverity);
    const { page, cursor } = paginate(failures, { limit: args.limit, cursor: args.cursor });
    const notEvaluated = run.results
      .map((r) => r.finding)
      .filter((f) => f.status === 'manual' || f.status === 'skipped' || f.status === 'error')
      .map((f) => ({
        id: ctx.tenantText(f.id),
        status: f.status,
        reason: ctx.tenantText(f.reason ?? 'Not evaluated.', reasonMaxLength),
      }));
    const info = runInfo(run);
    const comparisons = (await comparisonsFor(runs, run, ctx.tenantText)).map((c) =>
      comparisonView(c, ctx.tenantText),
    );
    const compared = comparisons.map((c) => ` ${comparisonText(c)}`).join('');
    return {
      structured: {
        run: info,
        summary: summarizeRun(run),
        failures: page.map((f) => safeFinding(f, ctx.tenantText)),
        notEvaluated,
        ...(cursor ? { cursor } : {}),
        ...(comparisons.length ? { comparisons } : {}),
      },
      summary: `Run ${run.id} (${run.source}, ${info.startedAt}): ${countsLine(run)}. ${ctx.tenantText(coverageText(run), 1000)}. ${failures.length} failures; ${notEvaluated.length} not evaluated.${compared}`,
    };
  },
});
