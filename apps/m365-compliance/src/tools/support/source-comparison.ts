// An imported report beside the run this server evaluated for the same tenant, as import_audit_report
// and get_compliance_status show it: the counts, and each control where the two disagree. The
// comparison itself is cis-bridge's (compareSources); this file picks the runs and words the view.
import {
  type AuditRun,
  compareSources,
  isEvaluatedRun,
  type SourceComparison,
  sameTenant,
} from '@m365-mcp/cis-bridge';
import { z } from 'zod';
import type { TenantText } from '../../analysis/shapes.js';
import type { TenantRuns } from '../../store/tenant-runs.js';

/** Disagreements listed in one answer; the counts always cover all of them. */
const MAX_LISTED = 50;
/** Runs looked through for a counterpart (newest first). */
const SCAN = 500;

export const comparisonSchema = z
  .object({
    importedRunId: z.string(),
    importedSource: z.string(),
    evaluatedRunId: z.string(),
    paired: z.number().describe('Pairs of (our control, a result of the report) that name one control'),
    agree: z.number(),
    disagree: z.number().describe('One says the control passes, the other that it does not'),
    notCompared: z.number().describe('One side gave no verdict (manual, skipped, error, not applicable)'),
    disagreements: z
      .array(
        z.object({
          id: z.string().describe('Our control id'),
          theirId: z.string().describe("The report's id for it"),
          via: z.string().describe('The reference both carry, e.g. "EIDSCA AP10"'),
          ours: z.string(),
          theirs: z.string(),
        }),
      )
      .describe(`The controls the two disagree on (at most ${MAX_LISTED})`),
    cisVersions: z
      .object({ theirs: z.string(), ours: z.string() })
      .optional()
      .describe("Set when the report's CIS ids are of another benchmark version, whose numbers may differ"),
  })
  .describe("An imported report's results beside this server's for the controls both reach");

export type ComparisonView = z.infer<typeof comparisonSchema>;

export function comparisonView(c: SourceComparison, tenantText: TenantText): ComparisonView {
  return {
    importedRunId: c.importedRunId,
    importedSource: c.importedSource,
    evaluatedRunId: c.evaluatedRunId,
    ...c.counts,
    // The report's ids and references come from its file: tenant text.
    disagreements: c.controls
      .filter((p) => p.outcome === 'disagree')
      .slice(0, MAX_LISTED)
      .map((p) => ({
        id: tenantText(p.id),
        theirId: tenantText(p.theirId),
        via: tenantText(p.via),
        ours: p.ours,
        theirs: p.theirs,
      })),
    ...(c.cisVersions
      ? { cisVersions: { theirs: tenantText(c.cisVersions.theirs, 40), ours: c.cisVersions.ours } }
      : {}),
  };
}

/** "maester vs our run <id>: 66 controls in common, 26 agree, 39 DISAGREE (…), 1 not compared." */
export function comparisonText(view: ComparisonView): string {
  if (view.paired === 0)
    return `${view.importedSource} run ${view.importedRunId} and our run ${view.evaluatedRunId} have no control in common.`;
  const shown = view.disagreements
    .slice(0, 10)
    .map((d) => `${d.id} ours ${d.ours}, ${d.theirId} ${d.theirs}`);
  const more = view.disagree > shown.length ? `, and ${view.disagree - shown.length} more` : '';
  const disagree = view.disagree ? `${view.disagree} DISAGREE (${shown.join('; ')}${more})` : '0 disagree';
  const versions = view.cisVersions
    ? ` The report's CIS ids are of v${view.cisVersions.theirs}, ours of v${view.cisVersions.ours}: a renumbered recommendation can pair wrongly.`
    : '';
  return `${view.importedSource} run ${view.importedRunId} vs our run ${view.evaluatedRunId}: ${view.paired} controls in common, ${view.agree} agree, ${disagree}, ${view.notCompared} not compared (no verdict on one side).${versions}`;
}

/** The newest run this server evaluated for the imported run's tenant, or why there is none. */
export async function evaluatedCounterpart(
  runs: TenantRuns,
  imported: AuditRun,
  tenantText: TenantText,
): Promise<{ run: AuditRun } | { note: string }> {
  const evaluated = (await runs.list({ limit: SCAN })).filter((info) =>
    isEvaluatedRun({ source: info.source as AuditRun['source'] }),
  );
  const match = evaluated.find((info) => info.id !== imported.id && sameTenant(info, imported));
  const run = match ? await runs.get(match.id) : undefined;
  if (run) return { run };
  if (evaluated.length === 0)
    return {
      note: 'No evaluated run is stored to compare with: call run_security_audit, then get_compliance_status.',
    };
  return {
    note: `No evaluated run of this report's tenant (${tenantText(imported.tenantId ?? 'unnamed', 80)}) is stored; the stored ones are of another tenant, so nothing was compared.`,
  };
}

/** For a run this server evaluated: the newest imported run of each source for the same tenant. */
export async function importedCounterparts(runs: TenantRuns, evaluated: AuditRun): Promise<AuditRun[]> {
  const newest = new Map<string, string>();
  for (const info of await runs.list({ limit: SCAN })) {
    if (isEvaluatedRun({ source: info.source as AuditRun['source'] })) continue;
    if (!newest.has(info.source) && sameTenant(info, evaluated)) newest.set(info.source, info.id);
  }
  const found = await Promise.all([...newest.values()].map((id) => runs.get(id)));
  return found.filter((r): r is AuditRun => r !== undefined);
}

/** Comparisons for the run get_compliance_status shows: with its imported or evaluated counterparts. */
export async function comparisonsFor(
  runs: TenantRuns,
  run: AuditRun,
  tenantText: TenantText,
): Promise<SourceComparison[]> {
  if (isEvaluatedRun(run))
    return (await importedCounterparts(runs, run)).map((imported) => compareSources(imported, run));
  const counterpart = await evaluatedCounterpart(runs, run, tenantText);
  return 'run' in counterpart ? [compareSources(run, counterpart.run)] : [];
}
