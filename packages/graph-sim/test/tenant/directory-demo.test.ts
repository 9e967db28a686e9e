// The demo directory's planted facts, checked on the data itself (the routes have their own tests).
import { describe, expect, it } from 'vitest';
import catalogue from '../../src/permissions/catalogue.generated.json' with { type: 'json' };
import { demoAppIds } from '../../src/tenant/demo/directory/applications.js';
import { demoGroupIds } from '../../src/tenant/demo/directory/groups.js';
import { hasEntraIdP1, hasEntraIdP2, setEntraIdLicence } from '../../src/tenant/demo/directory/licences.js';
import { directoryPeople } from '../../src/tenant/demo/directory/users.js';
import { graphAppRoleIds, roleTemplateIds } from '../../src/tenant/demo/directory/wellKnown.js';
import { adminUserIds, demoDirectory } from '../../src/tenant/demo/directory.js';
import { demoPeople } from '../../src/tenant/demo/people.js';

const NOW = new Date('2026-09-01T12:00:00Z');
const DAY = 86_400_000;
const p = { ...demoPeople, ...directoryPeople };

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

function ageDays(iso: string | null | undefined): number {
  if (!iso) return Number.POSITIVE_INFINITY;
  return (NOW.getTime() - Date.parse(iso)) / DAY;
}

