// Every read tool through a real MCP client against the demo tenant (graph-sim over HTTPS): the
// planted issues are found with their evidence, outputs validate against the schemas (the SDK
// checks structuredContent), and the summaries stay short.
import {
  demoAppIds,
  demoConditionalAccessIds,
  demoGroupIds,
  demoPeople,
  directoryPeople,
} from '@m365-mcp/graph-sim';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityServer } from '../src/index.js';
import { callTool, findingsOf, problems, summaryOf } from './support.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(identityServer, {
    // One by object id, one by UPN (resolved through Graph).
    config: {
      breakGlassAccounts: [demoPeople.breakglass.id, directoryPeople.breakglass2.userPrincipalName],
      // Listed, so the client checks every structuredContent against its tool's schema.
      outputSchemas: true,
    },
  });
}, 60_000);
afterAll(() => t.close());

function expectShortSummary(text: string): void {
  expect(text.length).toBeGreaterThan(20);
  expect(text.length).toBeLessThan(1500);
}

describe('m365-identity tools on the demo tenant', () => {
  it('lists exactly the read tools and prompts, with read-only annotations, without --allow-writes', async () => {
    const { tools } = await t.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'analyze_risky_users',
      'assess_identity_posture',
      'audit_app_credentials',
      'find_stale_accounts',
      'get_mfa_coverage',
      'list_privileged_access',
      'review_conditional_access',
    ]);
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint).toBe(true);
      expect(tool.outputSchema).toBeDefined();
    }
    const assessment = tools.find((tool) => tool.name === 'assess_identity_posture');
    expect(assessment?._meta?.['m365-mcp/assessment']).toBe(true);
    const { prompts } = await t.client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['contain_compromised_user', 'identity_review']);
    const prompt = await t.client.getPrompt({
      name: 'contain_compromised_user',
      arguments: { user: 'IsaiahL@contoso.com' },
    });
    expect(JSON.stringify(prompt.messages)).toContain('contain_user');
  });

  it('analyze_risky_users: the Global Administrator at high risk comes first, with detections', async () => {
    const result = await callTool(t.client, 'analyze_risky_users');
    expect(result.isError).toBeFalsy();
    expectShortSummary(summaryOf(result));
    const users = result.structured.users as {
      id: string;
      riskLevel: string;
      privilegedRoles: string[];
      detections: { riskEventType: string }[];
    }[];
    expect(users.map((u) => u.id)).toEqual([demoPeople.isaiah.id, demoPeople.adele.id]);
    expect(users[0]?.privilegedRoles).toContain('Global Administrator');
    expect(users[0]?.detections.map((d) => d.riskEventType).sort()).toEqual([
      'anonymizedIPAddress',
      'leakedCredentials',
      'unfamiliarFeatures',
    ]);
    const [critical] = problems(result, 'identity.risk.privileged_user_at_risk');
    expect(critical).toMatchObject({ severity: 'critical', resource: { id: demoPeople.isaiah.id } });
    expect(summaryOf(result)).toContain('IsaiahL@contoso.com');

    const remediated = await callTool(t.client, 'analyze_risky_users', {
      states: ['remediated', 'dismissed'],
    });
    expect((remediated.structured.users as { id: string }[]).map((u) => u.id).sort()).toEqual(
      [demoPeople.diego.id, demoPeople.johanna.id].sort(),
    );
    const high = await callTool(t.client, 'analyze_risky_users', { levels: ['high'], limit: 1 });
    expect(high.structured.total).toBe(1);
    expect(high.structured.cursor).toBeUndefined();
  });

  it('get_mfa_coverage: admins without MFA and with SMS only, coverage and method distribution', async () => {
    const result = await callTool(t.client, 'get_mfa_coverage', { limit: 5 });
    expect(result.isError).toBeFalsy();
    expectShortSummary(summaryOf(result));
    const s = result.structured as {
      adminsWithoutMfa: { id: string }[];
      adminsWithWeakMethodsOnly: { id: string; methods: string[] }[];
      totals: { mfaCapableShare: number; members: number };
      methodDistribution: Record<string, number>;
      membersNotPasswordlessCapable: unknown[];
      notPasswordlessTotal: number;
      cursor?: string;
    };
    expect(s.adminsWithoutMfa.map((u) => u.id)).toEqual([demoPeople.alex.id]);
    expect(s.adminsWithWeakMethodsOnly).toEqual([
      expect.objectContaining({ id: demoPeople.lee.id, methods: ['mobilePhone'] }),
    ]);
    expect(s.totals.mfaCapableShare).toBeLessThan(1);
    expect(s.methodDistribution.mobilePhone).toBeGreaterThan(0);
    expect(s.membersNotPasswordlessCapable).toHaveLength(5);
    expect(s.notPasswordlessTotal).toBeGreaterThan(5);
    const next = await callTool(t.client, 'get_mfa_coverage', { limit: 5, cursor: s.cursor });
    expect(next.structured.membersNotPasswordlessCapable).not.toEqual(s.membersNotPasswordlessCapable);
    expect(problems(result, 'identity.mfa.admin_without_mfa')[0]?.severity).toBe('critical');
    expect(problems(result, 'identity.mfa.members_not_capable')[0]?.evidence.users).toContain(
      'PradeepG@contoso.com',
    );
  });

  it('review_conditional_access: legacy auth, user risk and sign-in risk gaps, report-only MFA, broad exclusion, break-glass ok', async () => {
    const result = await callTool(t.client, 'review_conditional_access');
    expect(result.isError).toBeFalsy();
    expectShortSummary(summaryOf(result));
    expect(problems(result, 'identity.ca.legacy_auth_blocked')).toHaveLength(1);
    expect(problems(result, 'identity.ca.user_risk_policy')).toHaveLength(1);
    const [mfaAll] = problems(result, 'identity.ca.mfa_all_users');
    expect(mfaAll?.evidence.notEnforced).toEqual([
      'CA002: Require multifactor authentication for all users [enabledForReportingButNotEnforced]',
    ]);
    expect(problems(result, 'identity.ca.mfa_admins')).toEqual([]);
    // CA003 is enforced for all users but excludes the Sales group: not a policy for everyone.
    expect(problems(result, 'identity.ca.sign_in_risk_policy')[0]?.evidence.enforcedWithGaps).toEqual([
      `CA003: Require multifactor authentication for risky sign-ins [enabled]: excludes group ${demoGroupIds.sales} (members besides break-glass)`,
    ]);
    expect(
      problems(result, 'identity.ca.policy_not_enforced')
        .map((f) => f.resource.id)
        .sort(),
    ).toEqual([demoConditionalAccessIds.mfaAllUsers, demoConditionalAccessIds.blockCountries].sort());
    const [broad] = problems(result, 'identity.ca.broad_exclusion');
    expect(broad).toMatchObject({
      resource: { id: demoConditionalAccessIds.signInRisk },
      evidence: { excludeGroups: [demoGroupIds.sales] },
    });
    const bg = findingsOf(result).find((f) => f.id === 'identity.ca.break_glass_excluded');
    expect(bg?.status).toBe('pass');
    expect(result.structured.securityDefaultsEnabled).toBe(false);
    expect(result.structured.enabledPolicies).toBe(3);
  });

  it('list_privileged_access: five GAs, the guest GA, the synced admin, group members expanded, PIM states', async () => {
    const result = await callTool(t.client, 'list_privileged_access', { limit: 50 });
    expect(result.isError).toBeFalsy();
    expectShortSummary(summaryOf(result));
    const counts = result.structured.counts as Record<string, number>;
    expect(counts.globalAdmins).toBe(5);
    expect(counts.privilegedGuests).toBe(1);
    expect(counts.syncedAdmins).toBe(1);
    expect(problems(result, 'identity.privileged.global_admin_count')[0]?.evidence.globalAdmins).toBe(5);
    expect(problems(result, 'identity.privileged.guest_admin')[0]?.resource.id).toBe(demoPeople.partner.id);
    expect(problems(result, 'identity.privileged.synced_admin')[0]?.resource.id).toBe(demoPeople.christie.id);
    const standing = problems(result, 'identity.privileged.standing_access')[0];
    expect(JSON.stringify(standing?.evidence)).not.toContain('breakglass');
    const assignments = result.structured.assignments as {
      principalId: string;
      role: string;
      kind: string;
      duration: string;
      viaGroup: string | null;
    }[];
    expect(
      assignments
        .filter((a) => a.viaGroup !== null)
        .map((a) => a.principalId)
        .sort(),
    ).toEqual([demoPeople.grady.id, demoPeople.nestor.id].sort());
    expect(assignments).toContainEqual(
      expect.objectContaining({ principalId: demoPeople.joni.id, kind: 'active', duration: 'activated' }),
    );
    expect(assignments).toContainEqual(
      expect.objectContaining({ principalId: demoPeople.joni.id, kind: 'eligible' }),
    );
  });

  it('find_stale_accounts: inactive member and guest, never signed in, disabled but licensed', async () => {
    const result = await callTool(t.client, 'find_stale_accounts');
    expect(result.isError).toBeFalsy();
    expectShortSummary(summaryOf(result));
    const accounts = result.structured.accounts as { id: string; reason: string }[];
    expect(Object.fromEntries(accounts.map((a) => [a.id, a.reason]))).toEqual({
      [demoPeople.diego.id]: 'inactiveMember',
      [directoryPeople.kiran.id]: 'inactiveGuest',
      [demoPeople.pradeep.id]: 'neverSignedIn',
      [demoPeople.lynne.id]: 'disabledLicensed',
    });
    const strict = await callTool(t.client, 'find_stale_accounts', { days: 30, reasons: ['inactiveMember'] });
    expect((strict.structured.accounts as { id: string }[]).map((a) => a.id)).toContain(
      directoryPeople.breakglass2.id,
    );
  });

  it('audit_app_credentials: the expired secret, the 2-year secret and Directory.ReadWrite.All', async () => {
    const result = await callTool(t.client, 'audit_app_credentials');
    expect(result.isError).toBeFalsy();
    expectShortSummary(summaryOf(result));
    expect(problems(result, 'identity.apps.expired_credential')[0]).toMatchObject({
      resource: { id: demoAppIds.hrSync.id },
      evidence: { validCredentials: 0 },
    });
    expect(problems(result, 'identity.apps.long_lived_secret')[0]?.resource.id).toBe(demoAppIds.reporting.id);
    const [perm] = problems(result, 'identity.apps.high_risk_permission');
    expect(perm?.resource.id).toBe(demoAppIds.reporting.id);
    expect(JSON.stringify(perm?.evidence)).toContain('Directory.ReadWrite.All');
    expect(JSON.stringify(result.structured)).not.toContain('Contoso Intranet');
  });

  it('assess_identity_posture reports progress as each of its six areas settles', async () => {
    const progress: { progress: number; total?: number; message?: string }[] = [];
    const result = await t.client.callTool({ name: 'assess_identity_posture', arguments: {} }, undefined, {
      onprogress: (p) => void progress.push(p),
    });
    expect(result.isError).toBeFalsy();
    expect(progress.map((p) => [p.progress, p.total])).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, 6]));
    expect(progress.map((p) => p.message?.split(' ')[0]).sort()).toEqual(
      ['apps', 'conditionalAccess', 'mfa', 'privilegedAccess', 'riskyUsers', 'staleAccounts'].sort(),
    );
  });

  it('assess_identity_posture: CRITICAL, with the rule, every area run, and next actions', async () => {
    const result = await callTool(t.client, 'assess_identity_posture', {});
    expect(result.isError).toBeFalsy();
    expectShortSummary(summaryOf(result));
    const s = result.structured as {
      status: string;
      statusRule: string;
      nextActions: string[];
      areas: { ran: boolean }[];
    };
    expect(s.status).toBe('critical');
    expect(s.statusRule).toMatch(/CRITICAL when/);
    expect(s.areas.every((a) => a.ran)).toBe(true);
    expect(s.nextActions.length).toBeGreaterThan(2);
    const ids = new Set(
      findingsOf(result)
        .filter((f) => f.status === 'fail')
        .map((f) => f.id),
    );
    for (const id of [
      'identity.risk.privileged_user_at_risk',
      'identity.mfa.admin_without_mfa',
      'identity.ca.legacy_auth_blocked',
      'identity.privileged.guest_admin',
      'identity.stale.inactive_members',
      'identity.apps.high_risk_permission',
    ]) {
      expect(ids).toContain(id);
    }
  });
});
