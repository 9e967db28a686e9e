// One write at a time per process. A guardrail reads the tenant and decides ("another Global
// Administrator stays enabled"); two applies that read at the same moment could each pass a check
// only one of them may pass. Serialising re-check + send makes every check see the effect of the
// write before it. (Writes from another process are not covered; see the README's write gate.)
let tail: Promise<unknown> = Promise.resolve();

/** Runs `work` after every write queued before it has finished (failed or not). */
export function serializeWrite<T>(work: () => Promise<T>): Promise<T> {
  const run = tail.then(work, work);
  tail = run.catch(() => undefined);
  return run;
}
