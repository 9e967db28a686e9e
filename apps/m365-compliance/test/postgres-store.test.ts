import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { openPgRunStore } from '@m365-mcp/postgres';
import { postgresUnavailableReason, startTestPostgres, type TestPostgres } from '@m365-mcp/postgres/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { complianceServer } from '../src/index.js';
import { closeRunRepositories } from '../src/store/open-run-repository.js';

// The compliance server with its runs in PostgreSQL (settings.databaseUrl, as DATABASE_URL), through
// a real MCP client: the audit stores there, status and drift read from there, a restart of
// PostgreSQL between two calls is survived, and a database that cannot be reached is said clearly.

const unavailable = postgresUnavailableReason();

interface Answer {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent: Record<string, unknown> & { run?: { runId: string } };
}

describe.skipIf(unavailable !== undefined)(`the compliance server on PostgreSQL ${unavailable ?? ''}`, () => {
  let postgres: TestPostgres;
  let server: TestServer | undefined;
  beforeAll(async () => {
    postgres = await startTestPostgres();
  }, 120_000);
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await closeRunRepositories();
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  async function start(databaseUrl: string): Promise<{ s: TestServer; databasePath: string }> {
    const databasePath = join(await mkdtemp(join(tmpdir(), 'compliance-pg-')), 'runs.db');
    server = await startTestServer(complianceServer, { config: { settings: { databasePath, databaseUrl } } });
    return { s: server, databasePath };
  }

  async function call(s: TestServer, name: string, args: Record<string, unknown> = {}): Promise<Answer> {
    return (await s.client.callTool({ name, arguments: args })) as unknown as Answer;
  }

  /** What PostgreSQL holds, read through a store of its own (oldest first). */
  async function storedRuns(url: string): Promise<{ id: string; baseline: boolean; controls: number }[]> {
    const store = await openPgRunStore(url);
    try {
      return (await store.list()).reverse().map(({ id, baseline, controls }) => ({ id, baseline, controls }));
    } finally {
      await store.close();
    }
  }

  it('run_security_audit stores in PostgreSQL; get_compliance_status and detect_compliance_drift read it, across a restart', async () => {
    const url = await postgres.createDatabase('compliance_runs');
    const { s, databasePath } = await start(url);
    const first = await call(s, 'run_security_audit', { markAsBaseline: true, limit: 5 });
    expect(first.isError, first.content[0]?.text).toBeFalsy();
    const firstId = first.structuredContent.run?.runId as string;
    const stored = await storedRuns(url);
    expect(stored).toEqual([{ id: firstId, baseline: true, controls: expect.any(Number) }]);
    expect(stored[0]?.controls).toBeGreaterThan(100);
    // Nothing went to the SQLite file.
    expect(existsSync(databasePath)).toBe(false);

    const status = await call(s, 'get_compliance_status', { limit: 5 });
    expect(status.isError, status.content[0]?.text).toBeFalsy();
    expect(status.structuredContent.run?.runId).toBe(firstId);

    await postgres.restart();

    const second = await call(s, 'run_security_audit', { limit: 5 });
    expect(second.isError, second.content[0]?.text).toBeFalsy();
    const secondId = second.structuredContent.run?.runId as string;
    expect((await storedRuns(url)).map((r) => r.id)).toEqual([firstId, secondId]);

    await postgres.restart();

    const drift = await call(s, 'detect_compliance_drift', { includeAuditLogs: false });
    expect(drift.isError, drift.content[0]?.text).toBeFalsy();
    expect(drift.structuredContent).toMatchObject({ baselineRunId: firstId, currentRunId: secondId });
    const latest = await call(s, 'get_compliance_status', { limit: 5 });
    expect(latest.structuredContent.run?.runId).toBe(secondId);
  }, 240_000);

  it('a DATABASE_URL that cannot be reached: the first store use says where, never the password', async () => {
    const url = `postgres://postgres:Sup3r-s3cret@127.0.0.1:${postgres.port}/gone_db`;
    await postgres.createDatabase('gone_db');
    await postgres.stopServer();
    try {
      const { s } = await start(url);
      const answer = await call(s, 'get_compliance_status');
      expect(answer.isError).toBe(true);
      const text = answer.content.map((c) => c.text).join('');
      expect(text).toContain('The server is not configured correctly');
      expect(text).toContain(`PostgreSQL at 127.0.0.1:${postgres.port}/gone_db cannot be reached`);
      expect(text).not.toContain('Sup3r-s3cret');
    } finally {
      await postgres.startServer();
    }
    // Once it is back, the next call opens the store (no run yet: the tool says so).
    const again = await call(server as TestServer, 'get_compliance_status');
    expect(again.content.map((c) => c.text).join('')).toContain('No run is stored yet');
  }, 240_000);
});
