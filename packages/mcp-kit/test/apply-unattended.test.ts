import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AuditEntryInput, openAuditLog } from '@m365-mcp/audit-log';
import type { GraphSim } from '@m365-mcp/graph-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoTenant } from '../src/cli/demo.js';
import { graphFromEnvironment, type ServerConfig } from '../src/cli/startup.js';
import { applyWriteUnattended, type UnattendedWriteOptions } from '../src/index.js';
import { readAudit } from './audit-file.js';
import { disableUser, samplePermissions } from './sample-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(options: { allowWrites: boolean; appCanWrite?: boolean; breakGlass?: string[] }) {
  const demo = await startDemoTenant({ manifest: samplePermissions, writes: options.appCanWrite ?? true });
  cleanups.push(() => demo.sim.close());
  const { graph } = await graphFromEnvironment(demo.env, { ca: demo.sim.ca });
  cleanups.push(() => graph.close());
  const dir = await mkdtemp(join(tmpdir(), 'unattended-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const auditLogPath = join(dir, 'audit.jsonl');
  const auditLog = await openAuditLog(auditLogPath, { server: 'm365-sample' });
  cleanups.push(() => auditLog.close());
  const config: ServerConfig = {
    auditLogPath,
    breakGlassAccounts: options.breakGlass ?? [],
    allowWrites: options.allowWrites,
    demo: true,
    settings: {},
  };
  const writeOptions: UnattendedWriteOptions = {
    graph,
    config,
    server: 'm365-sample',
    auditLog,
    caller: 'tester',
    session: 'unattended-test',
    authorisedBy: 'test allow-list',
    stderr: () => undefined,
  };
  return { sim: demo.sim, auditLogPath, writeOptions };
}

function enabledMember(sim: GraphSim) {
  const user = sim.tenant.directory.users.find((u) => u.accountEnabled && u.userType === 'Member');
  if (!user) throw new Error('the demo tenant has no enabled member');
  return user;
}

function patchesOf(sim: GraphSim, userId: string) {
  return sim.requests.all().filter((r) => r.method === 'PATCH' && r.path === `/users/${userId}`);
}

describe('applyWriteUnattended: the write gate without a client', () => {
  it('plans, audits the plan, applies it and audits the outcome with its request-id', async () => {
    const { sim, auditLogPath, writeOptions } = await setUp({ allowWrites: true });
    const user = enabledMember(sim);

    const result = await applyWriteUnattended(disableUser, { userId: user.id }, writeOptions);

    expect(result.status).toBe('applied');
    expect(result.plan?.requests).toEqual([
      { method: 'PATCH', path: `/users/${user.id}`, body: { accountEnabled: false } },
    ]);
    expect(user.accountEnabled).toBe(false);
    expect(patchesOf(sim, user.id)).toHaveLength(1);
    const lines = await readAudit(auditLogPath);
    expect(lines.map((l) => l.outcome)).toEqual(['planned', 'applied']);
    expect(lines[0]?.detail).toMatchObject({ planId: result.planId, confirmedBy: 'test allow-list' });
    expect(lines[1]?.detail).toMatchObject({ planId: result.planId, confirmedBy: 'test allow-list' });
    expect(lines[1]?.requestIds.length).toBeGreaterThan(0);
  });

  it("records the tenant it was told on both audit lines, and hands it to the tool's plan", async () => {
    const { sim, auditLogPath, writeOptions } = await setUp({ allowWrites: true });
    const user = enabledMember(sim);
    const tenant = { name: 'contoso', tenantId: sim.tenantId, displayName: 'Contoso' };
    const seen: unknown[] = [];
    const watching = {
      ...disableUser,
      plan: (args: Record<string, unknown>, ctx: Parameters<typeof disableUser.plan>[1]) => {
        seen.push(ctx.tenant);
        return disableUser.plan(args, ctx);
      },
    };

    const result = await applyWriteUnattended(watching, { userId: user.id }, { ...writeOptions, tenant });

    expect(result.status).toBe('applied');
    expect(seen).toEqual([tenant]);
    const lines = await readAudit(auditLogPath);
    for (const line of lines) {
      expect(line.detail).toMatchObject({ tenant: { name: 'contoso', tenantId: sim.tenantId } });
    }
  });

  it('refuses without --allow-writes: nothing planned, nothing sent, the refusal audited', async () => {
    const { sim, auditLogPath, writeOptions } = await setUp({ allowWrites: false });
    const user = enabledMember(sim);

    const result = await applyWriteUnattended(disableUser, { userId: user.id }, writeOptions);

    expect(result.status).toBe('refused');
    expect(result.message).toMatch(/--allow-writes/);
    expect(sim.requests.all().filter((r) => r.path.startsWith('/users/'))).toHaveLength(0);
    expect((await readAudit(auditLogPath)).map((l) => l.outcome)).toEqual(['refused']);
  });

  it('keeps the guardrails: a break-glass account is refused and left alone', async () => {
    const { sim, auditLogPath, writeOptions } = await setUp({ allowWrites: true, breakGlass: [] });
    const user = enabledMember(sim);
    writeOptions.config.breakGlassAccounts = [user.userPrincipalName];

    const result = await applyWriteUnattended(disableUser, { userId: user.id }, writeOptions);

    expect(result.status).toBe('refused');
    expect(result.message).toMatch(/break-glass/);
    expect(user.accountEnabled).toBe(true);
    expect(patchesOf(sim, user.id)).toHaveLength(0);
    expect((await readAudit(auditLogPath)).map((l) => l.outcome)).toEqual(['refused']);
  });

  it('reports a write Graph refuses as failed, audited as an error, with the missing permission', async () => {
    const { sim, auditLogPath, writeOptions } = await setUp({ allowWrites: true, appCanWrite: false });
    const user = enabledMember(sim);

    const result = await applyWriteUnattended(disableUser, { userId: user.id }, writeOptions);

    expect(result.status).toBe('failed');
    expect(result.failed?.error).toMatch(/User\.ReadWrite\.All|permission/i);
    expect(user.accountEnabled).toBe(true);
    expect((await readAudit(auditLogPath)).map((l) => l.outcome)).toEqual(['planned', 'error']);
  });

  it('sends nothing when the plan cannot be audited', async () => {
    const { sim, writeOptions } = await setUp({ allowWrites: true });
    const user = enabledMember(sim);
    const failingLog = {
      append: async (entry: AuditEntryInput) => {
        if (entry.outcome === 'planned') throw new Error('disk full');
      },
    };

    await expect(
      applyWriteUnattended(disableUser, { userId: user.id }, { ...writeOptions, auditLog: failingLog }),
    ).rejects.toThrow(/disk full/);
    expect(patchesOf(sim, user.id)).toHaveLength(0);
    expect(user.accountEnabled).toBe(true);
  });

  it('answers bad arguments with a clear error and sends nothing', async () => {
    const { sim, writeOptions } = await setUp({ allowWrites: true });

    const result = await applyWriteUnattended(disableUser, { userId: '' }, writeOptions);

    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/Invalid arguments for disable_user/);
    expect(sim.requests.all().filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });
});
