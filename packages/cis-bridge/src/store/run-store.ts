import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { AuditRun } from '../audit/run.js';

// Runs in SQLite (node:sqlite, built into Node 22; no native download). A run is written in one
// transaction: an interrupted or failed write leaves no half-written run behind.

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
);`;

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

  /** Stores the whole run or nothing. `beforeCommit` exists for tests that interrupt the write. */
  save(run: AuditRun, options: { baseline?: boolean; beforeCommit?: () => void } = {}): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
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
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private markBaselineInside(id: string): void {
    this.db.prepare('UPDATE runs SET baseline = 0').run();
    this.db.prepare('UPDATE runs SET baseline = 1 WHERE id = ?').run(id);
  }

  setBaseline(id: string): boolean {
    if (!this.info(id)) return false;
    this.db.exec('BEGIN');
    this.markBaselineInside(id);
    this.db.exec('COMMIT');
    return true;
  }

  list(limit = 50): StoredRunInfo[] {
    const rows = this.db
      .prepare('SELECT * FROM runs ORDER BY seq DESC LIMIT ?')
      .all(limit) as unknown as RunRow[];
    return rows.map((r) => this.toInfo(r));
  }

  info(id: string): StoredRunInfo | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as unknown as RunRow | undefined;
    return row ? this.toInfo(row) : undefined;
  }

  latest(source?: string): AuditRun | undefined {
    const row = (
      source
        ? this.db.prepare('SELECT id FROM runs WHERE source = ? ORDER BY seq DESC LIMIT 1').get(source)
        : this.db.prepare('SELECT id FROM runs ORDER BY seq DESC LIMIT 1').get()
    ) as { id: string } | undefined;
    return row ? this.get(row.id) : undefined;
  }

  /** The marked baseline, or else the run before the latest. */
  baseline(): AuditRun | undefined {
    const marked = this.db.prepare('SELECT id FROM runs WHERE baseline = 1').get() as
      | { id: string }
      | undefined;
    if (marked) return this.get(marked.id);
    const previous = this.db.prepare('SELECT id FROM runs ORDER BY seq DESC LIMIT 1 OFFSET 1').get() as
      | { id: string }
      | undefined;
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

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n;
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
