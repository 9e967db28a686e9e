import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '../src/testing/index.js';

const unavailable = postgresUnavailableReason();

describe.skipIf(unavailable !== undefined)(`a throwaway PostgreSQL ${unavailable ?? ''}`, () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  async function query(url: string, text: string): Promise<unknown[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows;
    } finally {
      await client.end();
    }
  }

  it('answers on its URL and keeps data across a restart', async () => {
    const url = await server.createDatabase('harness');
    await query(url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)');
    await server.restart();
    expect(await query(url, 'SELECT n FROM kept')).toEqual([{ n: 7 }]);
  }, 120_000);

  it('refuses connections while stopped and answers again once started', async () => {
    await server.stopServer();
    await expect(query(server.url, 'SELECT 1')).rejects.toThrow();
    await server.startServer();
    expect(await query(server.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  }, 120_000);
});
