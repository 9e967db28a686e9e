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
    expect(lines.map((line) => line.outcome)).toEqual(['planned', 'applied', 'error', 'planned', 'applied']);
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
