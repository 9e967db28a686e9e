import { type AuditRun, catalogue, summarizeRun } from '@m365-mcp/cis-bridge';
import type { TenantRuns } from '../store/tenant-runs.js';

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

/** Over the call's tenant's runs (all stored runs without a tenants registry). */
export async function passRateTrend(runs: TenantRuns): Promise<{ date: string; value: number }[]> {
  const lastRunOfDay = new Map<string, string>();
  for (const info of await runs.list({ limit: RUNS_LISTED })) {
    if (info.source !== 'graph' || info.controls !== catalogue.length) continue;
    const day = info.startedAt.slice(0, 10);
    // The list is newest first: the first run seen for a day is its last.
    if (!lastRunOfDay.has(day)) lastRunOfDay.set(day, info.id);
    if (lastRunOfDay.size === DAYS) break;
  }
  const points = await Promise.all(
    [...lastRunOfDay].map(async ([date, id]) => {
      const run = await runs.get(id);
      return run ? [{ date, value: passRate(run) }] : [];
    }),
  );
  return points.flat().sort((a, b) => a.date.localeCompare(b.date));
}
