import type {
  AuditRun,
  RunQuery,
  RunRepository,
  SaveRunOptions,
  SaveRunOutcome,
  StoredRunInfo,
} from '@m365-mcp/cis-bridge';
import type pg from 'pg';
import { migrate } from './migrate.js';
import { createPool, withConnection } from './pool.js';

// The run store in PostgreSQL (schema: migrations/001-runs.ts), for many tenants and many workers.
// A save is one transaction: the run row first, with ON CONFLICT DO NOTHING, so a run id already
// stored (a retried job) answers `duplicate` and writes nothing; then its results and snapshots,
// each in one statement; then its tenant's baseline. Runs are ordered by seq (bigserial).

export interface PgRunStoreOptions {
  /** Ends the pool on close (a store opened from a URL owns its pool). */
  ownsPool?: boolean;
  /** For tests that interrupt a save: called inside its transaction, just before COMMIT. */
  beforeCommit?: (run: AuditRun) => void | Promise<void>;
}

interface RunRow {
  id: string;
  source: string;
  tenant_id: string | null;
  started_at: string;
  finished_at: string;
  label: string | null;
  baseline: boolean;
  controls: number;
}

const INFO_COLUMNS = 'id, source, tenant_id, started_at, finished_at, label, baseline, controls';

/** WHERE clause (possibly empty) for a query, its parameters numbered from `first`. */
function where(query: RunQuery, first = 1): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  if (query.tenantId !== undefined) {
    params.push(query.tenantId);
    clauses.push(`tenant_id = $${first + params.length - 1}`);
  }
  if (query.source !== undefined) {
    params.push(query.source);
    clauses.push(`source = $${first + params.length - 1}`);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * JSON for a JSONB column. JSONB refuses the NUL character (U+0000), which tenant data may carry:
 * it is stored as U+FFFD. Only a real escape is replaced: an escaped backslash before `u0000` is text.
 */
function jsonbText(value: unknown): string {
  return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd');
}

/** PostgreSQL text refuses the NUL character too. */
function pgText(value: string): string {
  return value.replaceAll('\u0000', '\uFFFD');
}

function toInfo(r: RunRow): StoredRunInfo {
  return {
    id: r.id,
    source: r.source,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    ...(r.tenant_id ? { tenantId: r.tenant_id } : {}),
    ...(r.label ? { label: r.label } : {}),
    baseline: r.baseline,
    controls: r.controls,
  };
}

/** Serialises one tenant's baseline changes (a transaction-scoped lock keyed by the tenant). */
async function lockTenantBaseline(client: pg.PoolClient, tenantId: string | null): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext('m365-mcp runs baseline ' || $1))", [
    tenantId ?? '',
  ]);
}

async function markBaseline(client: pg.PoolClient, id: string, tenantId: string | null): Promise<void> {
  await lockTenantBaseline(client, tenantId);
  await client.query(
    'UPDATE runs SET baseline = false WHERE baseline AND tenant_id IS NOT DISTINCT FROM $1 AND id <> $2',
    [tenantId, id],
  );
  await client.query('UPDATE runs SET baseline = true WHERE id = $1', [id]);
}

export class PgRunStore implements RunRepository {
  private readonly pool: pg.Pool;
  private readonly options: PgRunStoreOptions;

  /** Over a pool whose database is migrated (see `openPgRunStore`, which does both). */
  constructor(pool: pg.Pool, options: PgRunStoreOptions = {}) {
    this.pool = pool;
    this.options = options;
  }

