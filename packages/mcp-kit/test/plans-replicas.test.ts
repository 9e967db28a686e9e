// Two replicas of a server on one PostgreSQL: a plan made on one applies on the other; the same
// plan applied on both at once applies exactly once; a row edited in the database is refused and
// nothing is sent. Each replica has its own pool and server instance, and the same plan key.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTenant } from '../src/cli/demo.js';
import { writeResultSchema } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import { explainedPlanRepository } from '../src/writes/explained-plan-repository.js';
import { openPlanStore } from '../src/writes/open-plan-store.js';
import { PlanKey } from '../src/writes/plan-key.js';
import { PlanStore } from '../src/writes/plan-store.js';
import { readAudit } from './audit-file.js';
import {
  enabledMembers,
  type PlansServer,
  patchesOf,
  startPlansServer,
  startPlansTenant,
} from './plans-harness.js';
import {
  createPool,
  openPgPlanStore,
  postgresUnavailableReason,
  startTestPostgres,
  type TestPostgres,
} from './plans-postgres.js';

const unavailable = postgresUnavailableReason();
// openPlanStore loads @m365-mcp/postgres by name, which works once mcp-kit declares the package.
const postgresPackage: string = '@m365-mcp/postgres';
const undeclared = await import(postgresPackage).then(
  () => undefined,
  () => 'mcp-kit does not declare @m365-mcp/postgres (package.json)',
);
const alice = { principal: 'entra:t1/alice', roles: ['writer'] as ('reader' | 'writer')[] };

