// Disabled accounts and disabled apps are not active exposure: a disabled Global Administrator is
// not counted among the admins (nor as standing access) but is its own finding; a disabled admin
// without MFA, a disabled user at risk and a disabled app with a dangerous permission or an expired
// secret raise no urgent finding. Each scenario: the variant with the finding, and the one without.
import { demoAppIds, demoPeople, directoryPeople, type Tenant } from '@m365-mcp/graph-sim';
import { describe, expect, it } from 'vitest';
import { fixMfa, fixRisk, tenantWith } from '../fixed-tenant.js';
import { findingWith, problemsWith, scenarioServer } from './scenario-server.js';
import { addUser, cleanTenant, grantRole, roles, user } from './tenant-builder.js';

const run = scenarioServer();
const FORMER_ADMIN = '5c1e0000-0000-4000-8000-00000000a001';

function withFormerAdmin(enabled: boolean, holdsRole = true): Tenant {
  const t = cleanTenant();
  addUser(t, FORMER_ADMIN, 'former.admin@contoso.com', { accountEnabled: enabled });
  if (holdsRole) grantRole(t, FORMER_ADMIN, roles.globalAdministrator);
  return t;
}

describe('a disabled Global Administrator', () => {
  it('is not counted as an admin or as standing access, but is a finding of its own', async () => {
    const result = await run(withFormerAdmin(false), 'list_privileged_access');
    expect(findingWith(result, 'identity.privileged.global_admin_count')).toMatchObject({
      status: 'pass',
      evidence: { globalAdmins: 3, disabledNotCounted: ['former.admin@contoso.com'] },
    });
    expect(problemsWith(result, 'identity.privileged.standing_access')).toEqual([]);
    expect(problemsWith(result, 'identity.privileged.disabled_admin')).toEqual([
      expect.objectContaining({
        severity: 'medium',
        resource: expect.objectContaining({ id: FORMER_ADMIN }),
        evidence: expect.objectContaining({ accountEnabled: false, breakGlass: false }),
      }),
    ]);
    expect(result.structured.counts).toMatchObject({ globalAdmins: 3, disabledPrivileged: 1 });
  });

  it('the same account enabled is exposure: a fourth GA with standing access, no disabled finding', async () => {
    const result = await run(withFormerAdmin(true), 'list_privileged_access');
    expect(findingWith(result, 'identity.privileged.global_admin_count')?.evidence.globalAdmins).toBe(4);
    expect(problemsWith(result, 'identity.privileged.standing_access')).toHaveLength(1);
    expect(problemsWith(result, 'identity.privileged.disabled_admin')).toEqual([]);
  });

  it('fixed (its role removed): no finding at all', async () => {
    const result = await run(withFormerAdmin(false, false), 'list_privileged_access');
    expect(
      result.structured.counts as Record<string, number>,
      'a disabled account without a role is nobody’s concern here',
    ).toMatchObject({ globalAdmins: 3, disabledPrivileged: 0 });
    expect(problemsWith(result, 'identity.privileged.disabled_admin')).toEqual([]);
  });

  it('a disabled guest GA is no guest-admin exposure, only the disabled-admin finding', async () => {
    const t = cleanTenant();
    grantRole(t, demoPeople.partner.id, roles.globalAdministrator);
    const enabled = await run(t, 'list_privileged_access');
    expect(problemsWith(enabled, 'identity.privileged.guest_admin')).toHaveLength(1);
    user(t, demoPeople.partner.id).accountEnabled = false;
    const disabled = await run(t, 'list_privileged_access');
    expect(problemsWith(disabled, 'identity.privileged.guest_admin')).toEqual([]);
    expect(problemsWith(disabled, 'identity.privileged.disabled_admin')[0]?.resource.id).toBe(
      demoPeople.partner.id,
    );
  });

  it('a disabled break-glass account is a high finding: the emergency way in is shut', async () => {
    const t = cleanTenant();
    user(t, directoryPeople.breakglass2.id).accountEnabled = false;
    const result = await run(t, 'list_privileged_access');
    expect(problemsWith(result, 'identity.privileged.disabled_admin')).toEqual([
      expect.objectContaining({
        severity: 'high',
        title: 'Break-glass account is disabled: breakglass02@contoso.onmicrosoft.com',
      }),
    ]);
    // Two enabled GAs are left: the count still passes.
    expect(findingWith(result, 'identity.privileged.global_admin_count')?.status).toBe('pass');
  });
});

