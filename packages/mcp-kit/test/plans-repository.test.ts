// One contract, three stores: every PlanRepository finds a plan only for its principal, takes it
// exactly once (also when two takes race, from two connections to the same store), and sweeps
// expired plans by the caller's clock. PostgreSQL runs when a server can be started here.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryPlanRepository } from '../src/writes/memory-plan-repository.js';
import { randomPlanKey } from '../src/writes/plan-key.js';
import { type PlanRecord, sealPlan } from '../src/writes/plan-record.js';
import type { PlanRepository } from '../src/writes/plan-repository.js';
import { SqlitePlanRepository } from '../src/writes/sqlite-plan-repository.js';
import {
  openPgPlanStore,
  postgresUnavailableReason,
  startTestPostgres,
  type TestPostgres,
} from './plans-postgres.js';

const key = randomPlanKey();
const alice = 'entra:t1/alice';
const mallory = 'entra:t1/mallory';
let serial = 0;

function record(overrides: { principal?: string; tool?: string; expiresAt?: number } = {}): PlanRecord {
  serial++;
  return sealPlan(
    {
      id: `plan_contract_${serial}_${Math.random().toString(36).slice(2)}`,
      tool: overrides.tool ?? 'disable_user',
      principal: overrides.principal ?? alice,
      argsHash: 'x',
      args: { userId: 'u1', note: 'tenant text with a NUL \u0000 and "quotes"' },
      plan: {
        summary: 'Disable u1',
        targets: [{ type: 'user', id: 'u1' }],
        requests: [{ method: 'PATCH', path: '/users/u1', body: { accountEnabled: false } }],
        blastRadius: 'one user',
        reversible: true,
      },
      createdAt: 1_000,
      expiresAt: overrides.expiresAt ?? 2_000,
    },
    key,
  );
}

interface Backend {
  /** Two handles on one store (two processes, two replicas); the memory store has one. */
  open(): Promise<{ first: PlanRepository; second: PlanRepository; close(): Promise<void> }>;
}

function contract(name: string, backend: () => Backend, skip?: string) {
  describe.skipIf(skip !== undefined)(`${name} plan repository${skip ? ` (skipped: ${skip})` : ''}`, () => {
    let first: PlanRepository;
    let second: PlanRepository;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ first, second, close } = await backend().open());
    });
    afterAll(async () => {
      await close?.();
    });

    it('keeps a plan exactly as saved, for its principal only', async () => {
      const plan = record();
      await first.save(plan);
      expect(await second.find(plan.id, alice)).toEqual(plan);
      expect(await second.find(plan.id, mallory)).toBeUndefined();
      expect(await second.find('plan_nope', alice)).toBeUndefined();
    });

    it('takes a plan once, only for its principal and tool', async () => {
      const plan = record();
      await first.save(plan);
      expect(await second.take(plan.id, mallory, 'disable_user')).toBeUndefined();
      expect(await second.take(plan.id, alice, 'other_tool')).toBeUndefined();
      expect(await second.take(plan.id, alice, 'disable_user')).toEqual(plan);
      expect(await first.take(plan.id, alice, 'disable_user')).toBeUndefined();
      expect(await first.find(plan.id, alice)).toBeUndefined();
    });

    it('of many concurrent takes through two handles, exactly one gets the plan', async () => {
      const plans = Array.from({ length: 5 }, () => record());
      for (const plan of plans) await first.save(plan);
      for (const plan of plans) {
        const takes = await Promise.all([
          first.take(plan.id, alice, 'disable_user'),
          second.take(plan.id, alice, 'disable_user'),
          first.take(plan.id, alice, 'disable_user'),
          second.take(plan.id, alice, 'disable_user'),
        ]);
        expect(takes.filter((t) => t !== undefined)).toEqual([plan]);
      }
    });

    it('sweeps the plans that expired by the given clock, and only those', async () => {
      const old = record({ expiresAt: 5_000 });
      const fresh = record({ expiresAt: 9_000 });
      await first.save(old);
      await first.save(fresh);
      expect(await second.sweep(5_000)).toBeGreaterThanOrEqual(1);
      expect(await first.find(old.id, alice)).toBeUndefined();
      expect(await first.find(fresh.id, alice)).toEqual(fresh);
    });

    it('refuses a second plan with the same id', async () => {
      const plan = record();
      await first.save(plan);
      await expect(second.save(plan)).rejects.toThrow();
    });
  });
}

contract('memory', () => ({
  async open() {
    const repository = new MemoryPlanRepository();
    // One process: the same store through both handles.
    return { first: repository, second: repository, close: () => repository.close() };
  },
}));

contract('SQLite', () => ({
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'plans-sqlite-'));
    const path = join(dir, 'data', 'plans.db');
    // Two connections to one file, as two processes of one machine have.
    const first = new SqlitePlanRepository(path);
    const second = new SqlitePlanRepository(path);
    return {
      first,
      second,
      async close() {
        await first.close();
        await second.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
}));

const pgUnavailable = postgresUnavailableReason();
let postgres: TestPostgres | undefined;
afterAll(async () => {
  await postgres?.stop();
});

contract(
  'PostgreSQL',
  () => ({
    async open() {
      postgres = await startTestPostgres();
      const url = await postgres.createDatabase('plans_contract');
      // Two pools, as two replicas have; the second open finds the schema migrated.
      const first = await openPgPlanStore(url);
      const second = await openPgPlanStore(url);
      return {
        first,
        second,
        async close() {
          await first.close();
          await second.close();
        },
      };
    },
  }),
  pgUnavailable,
);

describe('the SQLite plan file', () => {
  it('is created readable and writable by its owner only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plans-mode-'));
    try {
      const repository = new SqlitePlanRepository(join(dir, 'plans.db'));
      await repository.save(record());
      expect((await stat(join(dir, 'plans.db'))).mode & 0o777).toBe(0o600);
      await repository.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
