import type { AuditRun } from '@m365-mcp/cis-bridge';
import { SqliteRunRepository } from '@m365-mcp/cis-bridge';
import { describe, expect, it } from 'vitest';
import { TenantRuns } from '../src/store/tenant-runs.js';

// What a tool call sees of the runs: with a tenant (a tenants registry), that tenant's only.

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';

function run(n: number, tenantId: string | undefined, source: AuditRun['source'] = 'graph'): AuditRun {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    source,
    ...(tenantId ? { tenantId } : {}),
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:01:00.000Z',
    results: [],
    snapshots: {},
  };
}

describe('TenantRuns', () => {
  it("narrows latest, baseline, list and get to the call's tenant", async () => {
    const repository = new SqliteRunRepository(':memory:');
    const forA = new TenantRuns(repository, A);
    const forB = new TenantRuns(repository, B);
    await repository.save(run(1, A));
    await repository.save(run(2, B));
    await repository.save(run(3, A));
    await repository.save(run(4, B));
    expect((await forA.latest())?.id).toBe(run(3, A).id);
    expect((await forA.baseline())?.id).toBe(run(1, A).id);
    expect((await forB.baseline())?.id).toBe(run(2, B).id);
    expect((await forA.list()).map((r) => r.id)).toEqual([run(3, A).id, run(1, A).id]);
    // Another tenant's run is not found, even by id.
    expect(await forA.get(run(2, B).id)).toBeUndefined();
    expect((await forB.get(run(2, B).id))?.id).toBe(run(2, B).id);
    // Without a registry nothing is narrowed.
    const all = new TenantRuns(repository, undefined);
    expect((await all.latest())?.id).toBe(run(4, B).id);
    expect(await all.list()).toHaveLength(4);
  });

  it("a run naming no tenant is stored as the call's tenant's; one naming another is refused", async () => {
    const repository = new SqliteRunRepository(':memory:');
    const forA = new TenantRuns(repository, A);
    const stored = await forA.save(run(5, undefined, 'maester'));
    expect(stored.tenantId).toBe(A);
    expect((await repository.info(stored.id))?.tenantId).toBe(A);
    await expect(forA.save(run(6, B))).rejects.toThrow(
      `This run is of tenant ${B}, not of the tenant this call is for (${A}). Nothing was stored.`,
    );
    expect(await repository.count()).toBe(1);
  });
});
