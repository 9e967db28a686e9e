import { z } from 'zod';

// settings.worker in the config file: how tenant audits are queued, retried and shared out. Every
// worker and every `enqueue` of one installation should read the same file: the queue's retry and
// expiry options are written by whoever starts last, and the per-tenant bound is each worker's own.

export const workerSettingsSchema = z
  .object({
    /** At most this many workers audit one tenant at once, across every machine (pg-boss group concurrency). */
    tenantConcurrency: z.number().int().min(1).max(20).optional(),
    /** Retries of a failed audit before it goes to the dead letter queue. */
    retryLimit: z.number().int().min(0).max(20).optional(),
    /** First retry delay; each retry waits about twice as long (exponential backoff with jitter). */
    retryDelaySeconds: z.number().int().min(1).max(86_400).optional(),
    retryDelayMaxSeconds: z.number().int().min(1).max(86_400).optional(),
    /** The longest one audit may run before its job is failed and retried. */
    expireInSeconds: z.number().int().min(10).max(86_400).optional(),
    /**
     * A running audit's worker proves it is alive this often; a worker silent for this long (killed,
     * cut off) loses the job to another. pg-boss's minimum is 10.
     */
    heartbeatSeconds: z.number().int().min(10).max(3_600).optional(),
    /** How often lost jobs (expired, silent heartbeat) are looked for. */
    superviseIntervalSeconds: z.number().int().min(1).max(3_600).optional(),
    /** How often an idle worker asks for a job. */
    pollingIntervalSeconds: z.number().min(0.5).max(300).optional(),
    /** On SIGTERM, how long the current audit may take to finish before it is handed back. */
    stopGraceSeconds: z.number().int().min(1).max(3_600).optional(),
  })
  .strict();
export type WorkerSettings = z.infer<typeof workerSettingsSchema>;

export type ResolvedWorkerSettings = Required<WorkerSettings>;

export const defaultWorkerSettings: ResolvedWorkerSettings = {
  tenantConcurrency: 1,
  retryLimit: 3,
  retryDelaySeconds: 60,
  retryDelayMaxSeconds: 3_600,
  expireInSeconds: 3_600,
  heartbeatSeconds: 60,
  superviseIntervalSeconds: 30,
  pollingIntervalSeconds: 2,
  stopGraceSeconds: 25,
};

/** settings.worker of a loaded config, with defaults; a bad field is an error naming it. */
export function workerSettings(settings: Record<string, unknown>): ResolvedWorkerSettings {
  const parsed = workerSettingsSchema.safeParse(settings.worker ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `settings.worker.${i.path.join('.')}: ${i.message}`);
    throw new Error(`the configuration is invalid: ${problems.join('; ')}`);
  }
  return { ...defaultWorkerSettings, ...parsed.data };
}
