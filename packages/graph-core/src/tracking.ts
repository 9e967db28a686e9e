// Which Graph request-ids an operation caused, for the audit log: every response (retries and
// $batch sub-responses included) reports here, and whoever runs the operation inside
// collectRequestIds gets them back without threading a collector through every call.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AdminService } from './services/admin-service.js';
import type { Workload } from './workload.js';

/** One HTTP response (or $batch sub-response) from Graph or an admin API, for logging and metrics. */
export interface GraphResponseInfo {
  method: string;
  /** Path relative to the version, without the query (`/users`), so no filter values leak into logs. */
  path: string;
  status: number;
  requestId: string | undefined;
  durationMs: number;
  workload: Workload;
  /** 0 for the first try, n for the n-th retry. */
  attempt: number;
  /** The $batch sub-request id, for sub-responses. */
  batchId?: string | undefined;
  /** For an admin API beyond Graph: which one (then `path` is relative to its base URL). */
  service?: AdminService | undefined;
  /** For Exchange Online and Security & Compliance: the cmdlet an InvokeCommand ran. */
  cmdlet?: string | undefined;
}

interface Collector {
  readonly requestIds: string[];
  readonly parent: Collector | undefined;
}

const storage = new AsyncLocalStorage<Collector>();

/** Runs `fn` and returns the request-ids of every Graph response it caused, in arrival order. */
export async function collectRequestIds<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; requestIds: string[] }> {
  const collector: Collector = { requestIds: [], parent: storage.getStore() };
  const result = await storage.run(collector, fn);
  return { result, requestIds: collector.requestIds };
}

/** Called for every response; nested collectors all see it. */
export function recordRequestId(requestId: string | undefined): void {
  if (requestId === undefined || requestId === '') return;
  for (let collector = storage.getStore(); collector !== undefined; collector = collector.parent) {
    collector.requestIds.push(requestId);
  }
}
