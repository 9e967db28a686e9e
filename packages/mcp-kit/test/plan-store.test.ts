import { describe, expect, it } from 'vitest';
import { MemoryPlanRepository } from '../src/writes/memory-plan-repository.js';
import { PlanKey, randomPlanKey } from '../src/writes/plan-key.js';
import type { PlanRecord } from '../src/writes/plan-record.js';
import { hashArguments, PlanStore } from '../src/writes/plan-store.js';
import type { WritePlan } from '../src/writes/write-plan.js';

const plan: WritePlan = {
  summary: 'Disable user',
  targets: [{ type: 'user', id: 'u1' }],
  requests: [{ method: 'PATCH', path: '/users/u1', body: { accountEnabled: false } }],
  blastRadius: 'one user',
  reversible: true,
};
const alice = 'token:aaaaaaaa';
const mallory = 'token:bbbbbbbb';

/** A memory repository whose stored records a test can edit, as someone with database access could. */
class EditableRepository extends MemoryPlanRepository {
  readonly records = new Map<string, PlanRecord>();
  override async save(record: PlanRecord): Promise<void> {
    this.records.set(record.id, structuredClone(record));
  }
  override async find(id: string, principal: string): Promise<unknown> {
    const record = this.records.get(id);
    return record?.principal === principal ? structuredClone(record) : undefined;
  }
  override async take(id: string, principal: string, tool: string): Promise<unknown> {
    const record = this.records.get(id);
    if (record?.principal !== principal || record.tool !== tool) return undefined;
    this.records.delete(id);
    return record;
  }
  override async sweep(now: number): Promise<number> {
    const expired = [...this.records.values()].filter((r) => r.expiresAt <= now);
    for (const record of expired) this.records.delete(record.id);
    return expired.length;
  }
}

