// The posture grade a generated tenant is built to show: drawn from the seed, critical keeps the
// demo's plants, warning leaves only moderate gaps, good leaves none of them. Read straight from the
// tenant's data (what the assessments read through Graph and the admin APIs).
import { describe, expect, it } from 'vitest';
import {
  createDemoTenant,
  DEMO_ATTACK_INCIDENT_ID,
  demoPeople,
  generateTenant,
  roleTemplateIds,
  type Tenant,
} from '../../src/index.js';
import { type PostureGrade, postureGradeOf } from '../../src/tenant/generate/posture-grade.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const DAY_MS = 86_400_000;

const tenantOf = (grade: PostureGrade) =>
  generateTenant({ seed: `grade-${grade}`, name: `t-${grade}`, grade, now: NOW });

/** The demo's critical plants, each true when it is present in the tenant. */
function criticalPlants(t: Tenant) {
  const d = t.directory;
  const guests = new Set(d.users.filter((u) => u.userType === 'Guest').map((u) => u.id));
  const admins = new Set(
    [...d.roleAssignments, ...d.roleEligibilities].map((a) => a.principalId).filter((id) => !guests.has(id)),
  );
  const links = t.sharepoint.drives.flatMap((drive) => drive.items.flatMap((item) => item.permissions));
  const anonymous = links.filter((p) => p.link?.scope === 'anonymous');
  const score = t.security.secureScores[0];
  return {
    privilegedGuest: [...d.roleAssignments, ...d.roleEligibilities].some((a) => guests.has(a.principalId)),
    riskyGlobalAdmin: d.riskyUsers.some(
      (u) => u.id === demoPeople.isaiah.id && u.riskState === 'atRisk' && u.riskLevel === 'high',
    ),
    adminWithoutMfa: d.userRegistrationDetails.some((r) => admins.has(r.id) && !r.isMfaRegistered),
    unassignedHighIncident: t.security.incidents.some(
      (i) => i.status !== 'resolved' && i.severity === 'high' && i.assignedTo === null,
    ),
    scoreUnder70: score !== undefined && score.currentScore / score.maxScore < 0.7,
    anonymousEditOrEndless: anonymous.some(
      (p) => p.link?.type !== 'view' || !p.expirationDateTime || p.expirationDateTime.startsWith('0001-'),
    ),
    noLegacyAuthBlock: !d.conditionalAccessPolicies.some((p) => {
      const policy = p as unknown as {
        state: string;
        conditions: { clientAppTypes: string[] };
        grantControls: { builtInControls: string[] };
      };
      return (
        policy.state === 'enabled' &&
        policy.conditions.clientAppTypes.includes('exchangeActiveSync') &&
        policy.conditions.clientAppTypes.includes('other') &&
        policy.grantControls.builtInControls.includes('block')
      );
    }),
    standingGlobalAdmin: d.roleAssignments.some(
      (a) => a.roleDefinitionId === roleTemplateIds.globalAdministrator && a.endDateTime === null,
    ),
    legacySharePointAuth: t.sharepoint.settings.isLegacyAuthProtocolsEnabled,
  };
}

const NONE = {
  privilegedGuest: false,
  riskyGlobalAdmin: false,
  adminWithoutMfa: false,
  unassignedHighIncident: false,
  scoreUnder70: false,
  anonymousEditOrEndless: false,
  noLegacyAuthBlock: false,
  standingGlobalAdmin: false,
  legacySharePointAuth: false,
};

describe('postureGradeOf', () => {
  it('gives three consecutive whole-number seeds (the demo portfolio’s 1, 2, 3) the three grades', () => {
    expect([1, 2, 3].map(postureGradeOf)).toEqual(['critical', 'warning', 'good']);
    expect([4, 5, 6, 0, -1].map(postureGradeOf)).toEqual(['critical', 'warning', 'good', 'good', 'warning']);
    expect(postureGradeOf('3')).toBe(postureGradeOf(3));
  });

  it('draws other seeds from their text: the same seed the same grade, and every grade among many', () => {
    const seeds = Array.from({ length: 30 }, (_, i) => `customer-${i}`);
    expect(seeds.map(postureGradeOf)).toEqual(seeds.map(postureGradeOf));
    expect(new Set(seeds.map(postureGradeOf))).toEqual(new Set(['critical', 'warning', 'good']));
  });
});

