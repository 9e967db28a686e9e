// Per-request instructions from GraphClient to the scheduling middleware, carried through
// graph-client's middleware options, and what the middleware reports back.
import type { MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import type { Workload } from '../workload.js';

export interface RequestControlInit {
  method: string;
  /** Path relative to the version, without the query. */
  path: string;
  workload: Workload;
  /** Safe to send again after a dropped connection or a malformed body (GET, or a read-only $batch). */
  retryOnDrop: boolean;
  /** Read and parse a 2xx body as JSON inside the retry loop, so a malformed body can be retried. */
  expectJson: boolean;
  signal: AbortSignal | undefined;
  /**
   * Throttling announced inside a 2xx body ($batch sub-responses): the workloads to pause and for
   * how long, applied before the request's slot frees like a 429 on the request itself.
   */
  pausesInBody?: ((body: unknown, now: number) => readonly WorkloadPause[]) | undefined;
}

export interface WorkloadPause {
  workload: Workload;
  ms: number;
}

export class RequestControl implements MiddlewareOptions {
  /** The typed error the middleware gave up with; graph-client would otherwise wrap it. */
  failure: unknown;
  /** The parsed body of the final 2xx response, when `expectJson`. */
  json: unknown;
  /** Retry-After of the final response in ms, when it sent one. */
  retryAfterMs: number | undefined;
  attempts = 0;

  constructor(readonly init: RequestControlInit) {}
}
