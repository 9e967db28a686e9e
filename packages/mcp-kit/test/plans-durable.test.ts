// Write plans that survive: a plan made by one server instance applies on another opened later on
// the same SQLite file (a restart), exactly once, for its maker only, before it expires, only if
// nobody changed it in the file, and only for a caller allowed to write. Through a real MCP client
// against graph-sim; what was sent is read from graph-sim's request log.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { AuditKey } from '@m365-mcp/audit-log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTenant } from '../src/cli/demo.js';
import { writeResultSchema } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import { openPlanStore } from '../src/writes/open-plan-store.js';
import type { PlanStore } from '../src/writes/plan-store.js';
import { readAudit } from './audit-file.js';
import {
  enabledMembers,
  type PlansServer,
  patchesOf,
  startPlansServer,
  startPlansTenant,
} from './plans-harness.js';

const alice = { principal: 'entra:t1/alice', roles: ['reader', 'writer'] as ('reader' | 'writer')[] };
let demo: DemoTenant;
let scratch: string;
let env: Record<string, string>;
let users: { id: string; accountEnabled: boolean }[];
let next = 0;

/** A user no other test touches. */
function freshUser() {
  const user = users[next++];
  if (!user) throw new Error('the demo tenant has too few enabled members for these tests');
  return user;
}