describe('PlanStore', () => {
  it('hashes arguments independently of key order', () => {
    expect(hashArguments({ a: 1, b: { c: 2, d: 3 } })).toBe(hashArguments({ b: { d: 3, c: 2 }, a: 1 }));
    expect(hashArguments({ a: 1 })).not.toBe(hashArguments({ a: 2 }));
  });

  it('issues random ids, finds a plan for its own tool only, and takes it once', async () => {
    const store = new PlanStore();
    const a = await store.add('disable_user', { id: 'u1' }, plan, alice);
    const b = await store.add('disable_user', { id: 'u1' }, plan, alice);
    expect(a.id).not.toBe(b.id);
    expect(await store.find(a.id, 'other_tool', alice)).toEqual({ ok: false, reason: 'other-tool' });
    expect((await store.find(a.id, 'disable_user', alice)).ok).toBe(true);
    expect(await store.take(a.id, 'other_tool', alice)).toEqual({ ok: false, reason: 'unknown' });
    const taken = await store.take(a.id, 'disable_user', alice);
    expect(taken.ok && taken.plan.plan).toEqual(plan);
    expect(await store.take(a.id, 'disable_user', alice)).toEqual({ ok: false, reason: 'unknown' });
    expect(await store.find(a.id, 'disable_user', alice)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('expires plans by its clock, and sweeps expired ones when the next plan is made', async () => {
    let now = 1_000;
    const repository = new EditableRepository();
    const store = new PlanStore({ repository, ttlMs: 100, now: () => now });
    const stored = await store.add('disable_user', {}, plan, alice);
    now = 1_099;
    expect((await store.find(stored.id, 'disable_user', alice)).ok).toBe(true);
    now = 1_100;
    expect(await store.find(stored.id, 'disable_user', alice)).toEqual({ ok: false, reason: 'expired' });
    expect(await store.take(stored.id, 'disable_user', alice)).toEqual({ ok: false, reason: 'expired' });
    const kept = await store.add('disable_user', {}, plan, alice);
    now = 1_250;
    await store.add('disable_user', {}, plan, alice);
    expect(repository.records.has(kept.id)).toBe(false);
  });

  it("answers another principal's plan as unknown, whatever the tool or expiry, and keeps it for its owner", async () => {
    let now = 1_000;
    const store = new PlanStore({ ttlMs: 100, now: () => now });
    const stored = await store.add('disable_user', {}, plan, alice);
    expect(await store.find(stored.id, 'disable_user', mallory)).toEqual({ ok: false, reason: 'unknown' });
    // Not "other-tool": that would confirm the plan exists.
    expect(await store.find(stored.id, 'other_tool', mallory)).toEqual({ ok: false, reason: 'unknown' });
    expect(await store.take(stored.id, 'disable_user', mallory)).toEqual({ ok: false, reason: 'unknown' });
    expect((await store.find(stored.id, 'disable_user', alice)).ok).toBe(true);
    now = 1_100;
    expect(await store.find(stored.id, 'disable_user', mallory)).toEqual({ ok: false, reason: 'unknown' });
    expect(await store.find(stored.id, 'disable_user', alice)).toEqual({ ok: false, reason: 'expired' });
  });

  const edits: [string, (r: PlanRecord) => void][] = [
    [
      'the body of a request',
      (r) => {
        (r.plan.requests[0] as { body: unknown }).body = { accountEnabled: true };
      },
    ],
    [
      'the path of a request',
      (r) => {
        (r.plan.requests[0] as { path: string }).path = '/users/u2';
      },
    ],
    [
      'the arguments',
      (r) => {
        r.args = { id: 'u2' };
      },
    ],
    [
      'the expiry',
      (r) => {
        r.expiresAt += 3_600_000;
      },
    ],
    [
      'the summary shown to the user',
      (r) => {
        r.plan.summary = 'Nothing to see';
      },
    ],
    [
      'the tenant',
      (r) => {
        r.tenant = { name: 'other', tenantId: 't2', displayName: 'Other' };
      },
    ],
    [
      'principal (now filed under another)',
      (r) => {
        r.principal = mallory;
      },
    ],
    [
      'body and requests hash together',
      (r) => {
        (r.plan.requests[0] as { body: unknown }).body = { accountEnabled: true };
        r.requestsHash = 'f'.repeat(64);
      },
    ],
  ];
  it.each(edits)('refuses a plan whose %s was edited in the store, and removes it', async (_what, edit) => {
    const repository = new EditableRepository();
    const store = new PlanStore({ repository });
    const stored = await store.add('disable_user', { id: 'u1' }, plan, alice, {
      name: 'contoso',
      tenantId: 't1',
      displayName: 'Contoso',
    });
    const record = repository.records.get(stored.id) as PlanRecord;
    edit(record);
    // Found by the principal it is now filed under.
    const principal = record.principal;
    const found = await store.find(stored.id, 'disable_user', principal);
    expect(found).toMatchObject({ ok: false, reason: 'tampered' });
    expect(await store.take(stored.id, 'disable_user', principal)).toMatchObject({
      ok: false,
      reason: 'tampered',
    });
    expect(repository.records.has(stored.id)).toBe(false);
  });

  it('refuses a plan signed with another key, and a durable repository without a key', async () => {
    const repository = new EditableRepository();
    const stored = await new PlanStore({ repository }).add('disable_user', {}, plan, alice);
    expect(
      await new PlanStore({ repository, key: randomPlanKey() }).find(stored.id, 'disable_user', alice),
    ).toMatchObject({
      ok: false,
      reason: 'tampered',
      why: expect.stringContaining('another key'),
    });
    const durable = Object.assign(new MemoryPlanRepository(), { durable: true });
    expect(() => new PlanStore({ repository: durable })).toThrow(/M365_MCP_PLAN_KEY_FILE/);
  });

  it('never shows its key: a PlanKey prints and serialises as its id', () => {
    const key = new PlanKey(Buffer.from('k'.repeat(40)), 'key-file');
    expect(JSON.stringify({ key })).toBe(`{"key":{"keyId":"${key.id}"}}`);
    expect(String(key)).toBe(`PlanKey(${key.id})`);
    expect(key.id).toMatch(/^[0-9a-f]{16}$/);
  });
});