describe('a disabled admin without MFA', () => {
  it('enabled, it is a critical gap; disabled, it cannot sign in and is not counted', async () => {
    // The demo's Exchange Administrator, Alex, has no MFA method registered.
    const t = tenantWith(fixRisk);
    const enabled = await run(t, 'get_mfa_coverage');
    expect(problemsWith(enabled, 'identity.mfa.admin_without_mfa')[0]?.resource.id).toBe(demoPeople.alex.id);
    user(t, demoPeople.alex.id).accountEnabled = false;
    const disabled = await run(t, 'get_mfa_coverage');
    expect(problemsWith(disabled, 'identity.mfa.admin_without_mfa')).toEqual([]);
    expect(JSON.stringify(problemsWith(disabled, 'identity.mfa.members_not_capable'))).not.toContain('AlexW');
    expect((disabled.structured.totals as Record<string, number>).disabledExcluded).toBeGreaterThan(0);
  });
});

describe('a disabled Global Administrator at high risk', () => {
  it('enabled, it is critical; disabled (contained), it is listed but not counted', async () => {
    // The demo's Isaiah is a Global Administrator at high risk.
    const t = tenantWith(fixMfa);
    const enabled = await run(t, 'analyze_risky_users');
    expect(problemsWith(enabled, 'identity.risk.privileged_user_at_risk')[0]).toMatchObject({
      severity: 'critical',
      resource: { id: demoPeople.isaiah.id },
    });
    user(t, demoPeople.isaiah.id).accountEnabled = false;
    const contained = await run(t, 'analyze_risky_users');
    expect(problemsWith(contained, 'identity.risk.privileged_user_at_risk')).toEqual([]);
    const others = findingWith(contained, 'identity.risk.users_at_risk');
    expect(others?.evidence.disabledAtRisk).toEqual(['IsaiahL@contoso.com (high, atRisk)']);
    expect(JSON.stringify(others?.evidence.users)).not.toContain('IsaiahL');
    expect(contained.structured.users).toContainEqual(
      expect.objectContaining({ id: demoPeople.isaiah.id, accountEnabled: false }),
    );
  });
});

describe('a disabled app', () => {
  function spOf(t: Tenant, id: string) {
    const sp = t.directory.servicePrincipals.find((s) => s.id === id);
    if (!sp) throw new Error(`no service principal ${id}`);
    return sp;
  }

  it('holding Directory.ReadWrite.All with a 2-year secret: no urgent finding, one low clean-up warning', async () => {
    // The demo's reporting app holds the permission and the long-lived secret.
    const t = tenantWith(fixRisk);
    const enabled = await run(t, 'audit_app_credentials');
    expect(problemsWith(enabled, 'identity.apps.high_risk_permission')[0]?.resource.id).toBe(
      demoAppIds.reporting.id,
    );
    spOf(t, demoAppIds.reporting.sp).accountEnabled = false;
    const disabled = await run(t, 'audit_app_credentials');
    const ids = (id: string) => problemsWith(disabled, id).map((f) => f.resource.id);
    expect(ids('identity.apps.high_risk_permission')).toEqual([]);
    expect(ids('identity.apps.long_lived_secret')).toEqual([]);
    expect(problemsWith(disabled, 'identity.apps.disabled_app_with_access')).toEqual([
      expect.objectContaining({
        severity: 'low',
        status: 'warning',
        resource: expect.objectContaining({ id: demoAppIds.reporting.id }),
        evidence: expect.objectContaining({ highRiskPermissions: ['Directory.ReadWrite.All'] }),
      }),
    ]);
  });

  it('with only an expired secret: an outage when enabled, nothing to report when disabled', async () => {
    // The demo's HR sync app: its only secret expired a month ago.
    const t = tenantWith(fixRisk);
    const enabled = await run(t, 'audit_app_credentials');
    expect(problemsWith(enabled, 'identity.apps.expired_credential')[0]?.resource.id).toBe(
      demoAppIds.hrSync.id,
    );
    spOf(t, demoAppIds.hrSync.sp).accountEnabled = false;
    const disabled = await run(t, 'audit_app_credentials');
    expect(problemsWith(disabled, 'identity.apps.expired_credential')).toEqual([]);
    expect(
      problemsWith(disabled, 'identity.apps.disabled_app_with_access').map((f) => f.resource.id),
    ).not.toContain(demoAppIds.hrSync.id);
  });
});
