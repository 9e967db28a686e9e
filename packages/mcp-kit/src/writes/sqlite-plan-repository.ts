import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { PlanRecord } from './plan-record.js';
import type { PlanRepository } from './plan-repository.js';

// Plans in a SQLite file (node:sqlite, built into Node 22): they survive a restart, and every
// process of the machine that opens the file shares them. WAL lets readers and one writer work at
// once; the busy timeout makes a second process wait for a lock instead of failing. A take is one
// `DELETE ... RETURNING` statement, atomic in SQLite: of two processes taking one plan, one gets it.
// The file holds capabilities to change tenants (signed, but still): it is created 0600.

const SCHEMA = `
CREATE TABLE IF NOT EXISTS write_plans (
  id TEXT PRIMARY KEY,
  principal TEXT NOT NULL,
  tool TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS write_plans_expires ON write_plans (expires_at);`;

export class SqlitePlanRepository implements PlanRepository {
  readonly kind = 'sqlite';
  readonly durable = true;
  readonly path: string;
  readonly #db: DatabaseSync;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Created (or narrowed) to the owner before SQLite opens it; its -wal and -shm files take the
    // database file's permissions.
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
    // Loaded when a store is opened: node:sqlite prints an experimental warning on load, which a
    // server keeping plans in memory should not show.
    const { DatabaseSync: Database } = process.getBuiltinModule('node:sqlite');
    this.#db = new Database(path);
    this.#db.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;');
    this.#db.exec(SCHEMA);
  }

  async save(plan: PlanRecord): Promise<void> {
    this.#db
      .prepare('INSERT INTO write_plans (id, principal, tool, expires_at, record) VALUES (?, ?, ?, ?, ?)')
      .run(plan.id, plan.principal, plan.tool, plan.expiresAt, JSON.stringify(plan));
  }

  async find(id: string, principal: string): Promise<unknown | undefined> {
    const row = this.#db
      .prepare('SELECT record FROM write_plans WHERE id = ? AND principal = ?')
      .get(id, principal) as { record: string } | undefined;
    return row === undefined ? undefined : parseRecord(row.record);
  }

  async take(id: string, principal: string, tool: string): Promise<unknown | undefined> {
    const row = this.#db
      .prepare('DELETE FROM write_plans WHERE id = ? AND principal = ? AND tool = ? RETURNING record')
      .get(id, principal, tool) as { record: string } | undefined;
    return row === undefined ? undefined : parseRecord(row.record);
  }

  async sweep(now: number): Promise<number> {
    return Number(this.#db.prepare('DELETE FROM write_plans WHERE expires_at <= ?').run(now).changes);
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}

/** A row that is not JSON is handed on as itself: the store's check refuses it as tampered. */
function parseRecord(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
