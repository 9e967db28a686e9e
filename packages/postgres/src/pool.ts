import pg from 'pg';
import { DatabaseUnavailableError, describeDatabase, isConnectionError, redact } from './errors.js';

// One pool per database URL. The URL is checked here so a typo is said plainly, and it never
// appears in an error: errors name the host, port and database, never the password.

export interface CreatePoolOptions {
  /** Connections at most (default 10). */
  max?: number;
  /** How long to wait for a connection before failing (default 10 s). */
  connectionTimeoutMillis?: number;
}

/** Parses a postgres:// URL; a malformed one is refused with a message that does not repeat it. */
export function parseDatabaseUrl(databaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('DATABASE_URL is not a URL: expected postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(
      `DATABASE_URL must start with postgres:// or postgresql:// (it starts with ${url.protocol}//)`,
    );
  }
  if (!url.hostname && !url.searchParams.get('host')) {
    throw new Error('DATABASE_URL names no host: expected postgres://user:password@host:5432/database');
  }
  return url;
}

export function createPool(databaseUrl: string, options: CreatePoolOptions = {}): pg.Pool {
  const url = parseDatabaseUrl(databaseUrl);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
  });
  targets.set(pool, { target: describeDatabase(url), url });
  // An idle connection the server closed (a restart, a failover) is dropped from the pool, which
  // opens a new one on the next query. Without a listener the 'error' event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

const targets = new WeakMap<pg.Pool, { target: string; url: URL }>();

/**
 * Runs `work` on one connection of the pool. A connection that cannot be made, or that drops,
 * becomes a DatabaseUnavailableError naming host, port and database (never the password); such a
 * failure on a connection that was idle in the pool (the server restarted since) is tried once more
 * on a new connection, which is safe for the callers here: reads, and idempotent writes.
 */
export async function withConnection<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const where = targets.get(pool);
  const unavailable = (error: unknown) =>
    where ? new DatabaseUnavailableError(where.target, redact(error, where.url)) : error;
  for (let attempt = 1; ; attempt++) {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw unavailable(error);
    }
    try {
      const result = await work(client);
      client.release();
      return result;
    } catch (error) {
      const dropped = isConnectionError(error);
      // A broken connection is destroyed, not returned to the pool.
      client.release(dropped ? (error instanceof Error ? error : true) : undefined);
      if (!dropped) throw error;
      if (attempt >= 2) throw unavailable(error);
    }
  }
}
