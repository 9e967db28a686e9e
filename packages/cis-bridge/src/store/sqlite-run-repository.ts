import type { AuditRun } from '../audit/run.js';
import type {
  RunQuery,
  RunRepository,
  SaveRunOptions,
  SaveRunOutcome,
  StoredRunInfo,
} from './run-repository.js';
import { RunStore } from './run-store.js';

// The embedded default behind the async RunRepository contract: the SQLite RunStore, one process,
// one file. Its calls are synchronous underneath; the promises only give it PostgreSQL's shape.

export interface SqliteRunRepositoryOptions {
  /** For tests that interrupt a save: called inside its transaction, just before COMMIT. */
  beforeCommit?: (run: AuditRun) => void;
}

export class SqliteRunRepository implements RunRepository {
  readonly store: RunStore;
  private readonly options: SqliteRunRepositoryOptions;

  /** A database file (`:memory:` for none), or an open RunStore to share with synchronous callers. */
  constructor(pathOrStore: string | RunStore, options: SqliteRunRepositoryOptions = {}) {
    this.store = typeof pathOrStore === 'string' ? new RunStore(pathOrStore) : pathOrStore;
    this.options = options;
  }

  async save(run: AuditRun, options: SaveRunOptions = {}): Promise<SaveRunOutcome> {
    const { beforeCommit } = this.options;
    return this.store.save(run, {
      ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
      ...(beforeCommit ? { beforeCommit: () => beforeCommit(run) } : {}),
    });
  }

  async setBaseline(id: string): Promise<boolean> {
    return this.store.setBaseline(id);
  }

  async list(options: RunQuery & { limit?: number } = {}): Promise<StoredRunInfo[]> {
    return this.store.list(options);
  }

  async info(id: string): Promise<StoredRunInfo | undefined> {
    return this.store.info(id);
  }

  async get(id: string): Promise<AuditRun | undefined> {
    return this.store.get(id);
  }

  async latest(query: RunQuery = {}): Promise<AuditRun | undefined> {
    return this.store.latest(query);
  }

  async baseline(query: Pick<RunQuery, 'tenantId'> = {}): Promise<AuditRun | undefined> {
    return this.store.baseline(query);
  }

  async count(query: RunQuery = {}): Promise<number> {
    return this.store.count(query);
  }

  async close(): Promise<void> {
    this.store.close();
  }
}
