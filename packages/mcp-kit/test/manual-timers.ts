// Timers that fire only when the test moves time on, so no outcome depends on how fast or
// loaded the machine is.
import type { Timers } from '../src/http/index.js';

export interface ManualTimers extends Timers {
  /** Timers started and neither fired nor cancelled yet. */
  readonly pending: number;
  /** Moves time on by `ms`, firing in order every timer due by then (and any they start). */
  advance(ms: number): void;
  /** Resolves once exactly `count` timers are pending: starting and cancelling are the events. */
  untilPending(count: number): Promise<void>;
}

export function manualTimers(): ManualTimers {
  let now = 0;
  let order = 0;
  const timers = new Set<{ at: number; order: number; fire: () => void }>();
  let waiters: (() => void)[] = [];
  const changed = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  return {
    after(ms, fire) {
      const timer = { at: now + Math.max(0, ms), order: order++, fire };
      timers.add(timer);
      changed();
      return () => {
        if (timers.delete(timer)) changed();
      };
    },
    get pending() {
      return timers.size;
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        const [next] = [...timers]
          .filter((timer) => timer.at <= target)
          .sort((a, b) => a.at - b.at || a.order - b.order);
        if (!next) break;
        timers.delete(next);
        now = next.at;
        changed();
        next.fire();
      }
      now = target;
    },
    async untilPending(count) {
      while (timers.size !== count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
