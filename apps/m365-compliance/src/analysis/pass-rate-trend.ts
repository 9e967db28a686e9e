import { type AuditRun, catalogue, type RunStore, summarizeRun } from '@m365-mcp/cis-bridge';

// The CIS pass rate over the stored Graph runs of the whole catalogue, one point a day (that day's
// last run), for posture's trend chart. Filtered runs are left out: they would not be comparable.

const DAYS = 30;
// Runs looked at to find DAYS distinct days (a monitor may store many runs a day).
const RUNS_LISTED = 1_000;

/** Percentage of evaluated controls that pass (a warning does not meet its control). */
export function passRate(run: AuditRun): number {
  const { evaluated, byStatus } = summarizeRun(run);
  return evaluated === 0 ? 0 : Math.round((byStatus.pass / evaluated) * 1000) / 10;
}

export function passRateTrend(store: RunStore): { date: string; value: number }[] {
  const lastRunOfDay = new Map<string, string>();
  for (const info of store.list(RUNS_LISTED)) {
    if (info.source !== 'graph' || info.controls !== catalogue.length) continue;
    const day = info.startedAt.slice(0, 10);
    // The list is newest first: the first run seen for a day is its last.
    if (!lastRunOfDay.has(day)) lastRunOfDay.set(day, info.id);
    if (lastRunOfDay.size === DAYS) break;
  }
  return [...lastRunOfDay]
    .flatMap(([date, id]) => {
      const run = store.get(id);
      return run ? [{ date, value: passRate(run) }] : [];
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}
