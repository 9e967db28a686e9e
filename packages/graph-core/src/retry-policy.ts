// How long to wait before trying again: Graph's Retry-After when it sends one, otherwise
// exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"),
// which spreads retries of many clients instead of synchronising them.

/** Statuses Graph uses for "slow down / try again": throttled, unavailable, gateway timeout. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/**
 * Retry-After in milliseconds: delta-seconds or an HTTP-date (RFC 9110 10.2.3). Undefined when
 * absent or unreadable, so the caller falls back to backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random: () => number;
}

/** Full jitter: uniform in [0, min(cap, base * 2^attempt)), attempt counting from 0. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  return Math.floor(options.random() * ceiling);
}

/** Methods that may be sent twice without changing the outcome (RFC 9110 9.2.2). */
export function isIdempotentMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'GET' || upper === 'HEAD' || upper === 'PUT' || upper === 'DELETE' || upper === 'OPTIONS';
}