  async save(run: AuditRun, options: SaveRunOptions = {}): Promise<SaveRunOutcome> {
    const { results, snapshots, ...meta } = run;
    // Serialised before the transaction: a run that cannot be written as JSON fails before any row.
    const metaJson = jsonbText(meta);
    const resultsJson = jsonbText(results);
    const snapshotsJson = jsonbText(snapshots);
    return withConnection(this.pool, async (client) => {
      await client.query('BEGIN');
      try {
        const inserted = await client.query(
          `INSERT INTO runs (id, source, tenant_id, started_at, finished_at, label, controls, meta)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT (id) DO NOTHING RETURNING seq`,
          [
            pgText(run.id),
            pgText(run.source),
            run.tenantId === undefined ? null : pgText(run.tenantId),
            pgText(run.startedAt),
            pgText(run.finishedAt),
            run.label === undefined ? null : pgText(run.label),
            results.length,
            metaJson,
          ],
        );
        if (inserted.rowCount === 0) {
          await client.query('ROLLBACK');
          return 'duplicate';
        }
        await client.query(
          `INSERT INTO run_results (run_id, position, control_id, status, body)
           SELECT $1, r.ordinality - 1, r.body->'finding'->>'id', r.body->'finding'->>'status', r.body
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS r(body, ordinality)`,
          [run.id, resultsJson],
        );
        await client.query(
          `INSERT INTO run_snapshots (run_id, resource, body)
           SELECT $1, s.key, s.value FROM jsonb_each($2::jsonb) AS s`,
          [run.id, snapshotsJson],
        );
        if (options.baseline) await markBaseline(client, run.id, run.tenantId ?? null);
        await this.options.beforeCommit?.(run);
        await client.query('COMMIT');
        return 'stored';
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async setBaseline(id: string): Promise<boolean> {
    return withConnection(this.pool, async (client) => {
      await client.query('BEGIN');
      try {
        const found = await client.query<{ tenant_id: string | null }>(
          'SELECT tenant_id FROM runs WHERE id = $1',
          [id],
        );
        const row = found.rows[0];
        if (!row) {
          await client.query('ROLLBACK');
          return false;
        }
        await markBaseline(client, id, row.tenant_id);
        await client.query('COMMIT');
        return true;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async list(options: RunQuery & { limit?: number } = {}): Promise<StoredRunInfo[]> {
    const { limit = 50, ...query } = options;
    const w = where(query);
    const { rows } = await this.query<RunRow>(
      `SELECT ${INFO_COLUMNS} FROM runs ${w.sql} ORDER BY seq DESC LIMIT $${w.params.length + 1}`,
      [...w.params, limit],
    );
    return rows.map(toInfo);
  }

  async info(id: string): Promise<StoredRunInfo | undefined> {
    const { rows } = await this.query<RunRow>(`SELECT ${INFO_COLUMNS} FROM runs WHERE id = $1`, [id]);
    return rows[0] ? toInfo(rows[0]) : undefined;
  }

  async get(id: string): Promise<AuditRun | undefined> {
    // One statement, so the run and its rows are read from one snapshot of the database.
    const { rows } = await this.query<{
      meta: Omit<AuditRun, 'results' | 'snapshots'>;
      results: AuditRun['results'];
      snapshots: Record<string, unknown>;
    }>(
      `SELECT r.meta,
         COALESCE((SELECT jsonb_agg(x.body ORDER BY x.position) FROM run_results x WHERE x.run_id = r.id), '[]'::jsonb) AS results,
         COALESCE((SELECT jsonb_object_agg(s.resource, s.body) FROM run_snapshots s WHERE s.run_id = r.id), '{}'::jsonb) AS snapshots
       FROM runs r WHERE r.id = $1`,
      [id],
    );
    const row = rows[0];
    return row ? { ...row.meta, results: row.results, snapshots: row.snapshots } : undefined;
  }

  async latest(query: RunQuery = {}): Promise<AuditRun | undefined> {
    const w = where(query);
    const { rows } = await this.query<{ id: string }>(
      `SELECT id FROM runs ${w.sql} ORDER BY seq DESC LIMIT 1`,
      w.params,
    );
    return rows[0] ? this.get(rows[0].id) : undefined;
  }

  async baseline(query: Pick<RunQuery, 'tenantId'> = {}): Promise<AuditRun | undefined> {
    const w = where(query.tenantId !== undefined ? { tenantId: query.tenantId } : {});
    const { rows } = await this.query<{ id: string }>(
      `(SELECT id, 0 AS rank, seq FROM runs ${w.sql ? `${w.sql} AND` : 'WHERE'} baseline ORDER BY seq DESC LIMIT 1)
       UNION ALL
       (SELECT id, 1 AS rank, seq FROM runs ${w.sql} ORDER BY seq DESC LIMIT 1 OFFSET 1)
       ORDER BY rank LIMIT 1`,
      w.params,
    );
    return rows[0] ? this.get(rows[0].id) : undefined;
  }

  async count(query: RunQuery = {}): Promise<number> {
    const w = where(query);
    const { rows } = await this.query<{ n: string }>(`SELECT COUNT(*) AS n FROM runs ${w.sql}`, w.params);
    return Number(rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    if (this.options.ownsPool) await this.pool.end();
  }

  private query<R extends pg.QueryResultRow>(text: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    return withConnection(this.pool, (client) => client.query<R>(text, params));
  }
}

/** A store on its own pool, its database migrated first (every start runs the migrations). */
export async function openPgRunStore(
  databaseUrl: string,
  options: Omit<PgRunStoreOptions, 'ownsPool'> = {},
): Promise<PgRunStore> {
  const pool = createPool(databaseUrl);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return new PgRunStore(pool, { ...options, ownsPool: true });
}
