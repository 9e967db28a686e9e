// What the audit line says of a cancelled call. The read path is driven end to end through a real
// client in call-envelope.test.ts; a write that reached Graph before the cancel is pinned here.
import { describe, expect, it } from 'vitest';
import { cancelledOutcome } from '../src/server/cancelled-outcome.js';

const result = { content: [{ type: 'text' as const, text: 'done' }] };

describe('cancelledOutcome', () => {
  it('a call that changed nothing is cancelled, whatever its body made of it', () => {
    expect(cancelledOutcome({ result, outcome: 'planned', detail: { planId: 'p1' } }, 'stop')).toEqual({
      result,
      outcome: 'cancelled',
      detail: { kind: 'cancelled', reason: 'stop', bodyOutcome: 'planned', bodyDetail: { planId: 'p1' } },
    });
  });

  it('a write that reached Graph keeps its outcome: the change happened', () => {
    const applied = { result, outcome: 'applied' as const, detail: { planId: 'p1' }, changedTenant: true };
    expect(cancelledOutcome(applied, 'stop')).toEqual({
      ...applied,
      detail: { planId: 'p1', cancelledByClient: true },
    });
    const partial = { result, outcome: 'error' as const, detail: { applied: [{}] }, changedTenant: true };
    expect(cancelledOutcome(partial, undefined).outcome).toBe('error');
  });

  it('records the abort reason bounded; a closed connection gives the abort error message', () => {
    const long = cancelledOutcome({ result, outcome: 'ok' }, 'x'.repeat(5000));
    expect((long.detail as { reason: string }).reason).toHaveLength(200);
    const closed = cancelledOutcome(
      { result, outcome: 'ok' },
      new DOMException('This operation was aborted', 'AbortError'),
    );
    expect(closed.detail).toMatchObject({ reason: 'This operation was aborted' });
  });
});
