// Errors that say which database and why, without the URL's password.

/** Where a database is, for messages: host:port/database, never user or password. */
export function describeDatabase(url: URL): string {
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const port = url.port || '5432';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(default database)';
  return `${host}:${port}/${database}`;
}

/** The error's message with the URL's password (raw and decoded) blanked out. */
export function redact(error: unknown, url: URL): string {
  let message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && !message.includes(code)) message = `${code}: ${message}`;
  for (const secret of [url.password, decodeURIComponent(url.password)]) {
    if (secret) message = message.split(secret).join('***');
  }
  return message || 'no reason given';
}

/** PostgreSQL could not be reached (refused, unknown host, timed out, the connection dropped). */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  readonly target: string;
  constructor(target: string, reason: string) {
    super(
      `PostgreSQL at ${target} cannot be reached (${reason}). Check DATABASE_URL and that the server is running and accepts connections.`,
    );
    this.target = target;
  }
}

/** A migration already applied to the database differs from this version's, or is unknown to it. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  '57P01', // admin_shutdown: the server is shutting down (a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up
  '08000',
  '08003',
  '08006',
]);

/** True when the failure was the connection, not the statement: the same call may work on a new one. */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(
    message,
  );
}
