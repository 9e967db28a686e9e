import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRunRepositoryContract, runOf } from '../../cis-bridge/test/store/run-repository-contract.js';
import {
  createPool,
  DatabaseUnavailableError,
  migrate,
  openPgRunStore,
  PgRunStore,
  withConnection,
} from '../src/index.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../src/testing/index.js';

const unavailable = postgresUnavailableReason();

// The same contract the SQLite store passes, against a real PostgreSQL: each case on a database of
// its own, migrated as a server start would.
describe.skipIf(unavailable !== undefined)(`PgRunStore on PostgreSQL ${unavailable ?? ''}`, () => {
  let server: TestPostgres;
  let databases = 0;
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  describeRunRepositoryContract('PostgreSQL', {
    async open(hooks) {
      databases += 1;
      const url = await server.createDatabase(`contract_${databases}`);
      const pool = createPool(url);
      await migrate(pool);
      return new PgRunStore(pool, {
        ownsPool: true,
        ...(hooks?.beforeCommit ? { beforeCommit: hooks.beforeCommit } : {}),
      });
    },
  });

  it('keeps a NUL character in tenant data (JSONB refuses \\u0000; it is stored as U+FFFD)', async () => {
    const store = await openPgRunStore(await server.createDatabase('nul_text'));
    try {
      const run = runOf('aaaaaaaa-0000-4000-8000-00000000000a', 1, {
        label: 'a\u0000b',
        tenantName: 'x\\u0000y',
      });
      expect(await store.save(run)).toBe('stored');
      const back = await store.get(run.id);
      expect(back?.label).toBe('a\uFFFDb');
      // The six characters backslash-u-0-0-0-0 are text, not a NUL, and stay as they were.
      expect(back?.tenantName).toBe('x\\u0000y');
    } finally {
      await store.close();
    }
  });

  it('a restart of PostgreSQL between two calls: the pool reconnects and the next call works', async () => {
    const store = await openPgRunStore(await server.createDatabase('restarted'));
    try {
      await store.save(runOf('aaaaaaaa-0000-4000-8000-00000000000a', 1));
      expect(await store.count()).toBe(1);
      await server.restart();
      expect(await store.save(runOf('aaaaaaaa-0000-4000-8000-00000000000a', 2))).toBe('stored');
      expect(await store.count()).toBe(2);
      await server.restart();
      expect((await store.latest())?.id).toBe(runOf(undefined, 2).id);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('a connection the server ends during a call is replaced and the call is tried once more', async () => {
    const pool = createPool(await server.createDatabase('dropped'));
    try {
      let attempts = 0;
      const pid = await withConnection(pool, async (client) => {
        attempts += 1;
        // The server ends this very connection (as a restart does), once.
        if (attempts === 1) await client.query('SELECT pg_terminate_backend(pg_backend_pid())');
        return (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      });
      expect(attempts).toBe(2);
      expect(pid).toEqual(expect.any(Number));
      // A statement's own error is not retried.
      let tries = 0;
      await expect(
        withConnection(pool, async (client) => {
          tries += 1;
          await client.query('SELECT no_such_column FROM pg_class');
        }),
      ).rejects.toThrow('no_such_column');
      expect(tries).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('a database that cannot be reached: a clear error naming host and port, never the password', async () => {
    const url = `postgres://postgres:s3cret-Pa55@127.0.0.1:${server.port}/stopped_db`;
    await server.createDatabase('stopped_db');
    await server.stopServer();
    try {
      const error = await openPgRunStore(url).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      const message = (error as Error).message;
      expect(message).toContain(`127.0.0.1:${server.port}/stopped_db`);
      expect(message).toContain('ECONNREFUSED');
      expect(message).not.toContain('s3cret');
    } finally {
      await server.startServer();
    }
  }, 120_000);
});
