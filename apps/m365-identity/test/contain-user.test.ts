// contain_user through the write gate: absent without --allow-writes, a plan that changes nothing,
// an apply that needs the plan id and shows in the tenant, guardrails that refuse with a reason, and
// an audit log holding every step.
import { readFile } from 'node:fs/promises';
import { auditRecordSchema } from '@m365-mcp/audit-log';
import { createDemoTenant, demoPeople, roleTemplateIds } from '@m365-mcp/graph-sim';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { identityServer } from '../src/index.js';
import { breakGlass } from './fixed-tenant.js';
import { callTool } from './support.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(options: Parameters<typeof startTestServer>[1] = {}): Promise<TestServer> {
  t = await startTestServer(identityServer, {
    allowWrites: true,
    config: { breakGlassAccounts: breakGlass },
    ...options,
  });
  t.client.setRequestHandler(ElicitRequestSchema, async () => ({
    action: 'accept',
    content: { confirm: true },
  }));
  return t;
}

async function audit(server: TestServer) {
  const text = await readFile(server.auditLogPath, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => auditRecordSchema.parse(JSON.parse(line)));
}

function writes(server: TestServer) {
  return server.sim.requests
    .all()
    .filter((r) => r.side === 'graph' && r.method !== 'GET')
    .map((r) => `${r.method} ${r.path}`);
}

