// Timers, injectable so tests of idle sessions and shutdown move time themselves instead of
// waiting on the machine's clock; servers use the real ones. (graph-core's Clock suits sleeping
// callers; an idle timer needs a callback that can be cancelled and must not hold the process.)

export interface Timers {
  /**
   * Calls `fire` once, `ms` from now, unless the returned function cancels it first. With
   * `unref`, the pending timer alone does not keep the process alive.
   */
  after(ms: number, fire: () => void, options?: { unref?: boolean }): () => void;
}

export const systemTimers: Timers = {
  after(ms, fire, options = {}) {
    const timer = setTimeout(fire, ms);
    if (options.unref) timer.unref();
    return () => clearTimeout(timer);
  },
};
