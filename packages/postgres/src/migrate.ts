import { createHash } from 'node:crypto';
import type pg from 'pg';
import { isConnectionError, MigrationError } from './errors.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';
import { createPool, withConnection } from './pool.js';

// Brings a database to this version's schema, on every start. Concurrent starts (several workers
// at once) take a session advisory lock, so each migration is applied exactly once; each migration
// and its schema_migrations row commit together, so a failed one leaves nothing and is retried on
// the next start. An applied migration whose SQL changed since is refused: the schema would no
// longer be what the code expects, and editing history hides that.

/** pg_advisory_lock key: any constant of our own (the bytes of "m365mcp" as a bigint). */
const MIGRATION_LOCK = '30802878449004912';

export interface MigrateOptions {
  /** The migrations to apply (default: this package's); tests pass their own. */
  migrations?: readonly Migration[];
}

export interface MigrateResult {
  /** Versions this call applied, in order; empty when the database was already up to date. */
  applied: number[];
}

export function checksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

function checkList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version < 1)
      throw new MigrationError(`migration "${m.name}" has no positive version`);
    const previous = migrations[i - 1];
    if (previous && previous.version >= m.version)
      throw new MigrationError(
        `migrations are out of order: ${previous.version} (${previous.name}) before ${m.version} (${m.name})`,
      );
  });
}

/** Applies the pending migrations; a URL gets a pool of its own for the call. */
export async function migrate(
  target: string | pg.Pool,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  if (typeof target === 'string') {
    const pool = createPool(target, { max: 1 });
    try {
      return await migrate(pool, options);
    } finally {
      await pool.end();
    }
  }
  const migrations = options.migrations ?? allMigrations;
  checkList(migrations);
  return withConnection(target, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
        'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
      );
      const known = new Map(migrations.map((m) => [m.version, m]));
      for (const row of rows) {
        const migration = known.get(row.version);
        if (!migration)
          throw new MigrationError(
            `The database has migration ${row.version} (${row.name}), which this version does not know: it was migrated by a newer version. Run that version, or restore a database from before it.`,
          );
        if (checksum(migration) !== row.checksum)
          throw new MigrationError(
            `Migration ${row.version} (${row.name}) was changed after it was applied to this database (its SQL no longer matches the checksum recorded then). Applied migrations are never edited: restore the original and add the change as a new migration.`,
          );
      }
      const done = new Set(rows.map((r) => r.version));
      const applied: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            checksum(migration),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          if (isConnectionError(error)) throw error;
          throw new MigrationError(
            `Migration ${migration.version} (${migration.name}) failed and was rolled back: ${(error as Error).message}`,
          );
        }
        applied.push(migration.version);
      }
      return { applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  });
}
