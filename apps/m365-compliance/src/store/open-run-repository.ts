import { ConfigurationError } from '@m365-mcp/auth';
import {
  type AuditRun,
  type RunQuery,
  type RunRepository,
  RunStore,
  type SaveRunOptions,
  type SaveRunOutcome,
  SqliteRunRepository,
  type StoredRunInfo,
} from '@m365-mcp/cis-bridge';

// Where this process keeps its runs: the SQLite file by default, PostgreSQL when a DATABASE_URL is
// set. @m365-mcp/postgres (and pg) is imported only then, so a server without one starts as light
// as before. One repository per database for the life of the process; a PostgreSQL one is migrated
// when first opened (every start), and an open that failed is tried again on the next call.

export interface RunRepositoryTarget {
  /** postgres://... : the runs live in PostgreSQL. */
  databaseUrl?: string | undefined;
  /** The SQLite file used when there is no databaseUrl. */
  sqlitePath: string;
}

const sqliteStores = new Map<string, RunStore>();

/** The SQLite store of a file, one per file for the life of the process (shared with openRunRepository). */
export function openSqliteStore(path: string): RunStore {
  let store = sqliteStores.get(path);
  if (!store) {
    store = new RunStore(path);
    sqliteStores.set(path, store);
  }
  return store;
}

const repositories = new Map<string, Promise<RunRepository>>();

export function openRunRepository(target: RunRepositoryTarget): Promise<RunRepository> {
  const key = target.databaseUrl ? `postgres ${target.databaseUrl}` : `sqlite ${target.sqlitePath}`;
  let opening = repositories.get(key);
  if (!opening) {
    opening = target.databaseUrl
      ? openPostgres(target.databaseUrl)
      : Promise.resolve(new SqliteRunRepository(openSqliteStore(target.sqlitePath)));
    const attempt = opening;
    repositories.set(key, attempt);
    attempt.catch(() => {
      if (repositories.get(key) === attempt) repositories.delete(key);
    });
  }
  return opening;
}

async function openPostgres(databaseUrl: string): Promise<RunRepository> {
  const postgres = await import('@m365-mcp/postgres');
  try {
    return new ExplainedRunRepository(await postgres.openPgRunStore(databaseUrl));
  } catch (error) {
    throw explained(error);
  }
}

// The PostgreSQL errors an operator fixes (unreachable, a refused migration, a malformed URL) say
// so through the kit's configuration-error path instead of "failed unexpectedly". Their messages
// name host, port and database, never the password.
const OPERATOR_ERRORS = new Set(['DatabaseUnavailableError', 'MigrationError']);

function explained(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (OPERATOR_ERRORS.has(error.name) || error.message.startsWith('DATABASE_URL'))
    return new ConfigurationError(`the run store: ${error.message}`, ['DATABASE_URL']);
  return error;
}

class ExplainedRunRepository implements RunRepository {
  constructor(private readonly inner: RunRepository) {}

  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw explained(error);
    }
  }

  save(run: AuditRun, options?: SaveRunOptions): Promise<SaveRunOutcome> {
    return this.call(() => this.inner.save(run, options));
  }
  setBaseline(id: string): Promise<boolean> {
    return this.call(() => this.inner.setBaseline(id));
  }
  list(options?: RunQuery & { limit?: number }): Promise<StoredRunInfo[]> {
    return this.call(() => this.inner.list(options));
  }
  info(id: string): Promise<StoredRunInfo | undefined> {
    return this.call(() => this.inner.info(id));
  }
  get(id: string): Promise<AuditRun | undefined> {
    return this.call(() => this.inner.get(id));
  }
  latest(query?: RunQuery): Promise<AuditRun | undefined> {
    return this.call(() => this.inner.latest(query));
  }
  baseline(query?: Pick<RunQuery, 'tenantId'>): Promise<AuditRun | undefined> {
    return this.call(() => this.inner.baseline(query));
  }
  count(query?: RunQuery): Promise<number> {
    return this.call(() => this.inner.count(query));
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Closes every repository this process opened (tests; a worker shutting down). */
export async function closeRunRepositories(): Promise<void> {
  const open = [...repositories.values()];
  repositories.clear();
  sqliteStores.clear();
  await Promise.all(open.map((p) => p.then((r) => r.close()).catch(() => undefined)));
}
