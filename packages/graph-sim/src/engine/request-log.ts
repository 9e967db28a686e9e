// Every HTTP request the simulator receives (and every $batch sub-request) is recorded, so that a
// test can prove what a client did: that it waited for Retry-After, batched, or never asked for a
// permission it did not need. Times come from the simulator's clock, never from the test's.
import type { GraphVersion, HttpMethod, Workload } from './route.js';

export interface RequestLogEntry {
  /** Arrival order; a $batch sub-request has its own seq, after the outer request's. */
  seq: number;
  /** Arrival time, epoch milliseconds (fractional). */
  time: number;
  /**
   * Which side of the simulator answered (`download`: a pre-authenticated file download URL; an
   * admin API beyond Graph: its service name).
   */
  side: 'graph' | 'entra' | 'download' | 'exchange' | 'compliance' | 'teams' | 'fabric' | 'sharepointAdmin';
  method: HttpMethod | string;
  /** Path and query as received (for a $batch sub-request: its `url`). */
  url: string;
  /** Graph version, null elsewhere. */
  version: GraphVersion | null;
  /** Path without the version (Graph) or the full path (Entra, admin APIs: prefix included). */
  path: string;
  /** Query parameters, decoded. */
  query: Record<string, string>;
  /** Request headers with lower-case names; `authorization` is redacted. */
  headers: Record<string, string>;
  /** The calling app (from the token on the Graph side, from `client_id` on the Entra side). */
  clientId: string | undefined;
  /**
   * The hosted tenant the request was for: the tenant of its verified token (Graph, admin APIs), the
   * tenant its path named (Entra), the tenant of the file (download); undefined when none was
   * established (no valid token, an unknown tenant).
   */
  tenantId: string | undefined;
  /** The signed-in user of a delegated Graph request (its token's `oid`), or of an Entra user flow. */
  userId?: string;
  /** That user's UPN, when the token carried one. */
  userPrincipalName?: string | undefined;
  /** HTTP status sent; 0 when the connection was dropped without a response. */
  status: number;
  workload: Workload | null;
  /** Resource units the request cost against its workload's budget (null when no route matched). */
  resourceUnits: number | null;
  /** The Retry-After sent, in seconds, or null when none was sent. */
  retryAfter: number | null;
  /** Answered 429 by the throttling model (not by a scripted fault). */
  throttled: boolean;
  /** The client came back before the Retry-After it had been given for this workload had passed. */
  earlyRetry: boolean;
  /** The scripted or random fault applied, if any. */
  fault: FaultKind | undefined;
  /** Set on $batch sub-requests: the outer request's seq and the sub-request's id. */
  batch: { seq: number; id: string } | undefined;
  /**
   * Time from arrival to the response being ready (the simulator's `latencyMs` included), so
   * [time, time + durationMs] is the interval the request was in flight: the base of concurrency counts.
   */
  durationMs: number;
  /** Bytes of the response body sent (a $batch's outer entry counts its whole body). */
  responseBytes: number;
  /** The cmdlet an Exchange Online or Security & Compliance InvokeCommand request named. */
  cmdlet?: string;
}

export type FaultKind = 'status' | 'delay' | 'drop' | 'malformed' | 'nextLinkLoop';

export interface RequestLog {
  /** Entries ordered by seq. */
  all(): readonly RequestLogEntry[];
  clear(): void;
}

export class InMemoryRequestLog implements RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;

  /** Sequence numbers keep increasing across clear(), so they stay unique within a simulator. */
  allocateSeq(): number {
    return this.nextSeq++;
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  all(): readonly RequestLogEntry[] {
    return [...this.entries].sort((a, b) => a.seq - b.seq);
  }

  clear(): void {
    this.entries = [];
  }
}

const REDACTED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** Lower-case header names, secrets redacted (a bearer token is a credential). */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!REDACTED_HEADERS.has(lower)) {
      out[lower] = value;
    } else if (lower === 'authorization' && /^bearer\s/i.test(value)) {
      out[lower] = 'Bearer <redacted>';
    } else {
      out[lower] = '<redacted>';
    }
  }
  return out;
}

export function queryRecord(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = value;
  return out;
}

export function now(): number {
  return performance.timeOrigin + performance.now();
}
