import { createHash } from 'node:crypto';

// A tenant's audit interval as a cron expression for pg-boss's schedules. Cron can only repeat
// evenly on intervals that divide the next unit, so those are what is accepted: minutes dividing an
// hour, hours dividing a day, one day, one week. Each tenant gets its own phase inside the interval
// (from a hash of its id, so a re-sync keeps it): a portfolio's audits are spread out, not all fired
// in the same minute.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export class ScheduleIntervalError extends Error {
  override readonly name = 'ScheduleIntervalError';
}

/** A stable number in [0, modulo) for `seed`. */
function phase(seed: string, modulo: number): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) % modulo;
}

/** The cron expression (UTC) auditing `seed`'s tenant every `everyMs`. */
export function cronForInterval(everyMs: number, seed: string): string {
  if (!Number.isInteger(everyMs) || everyMs < MINUTE || everyMs % MINUTE !== 0)
    throw new ScheduleIntervalError(
      `a schedule's interval is whole minutes, at least 1 minute (got ${everyMs} ms): cron fires on minutes.`,
    );
  const minutes = everyMs / MINUTE;
  if (everyMs < HOUR && 60 % minutes === 0) {
    if (minutes === 1) return '* * * * *';
    return `${phase(seed, minutes)}-59/${minutes} * * * *`;
  }
  if (everyMs < DAY && everyMs % HOUR === 0 && 24 % (everyMs / HOUR) === 0) {
    const hours = everyMs / HOUR;
    const at = phase(seed, minutes);
    const hour = Math.floor(at / 60);
    return hours === 1 ? `${at % 60} * * * *` : `${at % 60} ${hour}-23/${hours} * * *`;
  }
  if (everyMs === DAY) {
    const at = phase(seed, minutes);
    return `${at % 60} ${Math.floor(at / 60)} * * *`;
  }
  if (everyMs === WEEK) {
    const at = phase(seed, minutes);
    return `${at % 60} ${Math.floor(at / 60) % 24} * * ${Math.floor(at / (24 * 60))}`;
  }
  throw new ScheduleIntervalError(
    `an interval of ${minutes} minutes cannot be a cron schedule that repeats evenly: use minutes that divide an hour (1, 2, 5, 10, 15, 30, ...), hours that divide a day (1, 2, 3, 4, 6, 8, 12), 1d or 7d.`,
  );
}
