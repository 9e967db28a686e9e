import { z } from 'zod';
import type { SecureScorePoint, SecureScoreSummary } from './run.js';

// The Secure Score history a Graph audit reads once (`/security/secureScores?$top=90`): the run
// keeps a small summary of all days, and drift compares the latest day's control states.

// Only what the summary needs; a row without these is left out rather than failing the run.
const scoreRowSchema = z.object({
  createdDateTime: z.string().min(10),
  currentScore: z.number().finite().nonnegative(),
  maxScore: z.number().finite().positive(),
});

const createdAt = (row: unknown): string => {
  const value = typeof row === 'object' && row !== null ? Reflect.get(row, 'createdDateTime') : undefined;
  return typeof value === 'string' ? value : '';
};

/**
 * The rows newest first. Graph documents newest first but does not promise it, and drift reads
 * the first row as "today".
 */
export function newestFirst(rows: readonly unknown[]): unknown[] {
  return [...rows].sort((a, b) => createdAt(b).localeCompare(createdAt(a)));
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The summary of the rows read, or undefined when none is a usable score. */
export function summarizeSecureScores(rows: readonly unknown[]): SecureScoreSummary | undefined {
  const parsed = rows.flatMap((row) => {
    const result = scoreRowSchema.safeParse(row);
    return result.success ? [result.data] : [];
  });
  // One point a day: should Graph ever return two rows for a day, the later one counts.
  const byDay = new Map<string, z.infer<typeof scoreRowSchema>>();
  for (const row of parsed.sort((a, b) => a.createdDateTime.localeCompare(b.createdDateTime))) {
    byDay.set(row.createdDateTime.slice(0, 10), row);
  }
  const series: SecureScorePoint[] = [...byDay].map(([date, row]) => ({
    date,
    score: round2(row.currentScore),
    max: round2(row.maxScore),
  }));
  const latest = [...byDay.values()].at(-1);
  if (!latest) return undefined;
  return {
    current: round2(latest.currentScore),
    max: round2(latest.maxScore),
    percentage: round1((latest.currentScore / latest.maxScore) * 100),
    asOf: latest.createdDateTime,
    series,
  };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** "-18 points (-2.6 pp) since 2026-08-29", or "no history yet" with a single day. */
export function secureScoreChange(score: SecureScoreSummary): string {
  const first = score.series[0];
  if (!first || score.series.length < 2) return 'no history yet';
  const points = round1(score.current - first.score);
  const percentagePoints = round1(score.percentage - (first.score / first.max) * 100);
  return `${signed(points)} points (${signed(percentagePoints)} pp) since ${first.date}`;
}