describe.skipIf(unavailable !== undefined)(
  `write plans shared by two replicas on PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let postgres: TestPostgres;
    let url: string;
    let demo: DemoTenant;
    let users: { id: string; accountEnabled: boolean }[];
    const stores: PlanStore[] = [];
    let one: PlansServer;
    let two: PlansServer;

    beforeAll(async () => {
      postgres = await startTestPostgres();
      url = await postgres.createDatabase('plans_replicas');
      demo = await startPlansTenant();
      users = enabledMembers(demo);
      // The operator's key file, read by both replicas.
      const key = new PlanKey(Buffer.from(randomBytes(32).toString('hex')), 'key-file');
      // As openPlanStore opens them (with a DATABASE_URL).
      for (let i = 0; i < 2; i++) {
        stores.push(new PlanStore({ repository: explainedPlanRepository(await openPgPlanStore(url)), key }));
      }
      one = await startPlansServer(demo, stores[0] as PlanStore, alice);
      two = await startPlansServer(demo, stores[1] as PlanStore, alice);
    });

    afterAll(async () => {
      await one?.close();
      await two?.close();
      for (const store of stores) await store.close();
      await demo?.close();
      await postgres?.stop();
    });

    function user(index: number) {
      const found = users[index];
      if (!found) throw new Error('the demo tenant has too few enabled members');
      return found;
    }

    async function plan(server: PlansServer, userId: string): Promise<string> {
      const result = writeResultSchema.parse(
        (await callTool(server.client, 'disable_user', { userId })).structuredContent,
      );
      expect(result.status).toBe('planned');
      return result.planId as string;
    }

    it.skipIf(undeclared !== undefined)(
      `openPlanStore with a DATABASE_URL shares plans with the replicas${undeclared ? ` (skipped: ${undeclared})` : ''}`,
      async () => {
        const key = randomBytes(32).toString('hex');
        const keyFile = join(await mkdtemp(join(tmpdir(), 'plans-pg-key-')), 'plan.key');
        await writeFile(keyFile, key, { mode: 0o600 });
        const opened = await openPlanStore({
          env: { M365_MCP_PLAN_KEY_FILE: keyFile },
          dataDir: tmpdir(),
          databaseUrl: url,
        });
        try {
          expect(opened.repository.kind).toBe('postgres');
          const made = await opened.add('disable_user', { userId: 'u1' }, samplePlan, 'local');
          const other = await openPlanStore({
            env: { M365_MCP_PLAN_KEY_FILE: keyFile },
            dataDir: tmpdir(),
            databaseUrl: url,
          });
          expect((await other.take(made.id, 'disable_user', 'local')).ok).toBe(true);
          await other.close();
        } finally {
          await opened.close();
          await rm(dirname(keyFile), { recursive: true, force: true });
        }
      },
    );

    it('a plan made on one replica applies on the other, and not again on either', async () => {
      const target = user(0);
      const planId = await plan(one, target.id);
      const applied = await callTool(two.client, 'disable_user', { planId });
      expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
      expect(target.accountEnabled).toBe(false);
      for (const server of [one, two]) {
        const again = await callTool(server.client, 'disable_user', { planId });
        expect(again.text).toMatch(
          /cannot be applied: it was not issued by this server, was already applied/,
        );
      }
      expect(patchesOf(demo, target.id)).toHaveLength(1);
    });

    it('the same plan applied on both replicas at once applies exactly once', async () => {
      const target = user(1);
      const planId = await plan(one, target.id);
      const answers = await Promise.all([
        callTool(one.client, 'disable_user', { planId }),
        callTool(two.client, 'disable_user', { planId }),
      ]);
      const statuses = answers.map((a) =>
        a.isError ? 'refused' : writeResultSchema.parse(a.structuredContent).status,
      );
      expect(statuses.sort()).toEqual(['applied', 'refused']);
      expect(answers.find((a) => a.isError)?.text).toMatch(
        /cannot be applied: it was not issued by this server/,
      );
      expect(patchesOf(demo, target.id)).toHaveLength(1);
    });

    it('another principal cannot apply it on either replica', async () => {
      const target = user(2);
      const planId = await plan(one, target.id);
      two.as({ principal: 'entra:t1/mallory', roles: ['writer'] });
      try {
        const stolen = await callTool(two.client, 'disable_user', { planId });
        expect(stolen.text).toMatch(/cannot be applied: it was not issued by this server/);
        expect(patchesOf(demo, target.id)).toHaveLength(0);
      } finally {
        two.as(alice);
      }
      const applied = await callTool(two.client, 'disable_user', { planId });
      expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    });

    it('while PostgreSQL is down, a plan neither is made nor applies (said plainly); once back, it applies', async () => {
      const target = user(5);
      const planId = await plan(one, target.id);
      await postgres.stopServer();
      try {
        const planning = await callTool(one.client, 'disable_user', { userId: user(6).id });
        expect(planning.isError).toBe(true);
        expect(planning.text).toMatch(
          /the write-plan store: PostgreSQL at 127\.0\.0\.1:\d+\/plans_replicas cannot be reached/,
        );
        const applying = await callTool(two.client, 'disable_user', { planId });
        expect(applying.isError).toBe(true);
        expect(applying.text).toMatch(/the write-plan store: PostgreSQL at .* cannot be reached/);
        expect(patchesOf(demo, target.id)).toHaveLength(0);
      } finally {
        await postgres.startServer();
      }
      const applied = await callTool(two.client, 'disable_user', { planId });
      expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
      expect(patchesOf(demo, target.id)).toHaveLength(1);
    });

    it('a row edited in the database is refused, audited as tampered, and nothing is sent', async () => {
      const target = user(3);
      const planId = await plan(one, target.id);
      const pool = createPool(url);
      try {
        // Someone with database access re-targets the plan at another user.
        const other = user(4);
        const edited = await pool.query(
          `UPDATE write_plans SET record = replace(record, $1, $2) WHERE id = $3`,
          [`"path":"/users/${target.id}"`, `"path":"/users/${other.id}"`, planId],
        );
        expect(edited.rowCount).toBe(1);
        const refused = await callTool(two.client, 'disable_user', { planId });
        expect(refused.isError).toBe(true);
        expect(refused.text).toMatch(/fails its integrity check/);
        expect(patchesOf(demo, target.id)).toHaveLength(0);
        expect(patchesOf(demo, other.id)).toHaveLength(0);
        expect((await readAudit(two.auditLogPath)).at(-1)).toMatchObject({
          outcome: 'refused',
          detail: { planId, tampered: true },
        });
        expect((await pool.query('SELECT 1 FROM write_plans WHERE id = $1', [planId])).rowCount).toBe(0);
      } finally {
        await pool.end();
      }
    });
  },
);

const samplePlan = {
  summary: 'Disable u1',
  targets: [{ type: 'user', id: 'u1' }],
  requests: [{ method: 'PATCH' as const, path: '/users/u1', body: { accountEnabled: false } }],
  blastRadius: 'one user',
  reversible: true,
};
