import { collectRequestIds, type GraphClient } from '@m365-mcp/graph-core';
import { describeError } from '../tools/error-result.js';
import { sendPlannedRequest } from './send-planned-request.js';
import type { PlannedRequest, WritePlan } from './write-plan.js';

export interface ApplyReport {
  applied: { method: PlannedRequest['method']; path: string; requestId?: string }[];
  failed?: { method: PlannedRequest['method']; path: string; error: string };
  notApplied: { method: PlannedRequest['method']; path: string }[];
}

/** Sends the planned requests in order and stops at the first failure (or cancellation). */
export async function applyPlan(
  graph: GraphClient,
  requests: readonly PlannedRequest[],
  options: {
    server: string;
    signal: AbortSignal;
    progress: (done: number, total: number) => Promise<void>;
    onInternalError: (errorId: string, error: unknown) => void;
  },
): Promise<ApplyReport> {
  const report: ApplyReport = { applied: [], notApplied: [] };
  for (const [index, request] of requests.entries()) {
    const where = { method: request.method, path: request.path };
    if (report.failed) {
      report.notApplied.push(where);
      continue;
    }
    if (options.signal.aborted) {
      report.failed = {
        ...where,
        error: 'The call was cancelled by the client before this request was sent.',
      };
      continue;
    }
    try {
      const { requestIds } = await collectRequestIds(() => sendPlannedRequest(graph, request));
      const requestId = requestIds.at(-1);
      report.applied.push(requestId ? { ...where, requestId } : where);
    } catch (error) {
      const described = describeError(error, options.server);
      if (described.internal) options.onInternalError(described.internal.errorId, error);
      report.failed = { ...where, error: described.message };
    }
    await options.progress(index + 1, requests.length);
  }
  return report;
}

/** How an applied plan went, in one status and one sentence (the same for every caller of the gate). */
export function describeApply(
  plan: WritePlan,
  report: ApplyReport,
): { status: 'applied' | 'partially_applied' | 'failed'; message: string } {
  const total = plan.requests.length;
  if (!report.failed) {
    return {
      status: 'applied',
      message: `Applied: ${plan.summary} (${total} of ${total} Graph requests succeeded).${
        plan.undo ? ` To undo: ${plan.undo}` : ''
      }`,
    };
  }
  const notSent =
    report.notApplied.length > 0
      ? ` Not sent: ${report.notApplied.map((r) => `${r.method} ${r.path}`).join('; ')}.`
      : '';
  return {
    status: report.applied.length > 0 ? 'partially_applied' : 'failed',
    message: `${report.applied.length} of ${total} requests applied; ${report.failed.method} ${report.failed.path} failed: ${report.failed.error}${notSent}`,
  };
}
