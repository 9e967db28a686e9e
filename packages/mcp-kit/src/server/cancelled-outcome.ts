import type { CallOutcome } from './call-outcome.js';

/** What the audit line says of a call the client cancelled (notifications/cancelled). */
export function cancelledOutcome(call: CallOutcome, reason: unknown): CallOutcome {
  // The client's words (notifications/cancelled), or the abort's own when the connection closed.
  const text = typeof reason === 'string' ? reason : reason instanceof Error ? reason.message : undefined;
  const why = text?.slice(0, 200);
  // A write that reached Graph keeps its outcome: the change happened, cancelled or not.
  if (call.changedTenant) {
    const detail = typeof call.detail === 'object' && call.detail !== null ? call.detail : {};
    return { ...call, detail: { ...detail, cancelledByClient: true } };
  }
  return {
    ...call,
    outcome: 'cancelled',
    detail: {
      kind: 'cancelled',
      ...(why ? { reason: why } : {}),
      // What the body made of it (it may have finished anyway): kept, but not the outcome.
      bodyOutcome: call.outcome,
      ...(call.detail === undefined ? {} : { bodyDetail: call.detail }),
    },
  };
}