beforeAll(async () => {
  demo = await startPlansTenant();
  users = enabledMembers(demo);
  scratch = await mkdtemp(join(tmpdir(), 'mcp-kit-plans-durable-'));
  const keyFile = join(scratch, 'plan.key');
  await writeFile(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  env = { M365_MCP_PLANS_PATH: join(scratch, 'plans.db'), M365_MCP_PLAN_KEY_FILE: keyFile };
});

afterAll(async () => {
  await demo?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A process's plan store over the shared file; `now` is its clock. */
function openStore(now?: () => number): Promise<PlanStore> {
  return openPlanStore({ env, dataDir: scratch, ...(now === undefined ? {} : { now }) });
}

async function plan(server: PlansServer, userId: string): Promise<string> {
  const result = writeResultSchema.parse(
    (await callTool(server.client, 'disable_user', { userId })).structuredContent,
  );
  expect(result.status).toBe('planned');
  return result.planId as string;
}

describe('write plans in a SQLite file', () => {
  it('apply after a restart: the plan made by one instance applies on a new one, once', async () => {
    const user = freshUser();
    let store = await openStore();
    let server = await startPlansServer(demo, store, alice);
    const planId = await plan(server, user.id);
    await server.close();
    await store.close();

    // A new process: nothing in memory, the same file and key.
    store = await openStore();
    server = await startPlansServer(demo, store, alice);
    try {
      const applied = await callTool(server.client, 'disable_user', { planId });
      expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
      expect(user.accountEnabled).toBe(false);
      const again = await callTool(server.client, 'disable_user', { planId });
      expect(again.isError).toBe(true);
      expect(again.text).toMatch(/cannot be applied: it was not issued by this server, was already applied/);
      expect(patchesOf(demo, user.id)).toHaveLength(1);
    } finally {
      await server.close();
      await store.close();
    }
  });

  it('is unknown to another principal, on another instance too, and stays for its maker', async () => {
    const user = freshUser();
    const store = await openStore();
    const first = await startPlansServer(demo, store, alice);
    const second = await startPlansServer(demo, store, { principal: 'entra:t1/mallory', roles: ['writer'] });
    try {
      const planId = await plan(first, user.id);
      const stolen = await callTool(second.client, 'disable_user', { planId });
      expect(stolen.isError).toBe(true);
      expect(stolen.text).toMatch(/cannot be applied: it was not issued by this server/);
      expect(patchesOf(demo, user.id)).toHaveLength(0);
      second.as(alice);
      const applied = await callTool(second.client, 'disable_user', { planId });
      expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
      expect(patchesOf(demo, user.id)).toHaveLength(1);
    } finally {
      await first.close();
      await second.close();
      await store.close();
    }
  });

  it('refuses an expired plan by the injected clock, and sends nothing', async () => {
    const user = freshUser();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const store = await openStore(() => now);
    const server = await startPlansServer(demo, store, alice);
    try {
      const planId = await plan(server, user.id);
      now += 15 * 60 * 1000;
      const late = await callTool(server.client, 'disable_user', { planId });
      expect(late.isError).toBe(true);
      expect(late.text).toMatch(/cannot be applied: it has expired/);
      expect(patchesOf(demo, user.id)).toHaveLength(0);
      expect(user.accountEnabled).toBe(true);
    } finally {
      await server.close();
      await store.close();
    }
  });

  it('refuses a plan whose body was edited in the file: audited as tampered, nothing sent', async () => {
    const user = freshUser();
    const store = await openStore();
    const server = await startPlansServer(demo, store, alice);
    try {
      const planId = await plan(server, user.id);
      // Someone with access to the file turns "disable" into something else.
      const { DatabaseSync: Database } = process.getBuiltinModule('node:sqlite');
      const db: DatabaseSync = new Database(env.M365_MCP_PLANS_PATH as string);
      const edited = db
        .prepare(
          `UPDATE write_plans SET record = replace(record, '"accountEnabled":false', '"accountEnabled":false,"passwordPolicies":"DisablePasswordExpiration"') WHERE id = ?`,
        )
        .run(planId);
      db.close();
      expect(edited.changes).toBe(1);

      const refused = await callTool(server.client, 'disable_user', { planId });
      expect(refused.isError).toBe(true);
      expect(refused.text).toMatch(
        /refused: the stored plan fails its integrity check \(the Graph requests were changed\)/,
      );
      expect(patchesOf(demo, user.id)).toHaveLength(0);
      expect(user.accountEnabled).toBe(true);
      const last = (await readAudit(server.auditLogPath)).at(-1);
      expect(last).toMatchObject({ outcome: 'refused', detail: { planId, tampered: true } });
      // The operator hears of it on stderr, with the key id and never the key.
      const warning = server.logs.find((line) =>
        line.includes(`write plan ${planId} failed its integrity check`),
      );
      expect(warning).toContain(store.keyId);
      expect(warning).not.toContain(await readFile(env.M365_MCP_PLAN_KEY_FILE as string, 'utf8'));
      // Removed: the same id is unknown from now on.
      const again = await callTool(server.client, 'disable_user', { planId });
      expect(again.text).toMatch(/cannot be applied: it was not issued by this server/);
    } finally {
      await server.close();
      await store.close();
    }
  });

  it('refuses the apply to a reader (audited, nothing sent) and lets a writer apply', async () => {
    const user = freshUser();
    const store = await openStore();
    const reader = { principal: 'entra:t1/rita', roles: ['reader'] as ('reader' | 'writer')[] };
    const server = await startPlansServer(demo, store, reader);
    try {
      // A reader may plan.
      const planId = await plan(server, user.id);
      const refused = await callTool(server.client, 'disable_user', { planId });
      expect(refused.isError).toBe(true);
      // Refused by the write gate or, before it, by the call envelope: either says the role and
      // audits a refusal that names the plan.
      expect(refused.text).toMatch(/(write|writer) role/);
      expect(refused.text).toMatch(/Nothing was changed/);
      expect(patchesOf(demo, user.id)).toHaveLength(0);
      expect((await readAudit(server.auditLogPath)).at(-1)).toMatchObject({
        outcome: 'refused',
        arguments: expect.objectContaining({ planId }),
      });

      // The same person with the writer role now: the plan was kept for them.
      server.as({ principal: reader.principal, roles: ['reader', 'writer'] });
      const applied = await callTool(server.client, 'disable_user', { planId });
      expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
      expect(patchesOf(demo, user.id)).toHaveLength(1);
    } finally {
      await server.close();
      await store.close();
    }
  });
});

describe('choosing the store', () => {
  it('keeps plans in memory by default, in <data dir>/plans.db for a durable server, or at M365_MCP_PLANS_PATH', async () => {
    const keyEnv = { M365_MCP_PLAN_KEY_FILE: env.M365_MCP_PLAN_KEY_FILE as string };
    const memory = await openPlanStore({ env: {}, dataDir: scratch });
    expect(memory.repository.kind).toBe('memory');
    await memory.close();
    const durable = await openPlanStore({ env: keyEnv, dataDir: join(scratch, 'data'), durable: true });
    expect(durable.repository).toMatchObject({ kind: 'sqlite', path: join(scratch, 'data', 'plans.db') });
    await durable.close();
    const named = await openPlanStore({ env, dataDir: scratch });
    expect(named.repository).toMatchObject({ kind: 'sqlite', path: env.M365_MCP_PLANS_PATH });
    await named.close();
  });
});

describe('the plan key', () => {
  it('refuses a durable store without a key, saying what to set', async () => {
    await expect(
      openPlanStore({ env: { M365_MCP_PLANS_PATH: join(scratch, 'keyless.db') }, dataDir: scratch }),
    ).rejects.toThrow(/M365_MCP_PLAN_KEY_FILE.*M365_AUDIT_KEY_FILE/s);
  });

  it('is derived from the audit key: the same audit key reads the plans, another refuses them', async () => {
    const path = join(scratch, 'derived.db');
    const auditKey = AuditKey.fromSecret(randomBytes(32).toString('hex'));
    const store = await openPlanStore({ env: { M365_MCP_PLANS_PATH: path }, dataDir: scratch, auditKey });
    const made = await store.add('disable_user', { userId: 'u1' }, samplePlan, 'local');
    await store.close();

    const same = await openPlanStore({ env: { M365_MCP_PLANS_PATH: path }, dataDir: scratch, auditKey });
    expect((await same.find(made.id, 'disable_user', 'local')).ok).toBe(true);
    await same.close();
    const other = await openPlanStore({
      env: { M365_MCP_PLANS_PATH: path },
      dataDir: scratch,
      auditKey: AuditKey.fromSecret(randomBytes(32).toString('hex')),
    });
    expect(await other.find(made.id, 'disable_user', 'local')).toMatchObject({
      ok: false,
      reason: 'tampered',
    });
    await other.close();
  });

  it('refuses a key file others can read', async () => {
    const loose = join(scratch, 'loose.key');
    await writeFile(loose, randomBytes(32).toString('hex'), { mode: 0o644 });
    await expect(openPlanStore({ env: { M365_MCP_PLAN_KEY_FILE: loose }, dataDir: scratch })).rejects.toThrow(
      /can be read or written by other users \(mode 644\); run "chmod 600/,
    );
  });
});

const samplePlan = {
  summary: 'Disable u1',
  targets: [{ type: 'user', id: 'u1' }],
  requests: [{ method: 'PATCH' as const, path: '/users/u1', body: { accountEnabled: false } }],
  blastRadius: 'one user',
  reversible: true,
};
