import {
  type FindingSeverity,
  type FindingStatus,
  findingSeverities,
  findingStatuses,
} from '@m365-mcp/graph-core';
import { coverageOf, type RunCoverage } from './coverage.js';
import type { AuditRun } from './run.js';

export interface RunSummary {
  controls: number;
  /** Controls with a pass or fail verdict (warning counts as a failure to meet the control). */
  evaluated: number;
  byStatus: Record<FindingStatus, number>;
  /** Pass rate (0-100) of evaluated controls, by chapter ("1", "5", ...) and by level. */
  passRateBySection: Record<string, number>;
  passRateByLevel: Record<string, number>;
  failuresBySeverity: Record<FindingSeverity, number>;
  /** What the run looked at: evaluated / manual / skipped / error, in all and by chapter. */
  coverage: RunCoverage;
}

function rate(pass: number, total: number): number {
  return total === 0 ? 0 : Math.round((pass / total) * 1000) / 10;
}

export function summarizeRun(run: AuditRun): RunSummary {
  const byStatus = Object.fromEntries(findingStatuses.map((s) => [s, 0])) as Record<FindingStatus, number>;
  const failuresBySeverity = Object.fromEntries(findingSeverities.map((s) => [s, 0])) as Record<
    FindingSeverity,
    number
  >;
  const sections = new Map<string, { pass: number; total: number }>();
  const levels = new Map<string, { pass: number; total: number }>();
  for (const r of run.results) {
    const status = r.finding.status;
    byStatus[status] += 1;
    if (status === 'fail' || status === 'warning') failuresBySeverity[r.finding.severity] += 1;
    if (status !== 'pass' && status !== 'fail' && status !== 'warning') continue;
    const chapter = r.section.split('.')[0] ?? r.section;
    for (const [map, key] of [
      [sections, chapter],
      [levels, r.level ?? 'unknown'],
    ] as const) {
      const entry = map.get(key) ?? { pass: 0, total: 0 };
      entry.total += 1;
      if (status === 'pass') entry.pass += 1;
      map.set(key, entry);
    }
  }
  const toRates = (m: Map<string, { pass: number; total: number }>) =>
    Object.fromEntries(
      [...m]
        .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
        .map(([k, v]) => [k, rate(v.pass, v.total)]),
    );
  return {
    controls: run.results.length,
    evaluated: byStatus.pass + byStatus.fail + byStatus.warning,
    byStatus,
    passRateBySection: toRates(sections),
    passRateByLevel: toRates(levels),
    failuresBySeverity,
    coverage: coverageOf(run.results),
  };
}
