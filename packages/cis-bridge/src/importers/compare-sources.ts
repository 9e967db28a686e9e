import type { Finding, FindingReference, FindingStatus } from '@m365-mcp/graph-core';
import type { AuditRun, RunSource } from '../audit/run.js';

// An imported report (Maester, ScubaGear, the PowerShell toolkit) beside the run we evaluated for
// the same tenant: for every control both reach, both statuses, and whether they agree. Two tools
// reading one tenant should agree; when they do not, the user must see it rather than pick one.
//
// Controls are paired through the references the importers already give each finding (Maester's
// `CIS.M365.x` -> CIS x, `CISA.x` -> CISA-SCuBA x, `EIDSCA.x` -> EIDSCA x; ScubaGear's policy id ->
// CISA-SCuBA; the toolkit's ControlId -> CIS), matched against the catalogue's references.

/** Runs we evaluated ourselves; every other source is a third party's report. */
export const evaluatedSources: readonly RunSource[] = ['graph'];

export function isEvaluatedRun(run: Pick<AuditRun, 'source'>): boolean {
  return evaluatedSources.includes(run.source);
}

/** The frameworks whose ids name a control (MITRE techniques name attacks, many controls share one). */
const pairingFrameworks = new Set<FindingReference['framework']>(['CIS', 'CISA-SCuBA', 'EIDSCA']);

/**
 * One control both runs reached. `agree`: both gave the same verdict; `disagree`: one says it
 * passes, the other that it does not; `not_compared`: one side gave no verdict (manual, skipped,
 * error, not applicable), said in `reason`.
 */
export interface ComparedControl {
  /** Our control id (the evaluated run's finding). */
  id: string;
  /** The report's id for it (a Maester test, a ScubaGear policy, the toolkit's ControlId). */
  theirId: string;
  /** The reference both carry, e.g. `CISA-SCuBA MS.AAD.5.1v1`. */
  via: string;
  ours: FindingStatus;
  theirs: FindingStatus;
  outcome: 'agree' | 'disagree' | 'not_compared';
  reason?: string;
}

export interface SourceComparison {
  importedRunId: string;
  importedSource: RunSource;
  evaluatedRunId: string;
  counts: { paired: number; agree: number; disagree: number; notCompared: number };
  /** Every pair, in the evaluated run's control order. */
  controls: ComparedControl[];
  /**
   * Set when the report's CIS ids are of another benchmark version than ours: the same number may
   * name a renumbered recommendation, so a CIS pairing is only as good as that version's numbering.
   */
  cisVersions?: { theirs: string; ours: string };
}

/** pass, or "not met" (fail; warning is a failed SHOULD or a result to investigate): the verdicts. */
function verdict(status: FindingStatus): 'pass' | 'not_met' | undefined {
  if (status === 'pass') return 'pass';
  if (status === 'fail' || status === 'warning') return 'not_met';
  return undefined;
}

/**
 * A reference as a pairing key. CISA policy ids carry a policy version (`MS.AAD.1.1v1` in
 * ScubaGear and the catalogue) that Maester's ids leave out (`CISA.MS.AAD.1.1`): the same policy,
 * so the suffix is dropped. CIS and EIDSCA ids are compared as written (case aside).
 */
function key(ref: FindingReference): string | undefined {
  if (!pairingFrameworks.has(ref.framework)) return undefined;
  const id = ref.framework === 'CISA-SCuBA' ? ref.id.replace(/v\d+$/i, '') : ref.id;
  return `${ref.framework} ${id.toUpperCase()}`;
}

function label(ref: FindingReference): string {
  return `${ref.framework} ${ref.id}`;
}

function notComparedReason(ours: FindingStatus, theirs: FindingStatus): string {
  const sides = [
    verdict(ours) ? undefined : `ours is ${ours}`,
    verdict(theirs) ? undefined : `the report's is ${theirs}`,
  ].filter(Boolean);
  return `No verdict to compare: ${sides.join(', ')}.`;
}

/** Whether two runs are of one tenant: the same tenant id, or a run that names none (taken as the store's tenant). */
export function sameTenant(a: Pick<AuditRun, 'tenantId'>, b: Pick<AuditRun, 'tenantId'>): boolean {
  if (!a.tenantId || !b.tenantId) return true;
  return a.tenantId.toLowerCase() === b.tenantId.toLowerCase();
}

function cisVersion(findings: readonly Finding[]): string | undefined {
  for (const f of findings)
    for (const r of f.references) if (r.framework === 'CIS' && r.version) return r.version.replace(/^v/i, '');
  return undefined;
}

/** The report's statuses beside ours, control by control, for the controls both reach. */
export function compareSources(imported: AuditRun, evaluated: AuditRun): SourceComparison {
  const theirsByKey = new Map<string, { finding: Finding; ref: FindingReference }[]>();
  for (const { finding } of imported.results) {
    for (const ref of finding.references) {
      const k = key(ref);
      if (!k) continue;
      const list = theirsByKey.get(k) ?? [];
      // A report that names one reference twice in one finding still pairs once.
      if (!list.some((e) => e.finding === finding)) list.push({ finding, ref });
      theirsByKey.set(k, list);
    }
  }
  const controls: ComparedControl[] = [];
  for (const { finding: ours } of evaluated.results) {
    // One of our controls may meet several of the report's results (Maester checks 5.1.2.2 as a
    // CIS test, a CISA test and an EIDSCA test); each is its own pair, each report result once.
    const seen = new Set<Finding>();
    for (const ref of ours.references) {
      const k = key(ref);
      if (!k) continue;
      for (const { finding: theirs, ref: theirRef } of theirsByKey.get(k) ?? []) {
        if (seen.has(theirs)) continue;
        seen.add(theirs);
        const a = verdict(ours.status);
        const b = verdict(theirs.status);
        const outcome = !a || !b ? 'not_compared' : a === b ? 'agree' : 'disagree';
        controls.push({
          id: ours.id,
          theirId: theirs.id,
          via: label(theirRef),
          ours: ours.status,
          theirs: theirs.status,
          outcome,
          ...(outcome === 'not_compared' ? { reason: notComparedReason(ours.status, theirs.status) } : {}),
        });
      }
    }
  }
  const count = (o: ComparedControl['outcome']) => controls.filter((c) => c.outcome === o).length;
  const theirCis = cisVersion(imported.results.map((r) => r.finding));
  const ourCis = cisVersion(evaluated.results.map((r) => r.finding));
  const cisPaired = controls.some((c) => c.via.startsWith('CIS '));
  return {
    importedRunId: imported.id,
    importedSource: imported.source,
    evaluatedRunId: evaluated.id,
    counts: {
      paired: controls.length,
      agree: count('agree'),
      disagree: count('disagree'),
      notCompared: count('not_compared'),
    },
    controls,
    ...(cisPaired && theirCis && ourCis && theirCis !== ourCis
      ? { cisVersions: { theirs: theirCis, ours: ourCis } }
      : {}),
  };
}
