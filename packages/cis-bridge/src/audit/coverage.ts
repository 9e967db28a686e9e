import type { FindingStatus } from '@m365-mcp/graph-core';
import type { ControlResult } from './run.js';

// What a run looked at: each control's result is evaluated (a verdict: pass, fail, warning, not
// applicable), manual (not read here; listed with where to read it), skipped (not licensed, not
// permitted, no DNS resolver) or error (the read failed), counted per CIS chapter.

export interface CoverageCounts {
  evaluated: number;
  manual: number;
  skipped: number;
  error: number;
}

export interface RunCoverage extends CoverageCounts {
  /** By chapter ("1", "5", ...), numerically ordered. */
  bySection: Record<string, CoverageCounts>;
}

const kindOf: Record<FindingStatus, keyof CoverageCounts> = {
  pass: 'evaluated',
  fail: 'evaluated',
  warning: 'evaluated',
  not_applicable: 'evaluated',
  manual: 'manual',
  skipped: 'skipped',
  error: 'error',
};

const zero = (): CoverageCounts => ({ evaluated: 0, manual: 0, skipped: 0, error: 0 });

export function coverageOf(results: readonly ControlResult[]): RunCoverage {
  const total = zero();
  const sections = new Map<string, CoverageCounts>();
  for (const r of results) {
    const kind = kindOf[r.finding.status] ?? 'error';
    const chapter = r.section.split('.')[0] ?? r.section;
    const entry = sections.get(chapter) ?? zero();
    entry[kind] += 1;
    total[kind] += 1;
    sections.set(chapter, entry);
  }
  const bySection = Object.fromEntries(
    [...sections].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })),
  );
  return { ...total, bySection };
}

/** One line: "Coverage: 57 evaluated, 83 manual, 3 skipped, 0 error; by section 1 9/15, 2 4/21, …" (evaluated/all). */
export function coverageLine(coverage: RunCoverage): string {
  const parts = (['evaluated', 'manual', 'skipped', 'error'] as const)
    .filter((k) => k !== 'error' || coverage.error > 0)
    .map((k) => `${coverage[k]} ${k}`);
  const sections = Object.entries(coverage.bySection).map(([s, c]) => {
    const all = c.evaluated + c.manual + c.skipped + c.error;
    return `${s} ${c.evaluated}/${all}`;
  });
  return `Coverage: ${parts.join(', ')}; evaluated by section ${sections.join(', ')}`;
}
