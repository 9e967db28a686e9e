import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore, SqliteRunRepository } from '../../src/index.js';
import { describeRunRepositoryContract, runOf } from './run-repository-contract.js';

let dir: string;
let files = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cis-store-repo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeRunRepositoryContract('SQLite', {
  async open(hooks) {
    files += 1;
    return new SqliteRunRepository(join(dir, `contract-${files}.db`), hooks ?? {});
  },
});

// The schema the store wrote before runs were queried by tenant (no index, one baseline for the
// whole store): a file written by it opens, keeps its runs and its baseline, and gains the index.
const OLD_SCHEMA = `
CREATE TABLE runs (
  id TEXT PRIMARY KEY, source TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
  tenant_id TEXT, label TEXT, baseline INTEGER NOT NULL DEFAULT 0, seq INTEGER NOT NULL, meta TEXT NOT NULL
);
CREATE TABLE results (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, position INTEGER NOT NULL,
  control_id TEXT NOT NULL, status TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (run_id, position)
);
CREATE TABLE snapshots (
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, resource TEXT NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (run_id, resource)
);`;

describe('a store written by the earlier schema', () => {
  it('opens with its runs and baseline, gains the tenant index, and takes per-tenant queries', async () => {
    const path = join(dir, 'old-schema.db');
    const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
    const old = new DatabaseSync(path);
    old.exec(OLD_SCHEMA);
    const first = runOf('aaaaaaaa-0000-4000-8000-00000000000a', 1);
    const second = runOf('aaaaaaaa-0000-4000-8000-00000000000a', 2);
    const { results, snapshots, ...meta } = first;
    [first, second].forEach((run, i) => {
      old
        .prepare('INSERT INTO runs VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)')
        .run(
          run.id,
          run.source,
          run.startedAt,
          run.finishedAt,
          run.tenantId ?? null,
          i === 0 ? 1 : 0,
          i + 1,
          JSON.stringify({ ...meta, id: run.id }),
        );
      results.forEach((r, position) => {
        old
          .prepare('INSERT INTO results VALUES (?, ?, ?, ?, ?)')
          .run(run.id, position, r.finding.id, r.finding.status, JSON.stringify(r));
      });
      for (const [resource, body] of Object.entries(snapshots))
        old.prepare('INSERT INTO snapshots VALUES (?, ?, ?)').run(run.id, resource, JSON.stringify(body));
    });
    old.close();

    const repo = new SqliteRunRepository(path);
    try {
      expect(await repo.count()).toBe(2);
      expect(await repo.count({ tenantId: first.tenantId })).toBe(2);
      expect((await repo.latest({ tenantId: first.tenantId }))?.id).toBe(second.id);
      expect((await repo.baseline({ tenantId: first.tenantId }))?.id).toBe(first.id);
      expect((await repo.get(first.id))?.results).toEqual(first.results);
      expect(await repo.save(runOf('bbbbbbbb-0000-4000-8000-00000000000b', 3), { baseline: true })).toBe(
        'stored',
      );
      expect((await repo.baseline({ tenantId: first.tenantId }))?.id).toBe(first.id);
    } finally {
      await repo.close();
    }
    const check = new DatabaseSync(path);
    try {
      const indexes = check
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs'")
        .all();
      expect(indexes.map((i) => (i as { name: string }).name)).toContain('runs_tenant_seq');
    } finally {
      check.close();
    }
  });

  it('the synchronous RunStore keeps its earlier calls: list(limit), latest(source)', () => {
    const store = new RunStore(join(dir, 'sync.db'));
    try {
      store.save(runOf(undefined, 1));
      store.save(runOf(undefined, 2, { source: 'maester' }));
      expect(store.list(1).map((r) => r.id)).toEqual([runOf(undefined, 2).id]);
      expect(store.latest('graph')?.id).toBe(runOf(undefined, 1).id);
    } finally {
      store.close();
    }
  });
});
