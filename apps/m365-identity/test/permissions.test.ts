// Least privilege, proven both ways: with the manifest's roles every call succeeds (the simulator
// refuses anything else, so the other suites passing proves the set is enough), and without any
// one of them some call fails with a 403 that names exactly that permission (so none is spare).
import { permissionsFor } from '@m365-mcp/auth';
import { demoPeople } from '@m365-mcp/graph-sim';
import { startTestServer } from '@m365-mcp/mcp-kit/testing';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { identityPermissions, identityServer } from '../src/index.js';
import { callTool, findingsOf } from './support.js';

const reads = permissionsFor(identityPermissions, { writes: false }).map((p) => p.permission);
const all = permissionsFor(identityPermissions, { writes: true }).map((p) => p.permission);

describe('the permission manifest', () => {
  it('declares reads and writes apart, each with its catalogue id and a reason', () => {
    expect(reads.sort()).toEqual(
      [
        'Application.Read.All',
        'AuditLog.Read.All',
        'GroupMember.ReadBasic.All',
        'IdentityRiskEvent.Read.All',
        'IdentityRiskyUser.Read.All',
        'Policy.Read.All',
        'RoleManagement.Read.Directory',
        'User.Read.All',
      ].sort(),
    );
    expect(all.filter((p) => !reads.includes(p)).sort()).toEqual([
      'IdentityRiskyUser.ReadWrite.All',
      'User.EnableDisableAccount.All',
      'User.RevokeSessions.All',
    ]);
    for (const p of identityPermissions.permissions) {
      expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(p.reason.length).toBeGreaterThan(20);
    }
  });

  const readCases: [string, string][] = [
    ['IdentityRiskyUser.Read.All', 'analyze_risky_users'],
    ['IdentityRiskEvent.Read.All', 'analyze_risky_users'],
    ['AuditLog.Read.All', 'get_mfa_coverage'],
    ['Policy.Read.All', 'review_conditional_access'],
    ['RoleManagement.Read.Directory', 'list_privileged_access'],
    ['GroupMember.ReadBasic.All', 'list_privileged_access'],
    ['User.Read.All', 'find_stale_accounts'],
    ['Application.Read.All', 'audit_app_credentials'],
  ];
  it.each(readCases)('without %s, %s fails with a 403 naming it', async (permission, tool) => {
    const t = await startTestServer(identityServer, { roles: reads.filter((r) => r !== permission) });
    try {
      const result = await callTool(t.client, tool);
      expect(result.isError).toBe(true);
      expect(result.text).toContain('403');
      expect(result.text).toContain(permission);
    } finally {
      await t.close();
    }
  });

  it('without AuditLog.Read.All, find_stale_accounts fails with the 403 (signInActivity needs it beside User.Read.All)', async () => {
    // The catalogue is by path (GET /users); graph-core also knows that a selected signInActivity
    // needs AuditLog.Read.All, so the 403 names that permission first.
    const t = await startTestServer(identityServer, {
      roles: reads.filter((r) => r !== 'AuditLog.Read.All'),
    });
    try {
      const result = await callTool(t.client, 'find_stale_accounts');
      expect(result.isError).toBe(true);
      expect(result.text).toMatch(/GET \/users \(403 Forbidden\)/);
      expect(result.text).toMatch(/lacks AuditLog\.Read\.All/);
      const denied = t.sim.requests.all().filter((r) => r.status === 403);
      expect(denied.map((r) => r.path)).toEqual(['/users']);
    } finally {
      await t.close();
    }
  });

  it('the assessment reports an area it may not read as skipped, naming the permission, never pass or fail', async () => {
    const t = await startTestServer(identityServer, {
      roles: reads.filter((r) => r !== 'Application.Read.All'),
    });
    try {
      const result = await callTool(t.client, 'assess_identity_posture', {});
      expect(result.isError).toBeFalsy();
      const apps = findingsOf(result).filter((f) => f.id.startsWith('identity.apps'));
      expect(apps).toEqual([
        expect.objectContaining({
          status: 'skipped',
          reason: expect.stringContaining('Application.Read.All'),
        }),
      ]);
      expect(result.structured.status).toBe('critical');
    } finally {
      await t.close();
    }
  });

  it('without the role permission, the assessment still reports risky users (its privileged area is skipped)', async () => {
    const t = await startTestServer(identityServer, {
      roles: reads.filter((r) => r !== 'RoleManagement.Read.Directory'),
    });
    try {
      const result = await callTool(t.client, 'assess_identity_posture', {});
      const findings = findingsOf(result);
      expect(findings.find((f) => f.id === 'identity.privilegedAccess.unavailable')?.status).toBe('skipped');
      const atRisk = findings.find((f) => f.id === 'identity.risk.users_at_risk');
      expect(atRisk).toMatchObject({ status: 'fail', severity: 'high' });
      expect(JSON.stringify(atRisk?.evidence)).toContain('IsaiahL@contoso.com');
    } finally {
      await t.close();
    }
  });

  const writeCases: [string, string][] = [
    ['User.EnableDisableAccount.All', 'disable'],
    ['User.RevokeSessions.All', 'revokeSessions'],
    ['IdentityRiskyUser.ReadWrite.All', 'confirmCompromised'],
  ];
  it.each(writeCases)(
    'without %s, contain_user %s fails to apply and says which permission',
    async (permission, action) => {
      const t = await startTestServer(identityServer, {
        allowWrites: true,
        roles: all.filter((r) => r !== permission),
      });
      t.client.setRequestHandler(ElicitRequestSchema, async () => ({
        action: 'accept',
        content: { confirm: true },
      }));
      try {
        const planned = await callTool(t.client, 'contain_user', {
          user: demoPeople.adele.id,
          actions: [action],
        });
        const applied = await callTool(t.client, 'contain_user', {
          planId: (planned.structured as { planId: string }).planId,
        });
        expect(applied.isError).toBe(true);
        expect(applied.structured.status).toBe('failed');
        expect(applied.text).toContain('403');
        // The catalogue graph-core ships does not list User.RevokeSessions.All for revokeSignInSessions.
        if (permission !== 'User.RevokeSessions.All') expect(applied.text).toContain(permission);
      } finally {
        await t.close();
      }
    },
  );
});
