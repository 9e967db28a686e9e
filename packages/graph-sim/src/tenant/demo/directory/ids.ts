// Deterministic ids for demo and generated directory objects: the same name always gives the same
// GUID (a name-based, version 5 style UUID), so tests and docs can rely on them across runs.
import { createHash } from 'node:crypto';

export function stableId(name: string): string {
  const hex = createHash('sha1').update(`graph-sim/directory/${name}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

const DAY_MS = 86_400_000;

/** An ISO date `days` before `now` (fractional days allowed; negative = in the future). */
export function daysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

export function hoursAgo(now: Date, hours: number): string {
  return new Date(now.getTime() - hours * 3_600_000).toISOString();
}
