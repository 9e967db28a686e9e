import { describe, expect, it } from 'vitest';
import type { Clock } from '../src/index.js';
import { Scheduler, SharedRequestBudget, workloadOf } from '../src/index.js';
import { backoffDelay, parseRetryAfter } from '../src/retry-policy.js';

/** A clock that only moves when every sleeper up to a time has been woken. */
function fakeClock(): Clock & { advance(ms: number): Promise<void> } {
  let now = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        sleepers.push({ at: now + Math.max(0, ms), wake: resolve });
      }),
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers[0];
        if (next === undefined || next.at > target) break;
        sleepers.shift();
        now = next.at;
        next.wake();
      }
      now = target;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('workloadOf', () => {
  it('classifies paths into throttling workloads', () => {
    expect(workloadOf('/identityProtection/riskyUsers')).toBe('identityProtection');
    expect(workloadOf('/identity/conditionalAccess/policies?$top=1')).toBe('identityProtection');
    expect(workloadOf('/identity/b2xUserFlows')).toBe('directory');
    expect(workloadOf('/auditLogs/signIns')).toBe('reports');
    expect(workloadOf('/reports/authenticationMethods/userRegistrationDetails')).toBe('reports');
    expect(workloadOf('/security/alerts_v2')).toBe('security');
    expect(workloadOf('/sites?search=*')).toBe('sharepoint');
    expect(workloadOf('/drives/b!x/root/children')).toBe('sharepoint');
    expect(workloadOf('/admin/sharepoint/settings')).toBe('sharepoint');
    expect(workloadOf('/users/abc/drive/root')).toBe('sharepoint');
    expect(workloadOf('/users/abc/memberOf')).toBe('directory');
    expect(workloadOf('https://graph.microsoft.com/v1.0/groups')).toBe('directory');
    expect(workloadOf('/$batch')).toBe('other');
  });
});

describe('retry policy', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter('0', 0)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:01 GMT', 4000)).toBe(0);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });

  it('backs off exponentially with full jitter under a cap', () => {
    const options = { baseMs: 100, capMs: 1000, random: () => 0.999 };
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, options))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
  });
});

describe('Scheduler', () => {
  it('bounds concurrency per workload and lets other workloads through', async () => {
    const clock = fakeClock();
    const scheduler = new Scheduler({ clock, limits: { security: { maxConcurrency: 2 } } });
    const started: string[] = [];
    const releases = new Map<string, () => void>();
    for (const name of ['s1', 's2', 's3']) {
      void scheduler.acquire('security').then((release) => {
        started.push(name);
        releases.set(name, release);
      });
    }
    void scheduler.acquire('directory').then(() => started.push('d1'));
    await clock.advance(0);
    expect(started).toEqual(['s1', 's2', 'd1']);
    releases.get('s1')?.();
    await clock.advance(0);
    expect(started).toEqual(['s1', 's2', 'd1', 's3']);
  });

  it('paces identityProtection from the end of the previous request', async () => {
    const clock = fakeClock();
    const scheduler = new Scheduler({ clock });
    const starts: number[] = [];
    const run = async (): Promise<void> => {
      const release = await scheduler.acquire('identityProtection');
      starts.push(clock.now());
      await clock.sleep(100);
      release();
    };
    const all = Promise.all([run(), run(), run()]);
    await clock.advance(5000);
    await all;
    expect(starts).toEqual([0, 1100, 2200]);
  });

  it('keeps reports to 5 per 10 s', async () => {
    const clock = fakeClock();
    const scheduler = new Scheduler({ clock });
    const starts: number[] = [];
    const all = Promise.all(
      Array.from({ length: 7 }, async () => {
        const release = await scheduler.acquire('reports');
        starts.push(clock.now());
        release();
      }),
    );
    await clock.advance(30_000);
    await all;
    expect(starts).toEqual([0, 0, 0, 0, 0, 10_000, 10_000]);
  });

  it('pauses a whole workload and never shortens a pause', async () => {
    const clock = fakeClock();
    const scheduler = new Scheduler({ clock });
    scheduler.pause('directory', 3000);
    scheduler.pause('directory', 1000);
    let startedAt: number | undefined;
    void scheduler.acquire('directory').then(() => {
      startedAt = clock.now();
    });
    await clock.advance(2999);
    expect(startedAt).toBeUndefined();
    await clock.advance(1);
    expect(startedAt).toBe(3000);
  });

  it('drops an aborted waiter from the queue', async () => {
    const clock = fakeClock();
    const scheduler = new Scheduler({ clock, limits: { other: { maxConcurrency: 1 } } });
    const first = await scheduler.acquire('other');
    const controller = new AbortController();
    const waiting = scheduler.acquire('other', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    first();
    const next = await scheduler.acquire('other');
    next();
  });
});

describe('SharedRequestBudget (one app across tenants)', () => {
  it('bounds requests in flight across schedulers, while a paused tenant takes no shared slot', async () => {
    const clock = fakeClock();
    const shared = new SharedRequestBudget(2);
    const tenantA = new Scheduler({ clock, shared });
    const tenantB = new Scheduler({ clock, shared });
    // Tenant A is throttled hard: its lane is paused for a minute.
    tenantA.pause('directory', 60_000);
    const started: string[] = [];
    const releases = new Map<string, () => void>();
    const ask = (scheduler: Scheduler, name: string) =>
      void scheduler.acquire('directory').then((release) => {
        started.push(name);
        releases.set(name, release);
      });
    ask(tenantA, 'a1');
    ask(tenantB, 'b1');
    ask(tenantB, 'b2');
    ask(tenantB, 'b3');
    await clock.advance(0);
    // B gets both shared slots; A's waiting request holds none.
    expect(started).toEqual(['b1', 'b2']);
    expect(shared.inFlight).toBe(2);
    releases.get('b1')?.();
    await clock.advance(0);
    expect(started).toEqual(['b1', 'b2', 'b3']);
    expect(shared.inFlight).toBe(2);
    releases.get('b2')?.();
    releases.get('b3')?.();
    await clock.advance(60_000);
    expect(started).toEqual(['b1', 'b2', 'b3', 'a1']);
    expect(shared.inFlight).toBe(1);
  });

  it('gives the lane slot back when the wait for a shared slot is aborted', async () => {
    const clock = fakeClock();
    const shared = new SharedRequestBudget(1);
    const tenantA = new Scheduler({ clock, shared, limits: { other: { maxConcurrency: 1 } } });
    const tenantB = new Scheduler({ clock, shared });
    const holder = await tenantB.acquire('other');
    const controller = new AbortController();
    const waiting = tenantA.acquire('other', controller.signal);
    await clock.advance(0);
    expect(shared.waiting).toBe(1);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(shared.waiting).toBe(0);
    holder();
    // Tenant A's only lane slot was returned: its next request starts.
    const next = await tenantA.acquire('other');
    expect(shared.inFlight).toBe(1);
    next();
    expect(shared.inFlight).toBe(0);
  });

  it('refuses a budget that is not a whole number of requests', () => {
    expect(() => new SharedRequestBudget(0)).toThrow(/whole number of requests >= 1, not 0/);
  });
});