describe('demo directory', () => {
  const d = demoDirectory(NOW);

  it('is deterministic for a given now and independent between calls', () => {
    const again = demoDirectory(NOW);
    expect(JSON.stringify(again)).toBe(JSON.stringify(d));
    must(again.users[0], 'user').accountEnabled = false;
    expect(d.users[0]?.accountEnabled).toBe(true);
  });

  it('has about 25 users with unique ids, including every named person', () => {
    expect(d.users.length).toBeGreaterThanOrEqual(22);
    expect(new Set(d.users.map((u) => u.id)).size).toBe(d.users.length);
    for (const person of Object.values(demoPeople)) {
      const user = d.users.find((u) => u.id === person.id);
      expect(user?.userPrincipalName).toBe(person.userPrincipalName);
    }
  });

  it('has five standing Global Administrators including both break-glass accounts and a guest', () => {
    const ga = d.roleAssignments.filter((a) => a.roleDefinitionId === roleTemplateIds.globalAdministrator);
    expect(ga).toHaveLength(5);
    expect(ga.every((a) => a.endDateTime === null && a.assignmentType === 'Assigned')).toBe(true);
    const holders = ga.map((a) => a.principalId);
    expect(holders).toEqual(
      expect.arrayContaining([p.breakglass.id, p.breakglass2.id, p.isaiah.id, p.partner.id]),
    );
    expect(d.users.find((u) => u.id === p.partner.id)?.userType).toBe('Guest');
  });

  it('plants a synced Privileged Role Administrator and a role-assignable group holding an admin role', () => {
    const christie = d.users.find((u) => u.id === p.christie.id);
    expect(christie?.onPremisesSyncEnabled).toBe(true);
    expect(d.roleAssignments).toContainEqual(
      expect.objectContaining({
        principalId: p.christie.id,
        roleDefinitionId: roleTemplateIds.privilegedRoleAdministrator,
      }),
    );
    const tier0 = d.groups.find((g) => g.id === demoGroupIds.tier0Admins);
    expect(tier0?.isAssignableToRole).toBe(true);
    expect(d.roleAssignments.some((a) => a.principalId === demoGroupIds.tier0Admins)).toBe(true);
    expect(adminUserIds(d).has(p.grady.id)).toBe(true);
  });

  it('plants a high-risk Global Administrator with recent detections', () => {
    const risky = d.riskyUsers.find((r) => r.id === p.isaiah.id);
    expect(risky).toMatchObject({ riskLevel: 'high', riskState: 'atRisk' });
    const detections = d.riskDetections.filter((r) => r.userId === p.isaiah.id);
    expect(detections.length).toBeGreaterThanOrEqual(2);
    expect(detections.every((r) => ageDays(r.activityDateTime as string) < 2)).toBe(true);
  });

  it('plants admins without MFA and with SMS only, consistent with their registration rows', () => {
    const row = (id: string) => d.userRegistrationDetails.find((r) => r.id === id);
    expect(row(p.alex.id)).toMatchObject({ isAdmin: true, isMfaRegistered: false, methodsRegistered: [] });
    expect(row(p.lee.id)).toMatchObject({
      isAdmin: true,
      isMfaCapable: true,
      methodsRegistered: ['mobilePhone'],
    });
    expect(row(p.megan.id)?.methodsRegistered).toEqual(['microsoftAuthenticatorPush', 'fido2']);
    expect(row(p.megan.id)?.isPasswordlessCapable).toBe(true);
    expect(row(p.diego.id)?.isAdmin).toBe(false);
    expect(d.userRegistrationDetails).toHaveLength(d.users.length);
  });

  it('plants stale accounts', () => {
    const user = (id: string) =>
      must(
        d.users.find((u) => u.id === id),
        id,
      );
    expect(ageDays(user(p.diego.id).signInActivity?.lastSignInDateTime)).toBeCloseTo(200, 0);
    expect(user(p.diego.id).accountEnabled).toBe(true);
    expect(user(p.pradeep.id).signInActivity).toBeNull();
    expect(ageDays(user(p.pradeep.id).createdDateTime)).toBeCloseTo(400, 0);
    expect(user(p.lynne.id).accountEnabled).toBe(false);
    expect(user(p.lynne.id).assignedLicenses?.length).toBe(1);
  });

  it('plants the conditional access gaps, with break-glass excluded everywhere', () => {
    const policies = d.conditionalAccessPolicies as unknown as {
      state: string;
      conditions: {
        clientAppTypes: string[];
        userRiskLevels: string[];
        signInRiskLevels: string[];
        users: {
          includeUsers: string[];
          includeRoles: string[];
          excludeUsers: string[];
          excludeGroups: string[];
        };
      };
      grantControls: { builtInControls: string[] };
    }[];
    const adminMfa = policies.find((c) =>
      c.conditions.users.includeRoles.includes(roleTemplateIds.globalAdministrator),
    );
    expect(adminMfa?.state).toBe('enabled');
    const allMfa = policies.find(
      (c) => c.conditions.users.includeUsers.includes('All') && c.conditions.signInRiskLevels.length === 0,
    );
    expect(allMfa?.state).toBe('enabledForReportingButNotEnforced');
    const blocksLegacy = policies.some(
      (c) =>
        c.state === 'enabled' &&
        c.grantControls.builtInControls.includes('block') &&
        c.conditions.clientAppTypes.includes('exchangeActiveSync'),
    );
    expect(blocksLegacy).toBe(false);
    expect(policies.some((c) => c.conditions.signInRiskLevels.length > 0 && c.state === 'enabled')).toBe(
      true,
    );
    expect(policies.some((c) => c.conditions.userRiskLevels.length > 0)).toBe(false);
    expect(policies.some((c) => c.conditions.users.excludeGroups.includes(demoGroupIds.sales))).toBe(true);
    for (const c of policies) {
      expect(c.conditions.users.excludeUsers).toEqual(
        expect.arrayContaining([p.breakglass.id, p.breakglass2.id]),
      );
    }
  });

  it('plants the tenant-wide policy failures', () => {
    expect(d.policies.identitySecurityDefaultsEnforcementPolicy.isEnabled).toBe(false);
    expect(d.policies.adminConsentRequestPolicy.isEnabled).toBe(false);
    expect(d.policies.authorizationPolicy.allowInvitesFrom).toBe('everyone');
    const perms = d.policies.authorizationPolicy.defaultUserRolePermissions as {
      permissionGrantPoliciesAssigned: string[];
    };
    expect(
      perms.permissionGrantPoliciesAssigned.some((id) => id.startsWith('ManagePermissionGrantsForSelf.')),
    ).toBe(true);
    const configs = d.policies.authenticationMethodsPolicy.authenticationMethodConfigurations as {
      id: string;
      state: string;
    }[];
    expect(configs.find((c) => c.id === 'Sms')?.state).toBe('enabled');
  });

  it('plants an expired secret, a 2-year secret holding Directory.ReadWrite.All, and a healthy app', () => {
    const app = (id: string) =>
      must(
        d.applications.find((a) => a.id === id),
        id,
      );
    const secrets = (id: string) =>
      app(id).passwordCredentials as { startDateTime: string; endDateTime: string }[];
    expect(Date.parse(must(secrets(demoAppIds.hrSync.id)[0], 'secret').endDateTime)).toBeLessThan(
      NOW.getTime(),
    );
    const reporting = must(secrets(demoAppIds.reporting.id)[0], 'secret');
    expect((Date.parse(reporting.endDateTime) - Date.parse(reporting.startDateTime)) / DAY).toBeCloseTo(
      730,
      0,
    );
    expect(d.appRoleAssignments).toContainEqual(
      expect.objectContaining({
        principalId: demoAppIds.reporting.sp,
        appRoleId: '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
        resourceId: demoAppIds.graph.sp,
      }),
    );
    const intranet = app(demoAppIds.intranet.id);
    expect(intranet.passwordCredentials).toEqual([]);
    const cert = must((intranet.keyCredentials as { endDateTime: string }[])[0], 'certificate');
    expect(Date.parse(cert.endDateTime)).toBeGreaterThan(NOW.getTime() + 60 * DAY);
  });

  it("uses Microsoft Graph's real app role ids", () => {
    const known = new Map(catalogue.permissions as [string, string | null][]);
    for (const [name, id] of Object.entries(graphAppRoleIds)) expect(known.get(name), name).toBe(id);
  });

  it('records directory audit entries for recent policy changes, newest first', () => {
    const times = d.directoryAudits.map((a) => Date.parse(a.activityDateTime as string));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(
      d.directoryAudits.some((a) => a.category === 'Policy' && ageDays(a.activityDateTime as string) < 7),
    ).toBe(true);
  });

  it('is licensed for Entra ID P2, and can be re-licensed without it', () => {
    expect(hasEntraIdP2(d)).toBe(true);
    const p1 = demoDirectory(NOW);
    setEntraIdLicence(p1, 'P1');
    expect(hasEntraIdP2(p1)).toBe(false);
    expect(hasEntraIdP1(p1)).toBe(true);
    const free = demoDirectory(NOW);
    setEntraIdLicence(free, 'free');
    expect(hasEntraIdP1(free)).toBe(false);
    const sku = must(free.subscribedSkus[0], 'sku');
    expect(sku.consumedUnits).toBe(free.users.filter((u) => (u.assignedLicenses ?? []).length > 0).length);
  });
});
