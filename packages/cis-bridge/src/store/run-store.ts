import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { AuditRun } from '../audit/run.js';
import type { RunQuery, SaveRunOutcome, StoredRunInfo } from './run-repository.js';

// Runs in SQLite (node:sqlite, built into Node 22; no native download). A run is written in one
// transaction: an interrupted or failed write leaves no half-written run behind. Saving is
// idempotent by run id, and every query can be narrowed to one tenant (one store may hold several).

// `IF NOT EXISTS` throughout: a store written by an earlier version opens unchanged (its runs
// table already has tenant_id); the index is only added.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY, source TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
  tenant_id TEXT, label TEXT, baseline INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL, meta TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, position INTEGER NOT NULL,
  control_id TEXT NOT NULL, status TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (run_id, position)
);
CREATE TABLE IF NOT EXISTS snapshots (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, resource TEXT NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (run_id, resource)
);
CREATE INDEX IF NOT EXISTS runs_tenant_seq ON runs (tenant_id, seq);`;

interface RunRow {
  id: string;
  source: string;
  started_at: string;
  finished_at: string;
  tenant_id: string | null;
  label: string | null;
  baseline: number;
  meta: string;
}

export interface RunStoreSaveOptions {
  /** Marks the run as its tenant's baseline (clearing that tenant's previous one). */
  baseline?: boolean;
  /** For tests that interrupt the write: called inside the transaction, just before COMMIT. */
  beforeCommit?: () => void;
}

/** WHERE clause (possibly empty) and its parameters for a query. */
function where(query: RunQuery): { sql: string; params: (string | null)[] } {
  const clauses: string[] = [];
  const params: (string | null)[] = [];
  if (query.tenantId !== undefined) {
    clauses.push('tenant_id = ?');
    params.push(query.tenantId);
  }
  if (query.source !== undefined) {
    clauses.push('source = ?');
    params.push(query.source);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export class RunStore {
  private readonly db: DatabaseSync;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    // Loaded when a store is opened, not when the package is imported: node:sqlite prints an
    // experimental warning on load, which importers that never store a run should not see.
    const { DatabaseSync: Database } = process.getBuiltinModule('node:sqlite');
    this.db = new Database(path);
    this.db.exec('PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;');
    this.db.exec(SCHEMA);
  }

  /**
   * Stores the whole run or nothing. A run whose id is already stored is left as it is
   * (`duplicate`): a retried job stores its run once.
   */
  save(run: AuditRun, options: RunStoreSaveOptions = {}): SaveRunOutcome {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      if (this.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(run.id)) {
        this.db.exec('ROLLBACK');
        return 'duplicate';
      }
      const seqRow = this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM runs').get() as {
        next: number;
      };
      const { results, snapshots, ...meta } = run;
      this.db
        .prepare(
          'INSERT INTO runs (id, source, started_at, finished_at, tenant_id, label, baseline, seq, meta) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)',
        )
        .run(
          run.id,
          run.source,
          run.startedAt,
          run.finishedAt,
          run.tenantId ?? null,
          run.label ?? null,
          seqRow.next,
          JSON.stringify(meta),
        );
      const insertResult = this.db.prepare(
        'INSERT INTO results (run_id, position, control_id, status, body) VALUES (?, ?, ?, ?, ?)',
      );
      results.forEach((r, i) => {
        insertResult.run(run.id, i, r.finding.id, r.finding.status, JSON.stringify(r));
      });
      const insertSnapshot = this.db.prepare(
        'INSERT INTO snapshots (run_id, resource, body) VALUES (?, ?, ?)',
      );
      for (const [key, value] of Object.entries(snapshots))
        insertSnapshot.run(run.id, key, JSON.stringify(value));
      if (options.baseline) this.markBaselineInside(run.id);
      options.beforeCommit?.();
      this.db.exec('COMMIT');
      return 'stored';
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Clears the baseline of the run's tenant only (runs without a tenant count as one tenant). */
  private markBaselineInside(id: string): void {
    this.db
      .prepare('UPDATE runs SET baseline = 0 WHERE tenant_id IS (SELECT tenant_id FROM runs WHERE id = ?)')
      .run(id);
    this.db.prepare('UPDATE runs SET baseline = 1 WHERE id = ?').run(id);
  }

  setBaseline(id: string): boolean {
    if (!this.info(id)) return false;
    this.db.exec('BEGIN');
    try {
      this.markBaselineInside(id);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    return true;
  }

  /** Newest first; a number is the limit (the whole store), as before queries took a tenant. */
  list(options: number | (RunQuery & { limit?: number }) = {}): StoredRunInfo[] {
    const { limit = 50, ...query } = typeof options === 'number' ? { limit: options } : options;
    const w = where(query);
    const rows = this.db
      .prepare(`SELECT * FROM runs ${w.sql} ORDER BY seq DESC LIMIT ?`)
      .all(...w.params, limit) as unknown as RunRow[];
    return rows.map((r) => this.toInfo(r));
  }

  info(id: string): StoredRunInfo | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as unknown as RunRow | undefined;
    return row ? this.toInfo(row) : undefined;
  }

  /** The newest run matching the query; a string is the source, as before queries took a tenant. */
  latest(query: string | RunQuery = {}): AuditRun | undefined {
    const w = where(typeof query === 'string' ? { source: query as RunQuery['source'] } : query);
    const row = this.db.prepare(`SELECT id FROM runs ${w.sql} ORDER BY seq DESC LIMIT 1`).get(...w.params) as
      | { id: string }
      | undefined;
    return row ? this.get(row.id) : undefined;
  }

  /**
   * The tenant's marked baseline, or else the run before its latest. Without a tenant: the newest
   * marked baseline of any tenant, or else the run before the latest (one tenant's store, as before).
   */
  baseline(query: Pick<RunQuery, 'tenantId'> = {}): AuditRun | undefined {
    const w = where({ ...(query.tenantId !== undefined ? { tenantId: query.tenantId } : {}) });
    const marked = this.db
      .prepare(
        `SELECT id FROM runs ${w.sql ? `${w.sql} AND` : 'WHERE'} baseline = 1 ORDER BY seq DESC LIMIT 1`,
      )
      .get(...w.params) as { id: string } | undefined;
    if (marked) return this.get(marked.id);
    const previous = this.db
      .prepare(`SELECT id FROM runs ${w.sql} ORDER BY seq DESC LIMIT 1 OFFSET 1`)
      .get(...w.params) as { id: string } | undefined;
    return previous ? this.get(previous.id) : undefined;
  }

  get(id: string): AuditRun | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as unknown as RunRow | undefined;
    if (!row) return undefined;
    const results = (
      this.db.prepare('SELECT body FROM results WHERE run_id = ? ORDER BY position').all(id) as {
        body: string;
      }[]
    ).map((r) => JSON.parse(r.body) as AuditRun['results'][number]);
    const snapshots: Record<string, unknown> = {};
    for (const s of this.db.prepare('SELECT resource, body FROM snapshots WHERE run_id = ?').all(id) as {
      resource: string;
      body: string;
    }[]) {
      snapshots[s.resource] = JSON.parse(s.body);
    }
    return { ...(JSON.parse(row.meta) as Omit<AuditRun, 'results' | 'snapshots'>), results, snapshots };
  }

  count(query: RunQuery = {}): number {
    const w = where(query);
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM runs ${w.sql}`).get(...w.params) as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }

  private toInfo(r: RunRow): StoredRunInfo {
    const controls = (
      this.db.prepare('SELECT COUNT(*) AS n FROM results WHERE run_id = ?').get(r.id) as { n: number }
    ).n;
    return {
      id: r.id,
      source: r.source,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      ...(r.tenant_id ? { tenantId: r.tenant_id } : {}),
      ...(r.label ? { label: r.label } : {}),
      baseline: r.baseline === 1,
      controls,
    };
  }
}