describe('contain_user', () => {
  it('does not exist without --allow-writes', async () => {
    t = await startTestServer(identityServer);
    const { tools } = await t.client.listTools();
    expect(tools.map((tool) => tool.name)).not.toContain('contain_user');
  });

  it('plans (nothing changes), then applies only with the plan id; the tenant and the audit log show it', async () => {
    const server = await start();
    const { tools } = await server.client.listTools();
    expect(tools.find((tool) => tool.name === 'contain_user')?.annotations?.destructiveHint).toBe(true);
    const isaiah = () => server.sim.tenant.directory.users.find((u) => u.id === demoPeople.isaiah.id);
    const sessionsBefore = isaiah()?.signInSessionsValidFromDateTime;

    const planned = await callTool(server.client, 'contain_user', {
      user: demoPeople.isaiah.userPrincipalName,
      actions: ['confirmCompromised', 'revokeSessions', 'disable'],
    });
    expect(planned.isError).toBeFalsy();
    const plan = planned.structured as {
      status: string;
      planId: string;
      plan: { requests: { method: string; path: string; body?: unknown }[]; reversible: boolean };
    };
    expect(plan.status).toBe('planned');
    expect(plan.plan.requests).toEqual([
      { method: 'PATCH', path: `/users/${demoPeople.isaiah.id}`, body: { accountEnabled: false } },
      { method: 'POST', path: `/users/${demoPeople.isaiah.id}/revokeSignInSessions` },
      {
        method: 'POST',
        path: '/identityProtection/riskyUsers/confirmCompromised',
        body: { userIds: [demoPeople.isaiah.id] },
      },
    ]);
    expect(plan.plan.reversible).toBe(false);
    expect(writes(server)).toEqual([]);
    expect(isaiah()?.accountEnabled).toBe(true);

    const applied = await callTool(server.client, 'contain_user', { planId: plan.planId });
    expect(applied.isError).toBeFalsy();
    expect(applied.structured.status).toBe('applied');
    expect(isaiah()?.accountEnabled).toBe(false);
    expect(isaiah()?.signInSessionsValidFromDateTime).not.toBe(sessionsBefore);
    expect(server.sim.tenant.directory.riskyUsers.find((r) => r.id === demoPeople.isaiah.id)).toMatchObject({
      riskState: 'confirmedCompromised',
      riskLevel: 'high',
    });
    expect(writes(server)).toEqual([
      `PATCH /users/${demoPeople.isaiah.id}`,
      `POST /users/${demoPeople.isaiah.id}/revokeSignInSessions`,
      'POST /identityProtection/riskyUsers/confirmCompromised',
    ]);

    const again = await callTool(server.client, 'contain_user', { planId: plan.planId });
    expect(again.isError).toBe(true);

    const undo = await callTool(server.client, 'contain_user', {
      user: demoPeople.isaiah.id,
      actions: ['enable'],
    });
    const undoPlan = undo.structured as { planId: string };
    expect(
      (await callTool(server.client, 'contain_user', { planId: undoPlan.planId })).structured.status,
    ).toBe('applied');
    expect(isaiah()?.accountEnabled).toBe(true);

    const lines = (await audit(server)).filter((line) => line.tool === 'contain_user');
    expect(lines.map((line) => line.outcome)).toEqual([
      'planned',
      'applied',
      'invalid',
      'planned',
      'applied',
    ]);
    expect(JSON.stringify(lines[0]?.detail)).toContain('revokeSignInSessions');
    expect(lines[1]?.requestIds.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a configured break-glass account, with the reason, and changes nothing', async () => {
    const server = await start();
    const result = await callTool(server.client, 'contain_user', {
      user: demoPeople.breakglass.userPrincipalName,
      actions: ['disable', 'revokeSessions'],
    });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/Refused by a guardrail: .*break-glass/);
    expect(writes(server)).toEqual([]);
    expect((await audit(server)).map((line) => line.outcome)).toEqual(['refused']);
  });

  it('refuses to disable the last enabled Global Administrator', async () => {
    const tenant = createDemoTenant();
    tenant.directory.roleAssignments = tenant.directory.roleAssignments.filter(
      (a) =>
        a.roleDefinitionId !== roleTemplateIds.globalAdministrator || a.principalId === demoPeople.megan.id,
    );
    const server = await start({ tenant });
    const result = await callTool(server.client, 'contain_user', {
      user: demoPeople.megan.userPrincipalName,
      actions: ['disable'],
    });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/last enabled Global Administrator/);
    // Revoking sessions does not lock anyone out, so it is allowed for the same account.
    const revoke = await callTool(server.client, 'contain_user', {
      user: demoPeople.megan.userPrincipalName,
      actions: ['revokeSessions'],
    });
    expect(revoke.structured.status).toBe('planned');
    expect(writes(server)).toEqual([]);
  });

  describe('the last Global Administrator holds at apply time, not only when planned', () => {
    /** Plans `disable` for every enabled user who is directly a Global Administrator. */
    async function planDisablingEveryGlobalAdmin(server: TestServer) {
      const { directory } = server.sim.tenant;
      const admins = directory.roleAssignments
        .filter((a) => a.roleDefinitionId === roleTemplateIds.globalAdministrator)
        .map((a) => directory.users.find((u) => u.id === a.principalId))
        .filter((u) => u?.accountEnabled === true);
      expect(admins.length).toBeGreaterThanOrEqual(3);
      const plans: string[] = [];
      for (const admin of admins) {
        const planned = await callTool(server.client, 'contain_user', {
          user: admin?.id,
          actions: ['disable'],
        });
        // Each plan alone is fine: the others are still enabled when it is made.
        expect(planned.structured.status).toBe('planned');
        plans.push(planned.structured.planId as string);
      }
      return { admins, plans };
    }

    function enabledAdmins(server: TestServer, ids: readonly (string | undefined)[]) {
      return server.sim.tenant.directory.users.filter((u) => ids.includes(u.id) && u.accountEnabled);
    }

    it('applied one after another, the plan that would disable the last one is refused', async () => {
      const server = await start({ config: { breakGlassAccounts: [] } });
      const { admins, plans } = await planDisablingEveryGlobalAdmin(server);
      const results = [];
      for (const planId of plans) results.push(await callTool(server.client, 'contain_user', { planId }));
      expect(results.slice(0, -1).map((r) => r.structured.status)).toEqual(
        plans.slice(1).map(() => 'applied'),
      );
      expect(results.at(-1)?.isError).toBe(true);
      expect(results.at(-1)?.text).toMatch(/Refused by a guardrail: .*last enabled Global Administrator/);
      expect(
        enabledAdmins(
          server,
          admins.map((a) => a?.id),
        ),
      ).toHaveLength(1);
      expect((await audit(server)).at(-1)?.outcome).toBe('refused');
    });

    it('applied all at once, they cannot race past it', async () => {
      const server = await start({ config: { breakGlassAccounts: [] } });
      const { admins, plans } = await planDisablingEveryGlobalAdmin(server);
      const results = await Promise.all(
        plans.map((planId) => callTool(server.client, 'contain_user', { planId })),
      );
      expect(results.filter((r) => r.structured.status === 'applied')).toHaveLength(plans.length - 1);
      expect(results.filter((r) => r.isError)).toHaveLength(1);
      expect(
        enabledAdmins(
          server,
          admins.map((a) => a?.id),
        ),
      ).toHaveLength(1);
    });

    it('a plan made for a tenant that changed since is refused, nothing sent', async () => {
      const server = await start();
      const planned = await callTool(server.client, 'contain_user', {
        user: demoPeople.isaiah.id,
        actions: ['disable'],
      });
      const isaiah = server.sim.tenant.directory.users.find((u) => u.id === demoPeople.isaiah.id);
      if (isaiah) isaiah.accountEnabled = false; // someone disabled him in the portal meanwhile
      const applied = await callTool(server.client, 'contain_user', { planId: planned.structured.planId });
      expect(applied.isError).toBe(true);
      // Planned again from a fresh read, the write has nothing left to do: refused, nothing sent.
      expect(applied.text).toMatch(/^Refused by a guardrail: /);
      expect(writes(server)).toEqual([]);
    });
  });

  it('rejects contradictory actions and users that do not exist', async () => {
    const server = await start();
    const both = await callTool(server.client, 'contain_user', {
      user: demoPeople.adele.id,
      actions: ['disable', 'enable'],
    });
    expect(both.isError).toBe(true);
    expect(both.text).toMatch(/either "disable" or "enable"/);
    const missing = await callTool(server.client, 'contain_user', {
      user: 'nobody@contoso.com',
      actions: ['disable'],
    });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/404/);
    expect(writes(server)).toEqual([]);
  });
});
