import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksum, createPool, type Migration, MigrationError, migrate, migrations } from '../src/index.js';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../src/testing/index.js';

const unavailable = postgresUnavailableReason();

describe('the migrations list', () => {
  it('is numbered in order, from 1, with the run store in 1-9', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(migrations[0]).toMatchObject({ version: 1, name: 'runs' });
  });
});

describe('createPool', () => {
  it('refuses what is not a postgres URL, without repeating it', () => {
    expect(() => createPool('mysql://root:hunter2@db/x')).toThrow(/must start with postgres:\/\/ .*mysql:/);
    expect(() => createPool('not a url hunter2')).toThrow('DATABASE_URL is not a URL');
    expect(() => createPool('not a url hunter2')).not.toThrow(/hunter2/);
  });
});

describe.skipIf(unavailable !== undefined)(`migrate on PostgreSQL ${unavailable ?? ''}`, () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  async function rows(url: string, text: string): Promise<Record<string, unknown>[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows;
    } finally {
      await client.end();
    }
  }

  it('a fresh database gets every migration, recorded with its checksum; a second run applies none', async () => {
    const url = await server.createDatabase('fresh');
    expect(await migrate(url)).toEqual({ applied: migrations.map((m) => m.version) });
    const recorded = await rows(
      url,
      'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(recorded.map((r) => [r.version, r.name, r.checksum])).toEqual(
      migrations.map((m) => [m.version, m.name, checksum(m)]),
    );
    expect(recorded[0]?.applied_at).toBeInstanceOf(Date);
    expect(await migrate(url)).toEqual({ applied: [] });
    expect(await rows(url, "SELECT to_regclass('runs') IS NOT NULL AS runs")).toEqual([{ runs: true }]);
  });

  it('two pools migrating at once apply each migration once', async () => {
    const url = await server.createDatabase('concurrent');
    // A slow first migration holds the lock while the other starts waiting on it.
    const slow: Migration[] = [
      {
        version: 1,
        name: 'slow',
        sql: 'SELECT pg_sleep(0.3); CREATE TABLE once_only (n int); INSERT INTO once_only VALUES (1);',
      },
      { version: 2, name: 'second', sql: 'INSERT INTO once_only VALUES (2);' },
    ];
    const pools = [createPool(url), createPool(url)];
    try {
      const results = await Promise.all(pools.map((pool) => migrate(pool, { migrations: slow })));
      expect(results.map((r) => r.applied).sort()).toEqual([[], [1, 2]]);
      expect(await rows(url, 'SELECT n FROM once_only ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
      expect(await rows(url, 'SELECT COUNT(*)::int AS n FROM schema_migrations')).toEqual([{ n: 2 }]);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('refuses a database where an applied migration was edited since, and one migrated by a newer version', async () => {
    const url = await server.createDatabase('edited');
    const original: Migration = { version: 1, name: 'table', sql: 'CREATE TABLE t (n int);' };
    await migrate(url, { migrations: [original] });
    const edited = { ...original, sql: 'CREATE TABLE t (n bigint);' };
    await expect(migrate(url, { migrations: [edited] })).rejects.toThrow(MigrationError);
    await expect(migrate(url, { migrations: [edited] })).rejects.toThrow(
      'Migration 1 (table) was changed after it was applied to this database',
    );
    await expect(migrate(url, { migrations: [] })).rejects.toThrow(
      'The database has migration 1 (table), which this version does not know',
    );
  });

  it('a failing migration leaves nothing (not even its record) and the ones before it stay', async () => {
    const url = await server.createDatabase('failing');
    const list: Migration[] = [
      { version: 1, name: 'good', sql: 'CREATE TABLE good (n int);' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE half (n int); SELECT no_such_function();' },
    ];
    await expect(migrate(url, { migrations: list })).rejects.toThrow(
      /Migration 2 \(bad\) failed and was rolled back: .*no_such_function/,
    );
    expect(await rows(url, 'SELECT version FROM schema_migrations')).toEqual([{ version: 1 }]);
    expect(await rows(url, "SELECT to_regclass('half') IS NULL AS gone")).toEqual([{ gone: true }]);
  });

  it('refuses migrations listed out of order', async () => {
    const url = await server.createDatabase('disorder');
    await expect(
      migrate(url, {
        migrations: [
          { version: 2, name: 'b', sql: '' },
          { version: 1, name: 'a', sql: '' },
        ],
      }),
    ).rejects.toThrow('migrations are out of order: 2 (b) before 1 (a)');
  });
});
