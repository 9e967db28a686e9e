import type pg from 'pg';
import { migrate } from './migrate.js';
import { createPool, withConnection } from './pool.js';

// The MCP servers' write plans in PostgreSQL (schema: migrations/020-write-plans.ts), so replicas
// share them. This package knows rows, not plans: a plan is sealed (HMAC) and checked again by the
// server that reads it (mcp-kit's PlanStore), which also decides expiry with its own clock; here a
// plan is found only by its id and principal, and taken (deleted and returned) in one statement.

/** What a stored plan must carry for its row; the rest of it is kept as written. */
export interface StorablePlan {
  id: string;
  principal: string;
  tool: string;
  createdAt: number;
  expiresAt: number;
}

export interface PgPlanStoreOptions {
  /** Ends the pool on close (a store opened from a URL owns its pool). */
  ownsPool?: boolean;
}

function parseRecord(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON any more (edited in the database): the server's check refuses it as tampered.
    return text;
  }
}

export class PgPlanStore {
  readonly kind = 'postgres';
  readonly durable = true;
  private readonly pool: pg.Pool;
  private readonly options: PgPlanStoreOptions;

  /** Over a pool whose database is migrated (see `openPgPlanStore`, which does both). */
  constructor(pool: pg.Pool, options: PgPlanStoreOptions = {}) {
    this.pool = pool;
    this.options = options;
  }

  async save(plan: StorablePlan): Promise<void> {
    // JSON text escapes U+0000 (which PostgreSQL text refuses), so tenant data stores as written.
    const text = JSON.stringify(plan);
    await withConnection(this.pool, (client) =>
      client.query(
        `INSERT INTO write_plans (id, principal, tool, created_at, expires_at, record)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [plan.id, plan.principal, plan.tool, plan.createdAt, plan.expiresAt, text],
      ),
    );
  }

  async find(id: string, principal: string): Promise<unknown | undefined> {
    const { rows } = await withConnection(this.pool, (client) =>
      client.query<{ record: string }>('SELECT record FROM write_plans WHERE id = $1 AND principal = $2', [
        id,
        principal,
      ]),
    );
    return rows[0] === undefined ? undefined : parseRecord(rows[0].record);
  }

  /**
   * Deletes and returns the plan in one statement: of two concurrent takes, on any number of
   * connections or servers, the row lock lets exactly one delete it; the other deletes nothing.
   */
  async take(id: string, principal: string, tool: string): Promise<unknown | undefined> {
    const { rows } = await withConnection(this.pool, (client) =>
      client.query<{ record: string }>(
        'DELETE FROM write_plans WHERE id = $1 AND principal = $2 AND tool = $3 RETURNING record',
        [id, principal, tool],
      ),
    );
    return rows[0] === undefined ? undefined : parseRecord(rows[0].record);
  }

  async sweep(now: number): Promise<number> {
    const { rowCount } = await withConnection(this.pool, (client) =>
      client.query('DELETE FROM write_plans WHERE expires_at <= $1', [now]),
    );
    return rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (this.options.ownsPool) await this.pool.end();
  }
}

/** A plan store for a database URL: its own pool, the database migrated first. */
export async function openPgPlanStore(databaseUrl: string): Promise<PgPlanStore> {
  const pool = createPool(databaseUrl);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PgPlanStore(pool, { ownsPool: true });
}
