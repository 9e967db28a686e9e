import type { AuditRun, RunSource } from '../audit/run.js';

// Where runs are kept, whatever keeps them: the embedded SQLite store (one machine, the default) or
// PostgreSQL (DATABASE_URL, @m365-mcp/postgres) when an MSP's workers share one store. Asynchronous
// because a database across the network is. Every query can be narrowed to one tenant: one store
// holds a whole portfolio, and a tenant's baseline or latest run never comes from another tenant.

/** A stored run's header: what lists show without reading its results. */
export interface StoredRunInfo {
  id: string;
  source: string;
  startedAt: string;
  finishedAt: string;
  tenantId?: string;
  label?: string;
  baseline: boolean;
  controls: number;
}

/** Which runs a query considers; unset fields do not narrow it. */
export interface RunQuery {
  /** The directory (tenant) id the runs were taken of. */
  tenantId?: string;
  source?: RunSource;
}

export interface SaveRunOptions {
  /** Marks the run as its tenant's baseline (clearing that tenant's previous one). */
  baseline?: boolean;
}

/**
 * `stored` when this call wrote the run; `duplicate` when a run with the same id was already there
 * (nothing is written): a job retried after its worker died stores its run exactly once.
 */
export type SaveRunOutcome = 'stored' | 'duplicate';

export interface RunRepository {
  /** Stores the whole run or nothing; idempotent by run id. */
  save(run: AuditRun, options?: SaveRunOptions): Promise<SaveRunOutcome>;
  /** Marks a stored run as its tenant's baseline; false when there is no such run. */
  setBaseline(id: string): Promise<boolean>;
  /** Newest first. */
  list(options?: RunQuery & { limit?: number }): Promise<StoredRunInfo[]>;
  info(id: string): Promise<StoredRunInfo | undefined>;
  get(id: string): Promise<AuditRun | undefined>;
  /** The newest run matching the query. */
  latest(query?: RunQuery): Promise<AuditRun | undefined>;
  /** The tenant's marked baseline, or else the run before its latest. */
  baseline(query?: Pick<RunQuery, 'tenantId'>): Promise<AuditRun | undefined>;
  count(query?: RunQuery): Promise<number>;
  close(): Promise<void>;
}