describe('generateTenant grades', () => {
  it('critical keeps every critical plant of the demo', () => {
    const plants = criticalPlants(tenantOf('critical'));
    for (const [plant, present] of Object.entries(plants)) expect(present, plant).toBe(true);
    // The same tenant as the seed's own grade: grading adds nothing to a critical tenant.
    expect(JSON.stringify(generateTenant({ seed: 1, name: 'tenant-01', now: NOW }))).toBe(
      JSON.stringify(generateTenant({ seed: 1, name: 'tenant-01', now: NOW, grade: 'critical' })),
    );
  });

  it('warning has none of the critical plants but keeps moderate gaps', () => {
    const t = tenantOf('warning');
    expect(criticalPlants(t)).toEqual(NONE);
    const score = t.security.secureScores[0];
    expect(score && score.currentScore / score.maxScore).toBeGreaterThanOrEqual(0.7);
    expect(score && score.currentScore / score.maxScore).toBeLessThan(0.8);
    expect(t.security.incidents.find((i) => i.id === DEMO_ATTACK_INCIDENT_ID)?.status).toBe('resolved');
    expect(t.security.incidents.some((i) => i.status !== 'resolved' && i.assignedTo === null)).toBe(true);
    const anonymous = t.sharepoint.drives
      .flatMap((d) => d.items.flatMap((i) => i.permissions))
      .filter((p) => p.link?.scope === 'anonymous');
    expect(anonymous.length).toBeGreaterThan(0);
    const diego = t.directory.users.find((u) => u.id === demoPeople.diego.id);
    expect(Date.parse(String(diego?.signInActivity?.lastSignInDateTime))).toBeLessThan(
      NOW.getTime() - 90 * DAY_MS,
    );
  });

  it('good has none of the plants: incidents closed, score over 80% and rising, only internal sharing', () => {
    const t = tenantOf('good');
    expect(criticalPlants(t)).toEqual(NONE);
    const d = t.directory;
    expect(d.riskyUsers.filter((u) => u.riskState === 'atRisk')).toEqual([]);
    expect(t.security.incidents.filter((i) => i.status !== 'resolved')).toEqual([]);
    expect(t.security.alerts.filter((a) => a.status !== 'resolved')).toEqual([]);
    const [today, ...before] = t.security.secureScores;
    expect(today && today.currentScore / today.maxScore).toBeGreaterThanOrEqual(0.8);
    expect(today?.currentScore).toBeGreaterThanOrEqual(before.at(-1)?.currentScore ?? Infinity);
    expect(today?.currentScore).toBe(today?.controlScores.reduce((n, c) => n + c.score, 0));
    const permissions = t.sharepoint.drives.flatMap((drive) =>
      drive.items.flatMap((item) => item.permissions),
    );
    expect(permissions.filter((p) => p.link?.scope === 'anonymous')).toEqual([]);
    expect(JSON.stringify(permissions)).not.toMatch(/#ext#|spo-grid-all-users|@gmail|@outlook/i);
    expect(t.sharepoint.settings.sharingCapability).toBe('externalUserSharingOnly');
    // Every member can do MFA; every admin has a phishing-resistant method; nobody stale.
    expect(d.userRegistrationDetails.filter((r) => r.userType === 'member' && !r.isMfaCapable)).toEqual([]);
    expect(d.userRegistrationDetails.filter((r) => r.isAdmin && !r.isPasswordlessCapable)).toEqual([]);
    const cutoff = NOW.getTime() - 90 * DAY_MS;
    expect(
      d.users.filter(
        (u) => u.accountEnabled && Date.parse(String(u.signInActivity?.lastSignInDateTime ?? 0)) < cutoff,
      ),
    ).toEqual([]);
    // Apps: no expired secret, none valid for more than a year.
    const secrets = d.applications.flatMap(
      (a) => (a.passwordCredentials ?? []) as { endDateTime: string; startDateTime: string }[],
    );
    expect(secrets.filter((s) => Date.parse(s.endDateTime) < NOW.getTime())).toEqual([]);
    expect(
      secrets.filter((s) => Date.parse(s.endDateTime) - Date.parse(s.startDateTime) > 365 * DAY_MS),
    ).toEqual([]);
    // Users may not consent to apps; guests are invited by admins only.
    expect(d.policies.authorizationPolicy).toMatchObject({
      allowInvitesFrom: 'adminsAndGuestInviters',
      defaultUserRolePermissions: { permissionGrantPoliciesAssigned: [] },
    });
    // The DNS: SPF, DMARC at reject or quarantine, both DKIM selectors.
    expect(t.dns.txt['t-good.com']).toContain('v=spf1 include:spf.protection.outlook.com -all');
    expect(t.dns.txt['_dmarc.t-good.com']?.[0]).toMatch(/p=(reject|quarantine)/);
    expect(Object.keys(t.dns.cname)).toContain('selector2._domainkey.t-good.com');
  });

  it('is deterministic per seed and grade, and leaves the demo tenant (Contoso) as it was', () => {
    const contoso = JSON.stringify(createDemoTenant({ now: NOW }));
    for (const grade of ['warning', 'good'] as const) {
      expect(JSON.stringify(tenantOf(grade))).toBe(JSON.stringify(tenantOf(grade)));
    }
    expect(JSON.stringify(createDemoTenant({ now: NOW }))).toBe(contoso);
  });

  it('refuses a grade it does not know, naming the grades', () => {
    expect(() =>
      generateTenant({ seed: 1, name: 'tenant-01', grade: 'excellent' as unknown as PostureGrade }),
    ).toThrow(/grade 'excellent' must be one of critical, warning, good/);
  });
});
