import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRun, RunRepository } from '../../src/index.js';
import { sampleRun } from '../export/fixtures/sample-run.js';

// What every RunRepository does, whatever keeps the runs: run against the SQLite store here and
// against PostgreSQL in @m365-mcp/postgres's tests. `open` gives a fresh, empty repository each time;
// `beforeCommit` (when given) is called inside each save's transaction just before it commits, so
// a test can make a save fail after its rows were written.

export interface RunRepositoryUnderTest {
  open(hooks?: { beforeCommit?: (run: AuditRun) => void }): Promise<RunRepository>;
}

const TENANT_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const TENANT_B = 'bbbbbbbb-0000-4000-8000-00000000000b';

/** A run of `tenantId` with its own id; its first control's status says which run it is. */
export function runOf(tenantId: string | undefined, n: number, overrides: Partial<AuditRun> = {}): AuditRun {
  const base = sampleRun();
  const { tenantId: _dropped, ...rest } = base;
  const run: AuditRun = {
    ...rest,
    ...(tenantId !== undefined ? { tenantId } : {}),
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    startedAt: `2026-11-${String((n % 28) + 1).padStart(2, '0')}T10:00:00.000Z`,
    snapshots: { '/policies/authorizationPolicy': { n, nested: { list: [1, 'two', null] } } },
    ...overrides,
  };
  return run;
}

