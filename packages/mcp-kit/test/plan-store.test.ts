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

describe('PlanStore', () => {
  it('hashes arguments independently of key order', () => {
    expect(hashArguments({ a: 1, b: { c: 2, d: 3 } })).toBe(hashArguments({ b: { d: 3, c: 2 }, a: 1 }));
    expect(hashArguments({ a: 1 })).not.toBe(hashArguments({ a: 2 }));
  });

  it('issues random ids, finds a plan for its own tool only, and consumes it once', () => {
    const store = new PlanStore();
    const a = store.add('disable_user', { id: 'u1' }, plan);
    const b = store.add('disable_user', { id: 'u1' }, plan);
    expect(a.id).not.toBe(b.id);
    expect(store.find(a.id, 'other_tool')).toEqual({ ok: false, reason: 'other-tool' });
    expect(store.find(a.id, 'disable_user').ok).toBe(true);
    expect(store.consume(a.id)).toBe(true);
    expect(store.consume(a.id)).toBe(false);
    expect(store.find(a.id, 'disable_user')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('expires plans', () => {
    let now = 1_000;
    const store = new PlanStore({ ttlMs: 100, now: () => now });
    const stored = store.add('disable_user', {}, plan);
    now = 1_100;
    expect(store.find(stored.id, 'disable_user')).toEqual({ ok: false, reason: 'expired' });
  });
});
