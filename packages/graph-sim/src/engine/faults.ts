// Scripted faults, deterministic per test: "the 2nd and 3rd GET /users answer 429", "drop the
// connection once", "send a truncated body". Random faults (seeded) are for demos only.
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number | null; code?: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' }
  | { kind: 'malformed' }
  | { kind: 'nextLinkLoop' };

export interface FaultMatch {
  method?: string;
  /**
   * The version-less path (`/users`), or an admin API's full path with its prefix
   * (`/exchange/adminapi/beta/{tenant}/InvokeCommand`): equal ignoring case, or a RegExp tested against it.
   */
  path?: string | RegExp;
  /** true: only $batch sub-requests; false: only plain requests; absent: both. */
  inBatch?: boolean;
  /** Only this Graph version (absent: both), e.g. to fail a beta read while v1.0 answers. */
  version?: 'v1.0' | 'beta';
  /** Only InvokeCommand requests for this cmdlet (Exchange Online, Security & Compliance), any case. */
  cmdlet?: string;
}

/** The request a fault may apply to. */
export interface FaultTarget {
  method: string;
  /** Version-less path. */
  path: string;
  inBatch: boolean;
  /** Absent for requests outside a Graph version (`$batch` itself, file downloads, admin APIs). */
  version?: 'v1.0' | 'beta';
  /** The cmdlet of an InvokeCommand request. */
  cmdlet?: string;
}

export interface FaultRule {
  match?: FaultMatch;
  /** Matching requests to let through before the fault starts (default 0). */
  skip?: number;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  fault: Fault;
}

export interface RandomFaultOptions {
  /** Fraction of requests that fail, 0 to 1. */
  rate: number;
  seed: number;
  /** Statuses to draw from (default 429, 500, 502, 503, 504). */
  statuses?: readonly number[];
  /** Retry-After sent with 429 and 503 (default 1). */
  retryAfter?: number;
}

export interface FaultInjector {
  add(rule: FaultRule): void;
  random(options: RandomFaultOptions): void;
  clear(): void;
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  applied: number;
}

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same demo. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normalisePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.toLowerCase();
}

function matches(
  match: FaultMatch | undefined,
  { method, path, inBatch, version, cmdlet }: FaultTarget,
): boolean {
  if (!match) return true;
  if (match.cmdlet !== undefined && match.cmdlet.toLowerCase() !== cmdlet?.toLowerCase()) return false;
  if (match.method && match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (match.inBatch !== undefined && match.inBatch !== inBatch) return false;
  if (match.version !== undefined && match.version !== version) return false;
  if (match.path instanceof RegExp) {
    match.path.lastIndex = 0;
    return match.path.test(path);
  }
  if (typeof match.path === 'string') return normalisePath(match.path) === normalisePath(path);
  return true;
}

export class FaultSchedule implements FaultInjector {
  private rules: ActiveRule[] = [];
  private randomMode: { options: RandomFaultOptions; next: () => number } | undefined;

  add(rule: FaultRule): void {
    if ((rule.skip ?? 0) < 0 || (rule.times ?? 1) < 1)
      throw new Error('graph-sim: fault skip >= 0 and times >= 1');
    this.rules.push({ rule, seen: 0, applied: 0 });
  }

  random(options: RandomFaultOptions): void {
    if (!(options.rate >= 0 && options.rate <= 1))
      throw new Error('graph-sim: random fault rate must be 0..1');
    this.randomMode = { options, next: mulberry32(options.seed) };
  }

  clear(): void {
    this.rules = [];
    this.randomMode = undefined;
  }

  /** The fault for this request, if any; consumes it from its rule. */
  take(target: FaultTarget): Fault | undefined {
    const { path } = target;
    for (const active of this.rules) {
      const times = active.rule.times ?? 1;
      if (active.applied >= times) continue;
      if (!matches(active.rule.match, target)) continue;
      active.seen++;
      if (active.seen <= (active.rule.skip ?? 0)) continue;
      active.applied++;
      return active.rule.fault;
    }
    if (this.randomMode && path.toLowerCase() !== '/$batch') {
      const { options, next } = this.randomMode;
      if (next() < options.rate) {
        const statuses =
          options.statuses && options.statuses.length > 0 ? options.statuses : [429, 500, 502, 503, 504];
        const status = statuses[Math.floor(next() * statuses.length)] as number;
        return {
          kind: 'status',
          status,
          retryAfter: status === 429 || status === 503 ? (options.retryAfter ?? 1) : null,
        };
      }
    }
    return undefined;
  }
}

const STATUS_CODES: Record<number, [string, string]> = {
  400: ['badRequest', 'The request is malformed or incorrect.'],
  401: ['InvalidAuthenticationToken', 'Access token validation failure.'],
  403: ['accessDenied', 'The caller does not have permission to perform the action.'],
  404: ['itemNotFound', 'The resource could not be found.'],
  409: ['conflict', 'The current state conflicts with what the request expects.'],
  423: ['resourceLocked', 'The resource that is being accessed is locked.'],
  429: ['TooManyRequests', 'Too many requests. Please try again later.'],
  500: ['generalException', 'An unspecified error has occurred.'],
  501: ['notSupported', 'The requested feature is not implemented.'],
  502: ['BadGateway', 'The server received an invalid response from an upstream server.'],
  503: ['serviceNotAvailable', 'The service is temporarily unavailable. Please try again later.'],
  504: ['GatewayTimeout', 'The server did not receive a timely response from an upstream server.'],
  507: ['insufficientStorage', 'The maximum storage quota has been reached.'],
};

export function faultError(status: number, code?: string): { code: string; message: string } {
  const [defaultCode, message] = STATUS_CODES[status] ?? ['generalException', 'An error has occurred.'];
  return { code: code ?? defaultCode, message };
}

/** Retry-After for a scripted status fault: explicit value, none (null), or 1 s for 429 and 503. */
export function faultRetryAfter(fault: Extract<Fault, { kind: 'status' }>): number | null {
  if (fault.retryAfter !== undefined) return fault.retryAfter;
  return fault.status === 429 || fault.status === 503 ? 1 : null;
}