export function describeRunRepositoryContract(name: string, subject: RunRepositoryUnderTest): void {
  describe(`RunRepository contract: ${name}`, () => {
    const opened: RunRepository[] = [];
    async function open(hooks?: Parameters<RunRepositoryUnderTest['open']>[0]): Promise<RunRepository> {
      const repo = await subject.open(hooks);
      opened.push(repo);
      return repo;
    }
    afterEach(async () => {
      for (const repo of opened.splice(0)) await repo.close();
    });

    it('stores a run whole and gives it back as it was', async () => {
      const repo = await open();
      const run = runOf(TENANT_A, 1, {
        secureScore: { current: 1, max: 2, percentage: 50, asOf: 'x', series: [] },
      });
      expect(await repo.save(run)).toBe('stored');
      expect(await repo.get(run.id)).toEqual(run);
      expect(await repo.info(run.id)).toEqual({
        id: run.id,
        source: 'graph',
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
        tenantId: TENANT_A,
        baseline: false,
        controls: run.results.length,
      });
      expect(await repo.get('00000000-0000-4000-8000-999999999999')).toBeUndefined();
      expect(await repo.info('nope')).toBeUndefined();
    });

    it('saving the same run id twice stores it once and answers duplicate', async () => {
      const repo = await open();
      const run = runOf(TENANT_A, 2);
      expect(await repo.save(run)).toBe('stored');
      // A retried job: same id, even if the body differs, the first write stands.
      const retried = { ...run, label: 'retried', results: run.results.slice(0, 1) };
      expect(await repo.save(retried, { baseline: true })).toBe('duplicate');
      expect(await repo.count()).toBe(1);
      expect((await repo.get(run.id))?.results).toHaveLength(run.results.length);
      expect((await repo.info(run.id))?.baseline).toBe(false);
      const concurrent = runOf(TENANT_B, 3);
      const outcomes = await Promise.all([
        repo.save(concurrent),
        repo.save(concurrent),
        repo.save(concurrent),
      ]);
      expect(outcomes.sort()).toEqual(['duplicate', 'duplicate', 'stored']);
      expect(await repo.count({ tenantId: TENANT_B })).toBe(1);
    });

    it('a save that fails leaves nothing behind, and the next save works', async () => {
      let fail = true;
      const repo = await open({
        beforeCommit: () => {
          if (fail) throw new Error('interrupted before commit');
        },
      });
      const run = runOf(TENANT_A, 4);
      await expect(repo.save(run, { baseline: true })).rejects.toThrow('interrupted before commit');
      expect(await repo.count()).toBe(0);
      expect(await repo.get(run.id)).toBeUndefined();
      expect(await repo.list()).toEqual([]);
      fail = false;
      expect(await repo.save(run)).toBe('stored');
      expect((await repo.get(run.id))?.results).toHaveLength(run.results.length);
    });

    it('lists newest first (by the order stored, not the start time), narrowed by tenant and source, with a limit', async () => {
      const repo = await open();
      // Stored out of start-time order: the store orders by when it stored them.
      const a1 = runOf(TENANT_A, 20);
      const b1 = runOf(TENANT_B, 10);
      const a2 = runOf(TENANT_A, 5, { source: 'maester' });
      const none = runOf(undefined, 6);
      for (const run of [a1, b1, a2, none]) await repo.save(run);
      const ids = (infos: { id: string }[]) => infos.map((i) => i.id);
      expect(ids(await repo.list())).toEqual([none.id, a2.id, b1.id, a1.id]);
      expect(ids(await repo.list({ limit: 2 }))).toEqual([none.id, a2.id]);
      expect(ids(await repo.list({ tenantId: TENANT_A }))).toEqual([a2.id, a1.id]);
      expect(ids(await repo.list({ tenantId: TENANT_A, source: 'graph' }))).toEqual([a1.id]);
      expect(ids(await repo.list({ tenantId: 'cccccccc-0000-4000-8000-00000000000c' }))).toEqual([]);
      expect(await repo.count()).toBe(4);
      expect(await repo.count({ tenantId: TENANT_A })).toBe(2);
      expect(await repo.count({ tenantId: TENANT_B })).toBe(1);
      expect(await repo.count({ source: 'maester' })).toBe(1);
      expect((await repo.latest())?.id).toBe(none.id);
      expect((await repo.latest({ tenantId: TENANT_A }))?.id).toBe(a2.id);
      expect((await repo.latest({ tenantId: TENANT_A, source: 'graph' }))?.id).toBe(a1.id);
      expect((await repo.latest({ tenantId: TENANT_B }))?.id).toBe(b1.id);
      expect(await repo.latest({ tenantId: 'cccccccc-0000-4000-8000-00000000000c' })).toBeUndefined();
      expect((await repo.list({ tenantId: TENANT_B }))[0]).toMatchObject({ tenantId: TENANT_B });
      expect((await repo.list({ limit: 1 }))[0]?.tenantId).toBeUndefined();
    });

    it("baselines are per tenant: marking tenant A's leaves B's", async () => {
      const repo = await open();
      const a1 = runOf(TENANT_A, 31);
      const b1 = runOf(TENANT_B, 32);
      const a2 = runOf(TENANT_A, 33);
      const b2 = runOf(TENANT_B, 34);
      const a3 = runOf(TENANT_A, 35);
      // Nothing marked: the run before the tenant's latest.
      await repo.save(a1);
      expect(await repo.baseline({ tenantId: TENANT_A })).toBeUndefined();
      await repo.save(b1, { baseline: true });
      await repo.save(a2);
      await repo.save(b2);
      await repo.save(a3);
      expect((await repo.baseline({ tenantId: TENANT_A }))?.id).toBe(a2.id);
      expect((await repo.baseline({ tenantId: TENANT_B }))?.id).toBe(b1.id);
      // Marking A's baseline leaves B's.
      expect(await repo.setBaseline(a1.id)).toBe(true);
      expect((await repo.baseline({ tenantId: TENANT_A }))?.id).toBe(a1.id);
      expect((await repo.baseline({ tenantId: TENANT_B }))?.id).toBe(b1.id);
      // Moving A's baseline clears A's previous one only.
      expect(await repo.setBaseline(a2.id)).toBe(true);
      expect((await repo.info(a1.id))?.baseline).toBe(false);
      expect((await repo.info(a2.id))?.baseline).toBe(true);
      expect((await repo.info(b1.id))?.baseline).toBe(true);
      // Saving B's new baseline moves B's only.
      const b3 = runOf(TENANT_B, 36);
      await repo.save(b3, { baseline: true });
      expect((await repo.baseline({ tenantId: TENANT_B }))?.id).toBe(b3.id);
      expect((await repo.info(b1.id))?.baseline).toBe(false);
      expect((await repo.baseline({ tenantId: TENANT_A }))?.id).toBe(a2.id);
      expect(await repo.setBaseline('00000000-0000-4000-8000-999999999999')).toBe(false);
      // Without a tenant: the newest marked baseline (a one-tenant store, as before).
      expect((await repo.baseline())?.id).toBe(b3.id);
    });

    it('without a marked baseline and without a tenant, the baseline is the run before the latest', async () => {
      const repo = await open();
      expect(await repo.baseline()).toBeUndefined();
      await repo.save(runOf(TENANT_A, 41));
      expect(await repo.baseline()).toBeUndefined();
      await repo.save(runOf(TENANT_A, 42));
      expect((await repo.baseline())?.id).toBe(runOf(TENANT_A, 41).id);
    });
  });
}
