// `--interval` values: one whole number and one unit, nothing else ("30s", "15m", "1h", "1d";
// "ms" for tests and tight loops). Anything looser is refused, so a typo never becomes a surprise.

const UNITS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PATTERN = /^([1-9]\d{0,8})(ms|s|m|h|d)$/;
/** Longer intervals than this are almost surely mistakes (and overflow timers). */
export const MAX_INTERVAL_MS = 30 * UNITS.d;
/** Shorter intervals would hammer Graph. */
export const MIN_INTERVAL_MS = 100;

export class DurationError extends Error {
  override readonly name = 'DurationError';
}

export function parseDuration(text: string): number {
  const match = PATTERN.exec(text.trim());
  if (!match?.[1] || !match[2])
    throw new DurationError(
      `"${text}" is not a duration: use a whole number and a unit, e.g. 30s, 15m, 1h, 1d.`,
    );
  const ms = Number(match[1]) * UNITS[match[2] as keyof typeof UNITS];
  if (ms < MIN_INTERVAL_MS || ms > MAX_INTERVAL_MS)
    throw new DurationError(`"${text}" is out of range: between ${MIN_INTERVAL_MS} ms and 30 days.`);
  return ms;
}
