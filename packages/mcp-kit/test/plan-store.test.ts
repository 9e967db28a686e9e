import { describe, expect, it } from 'vitest';
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

describe('PlanStore', () => {
  it('hashes arguments independently of key order', () => {
    expect(hashArguments({ a: 1, b: { c: 2, d: 3 } })).toBe(hashArguments({ b: { d: 3, c: 2 }, a: 1 }));
    expect(hashArguments({ a: 1 })).not.toBe(hashArguments({ a: 2 }));
  });

  it('issues random ids, finds a plan for its own tool only, and consumes it once', () => {
    const store = new PlanStore();
    const a = store.add('disable_user', { id: 'u1' }, plan, alice);
    const b = store.add('disable_user', { id: 'u1' }, plan, alice);
    expect(a.id).not.toBe(b.id);
    expect(store.find(a.id, 'other_tool', alice)).toEqual({ ok: false, reason: 'other-tool' });
    expect(store.find(a.id, 'disable_user', alice).ok).toBe(true);
    expect(store.consume(a.id, alice)).toBe(true);
    expect(store.consume(a.id, alice)).toBe(false);
    expect(store.find(a.id, 'disable_user', alice)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('expires plans', () => {
    let now = 1_000;
    const store = new PlanStore({ ttlMs: 100, now: () => now });
    const stored = store.add('disable_user', {}, plan, alice);
    now = 1_100;
    expect(store.find(stored.id, 'disable_user', alice)).toEqual({ ok: false, reason: 'expired' });
  });

  it("answers another principal's plan as unknown, whatever the tool or expiry, and keeps it for its owner", () => {
    let now = 1_000;
    const store = new PlanStore({ ttlMs: 100, now: () => now });
    const stored = store.add('disable_user', {}, plan, alice);
    expect(store.find(stored.id, 'disable_user', mallory)).toEqual({ ok: false, reason: 'unknown' });
    // Not "other-tool": that would confirm the plan exists.
    expect(store.find(stored.id, 'other_tool', mallory)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.consume(stored.id, mallory)).toBe(false);
    expect(store.find(stored.id, 'disable_user', alice).ok).toBe(true);
    now = 1_100;
    // Not "expired" either, and the expired plan is not swept on the other principal's behalf.
    expect(store.find(stored.id, 'disable_user', mallory)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.find(stored.id, 'disable_user', alice)).toEqual({ ok: false, reason: 'expired' });
  });
});
