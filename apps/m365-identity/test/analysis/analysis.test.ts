// The domain logic on its own (no MCP, no Graph): edge cases the demo tenant does not cover.
import type { Finding } from '@m365-mcp/mcp-kit';
import { describe, expect, it } from 'vitest';
import { appFindings, auditApps, permissionRisk } from '../../src/analysis/app-credentials.js';
import { reviewConditionalAccess } from '../../src/analysis/conditional-access.js';
import { plainText } from '../../src/analysis/findings.js';
import { mfaCoverage } from '../../src/analysis/mfa-coverage.js';
import { postureStatus } from '../../src/analysis/posture-status.js';
import { findStaleAccounts, lastSignIn } from '../../src/analysis/stale-accounts.js';
import type { ConditionalAccessPolicy } from '../../src/graph/schemas.js';

const NOW = new Date('2026-09-01T00:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

function finding(status: Finding['status'], severity: Finding['severity']): Finding {
  return {
    id: 'x',
    title: 'x',
    severity,
    status,
    resource: { type: 'tenant', id: 't' },
    evidence: {},
    recommendation: '',
    references: [],
  };
}

describe('postureStatus', () => {
  it('applies the stated rule', () => {
    expect(postureStatus([finding('fail', 'critical'), finding('pass', 'low')])).toBe('critical');
    expect(postureStatus([finding('warning', 'critical')])).toBe('warning');
    expect(postureStatus([finding('fail', 'medium')])).toBe('warning');
    expect(postureStatus([finding('fail', 'low'), finding('pass', 'critical')])).toBe('ok');
    expect(postureStatus([finding('skipped', 'info'), finding('pass', 'high')])).toBe('unknown');
    expect(postureStatus([finding('skipped', 'info'), finding('fail', 'high')])).toBe('warning');
  });
});

function policy(
  fields: Partial<ConditionalAccessPolicy> & {
    users?: Record<string, string[]>;
    extra?: Record<string, unknown>;
  },
): ConditionalAccessPolicy {
  return {
    id: fields.id ?? 'p1',
    displayName: fields.displayName ?? 'policy',
    state: fields.state ?? 'enabled',
    conditions: {
      clientAppTypes: ['all'],
      applications: { includeApplications: ['All'], excludeApplications: [] },
      users: { includeUsers: ['All'], excludeUsers: [], ...fields.users },
      ...fields.extra,
    },
    grantControls: fields.grantControls ?? { operator: 'OR', builtInControls: ['mfa'] },
  };
}

const ids = (findings: Finding[], status: Finding['status']) =>
  findings.filter((f) => f.status === status).map((f) => f.id);

describe('reviewConditionalAccess', () => {
  it('does not count a risk-conditioned or app-excluding policy as MFA coverage', () => {
    const review = reviewConditionalAccess(
      plainText,
      [
        policy({ id: 'risk', extra: { signInRiskLevels: ['high'] } }),
        policy({
          id: 'apps',
          extra: { applications: { includeApplications: ['All'], excludeApplications: ['x'] } },
        }),
      ],
      false,
      { configured: [] },
    );
    expect(ids(review.findings, 'fail')).toContain('identity.ca.mfa_all_users');
    expect(ids(review.findings, 'pass')).toContain('identity.ca.sign_in_risk_policy');
  });

  it('an admin policy missing a privileged role fails; authentication strength counts as MFA', () => {
    const admins = policy({
      users: { includeUsers: [], includeRoles: ['62e90394-69f5-4237-9190-012177145e10'] },
      grantControls: {
        operator: 'OR',
        builtInControls: [],
        authenticationStrength: { id: '00000000-0000-0000-0000-000000000004' },
      },
    });
    const review = reviewConditionalAccess(plainText, [admins], null, { configured: [] });
    const finding = review.findings.find((f) => f.id === 'identity.ca.mfa_admins');
    expect(finding?.status).toBe('fail');
    const all = reviewConditionalAccess(
      plainText,
      [
        policy({
          grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: 'x' } },
        }),
      ],
      null,
      { configured: [] },
    );
    expect(ids(all.findings, 'pass')).toEqual(
      expect.arrayContaining(['identity.ca.mfa_admins', 'identity.ca.mfa_all_users']),
    );
  });

  it('infers likely break-glass accounts (excluded everywhere) when none are configured', () => {
    const review = reviewConditionalAccess(
      plainText,
      [
        policy({ id: 'a', users: { excludeUsers: ['bg', 'x'] } }),
        policy({ id: 'b', users: { excludeUsers: ['BG'] } }),
      ],
      null,
      { configured: [] },
    );
    expect(review.excludedFromAll).toEqual(['bg']);
    expect(review.findings.find((f) => f.id === 'identity.ca.break_glass_excluded')?.status).toBe('manual');
  });

  it('many excluded users (besides break-glass) is a broad exclusion', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'bg'];
    const review = reviewConditionalAccess(plainText, [policy({ users: { excludeUsers: many } })], null, {
      configured: ['bg'],
    });
    expect(
      review.findings.find((f) => f.id === 'identity.ca.broad_exclusion')?.evidence
        .excludedUsersBesidesBreakGlass,
    ).toBe(5);
  });
});

describe('stale accounts', () => {
  it('uses the latest of interactive, non-interactive and successful sign-ins', () => {
    const user = {
      id: 'u',
      signInActivity: {
        lastSignInDateTime: daysAgo(200),
        lastNonInteractiveSignInDateTime: daysAgo(3),
        lastSuccessfulSignInDateTime: null,
      },
    };
    expect(lastSignIn(user)?.toISOString()).toBe(daysAgo(3));
    expect(
      findStaleAccounts(plainText, [{ ...user, accountEnabled: true }], {
        now: NOW,
        days: 90,
        guestDays: 90,
      }),
    ).toEqual([]);
  });

  it('applies the guest threshold to guests and skips new never-signed-in accounts', () => {
    const accounts = findStaleAccounts(
      plainText,
      [
        {
          id: 'g',
          userType: 'Guest',
          accountEnabled: true,
          signInActivity: { lastSignInDateTime: daysAgo(40) },
        },
        {
          id: 'm',
          userType: 'Member',
          accountEnabled: true,
          signInActivity: { lastSignInDateTime: daysAgo(40) },
        },
        {
          id: 'new',
          userType: 'Member',
          accountEnabled: true,
          createdDateTime: daysAgo(5),
          signInActivity: null,
        },
        { id: 'off', userType: 'Member', accountEnabled: false, assignedLicenses: [] },
      ],
      { now: NOW, days: 90, guestDays: 30 },
    );
    expect(accounts.map((a) => [a.id, a.reason])).toEqual([['g', 'inactiveGuest']]);
  });
});

describe('app credentials', () => {
  it('rates permissions: tier 0, broad data, harmless', () => {
    expect(permissionRisk('RoleManagement.ReadWrite.Directory')).toBe('tier0');
    expect(permissionRisk('Mail.Send')).toBe('high');
    expect(permissionRisk('Calendars.ReadWrite.All')).toBe('high');
    expect(permissionRisk('User.Read.All')).toBeNull();
  });

  it('reports a certificate expiring soon, and service principal credentials on their app', () => {
    const data = {
      applications: [
        {
          id: 'app',
          appId: 'a1',
          displayName: 'App',
          keyCredentials: [{ keyId: 'k', startDateTime: daysAgo(300), endDateTime: daysAgo(-10) }],
          passwordCredentials: [],
        },
      ],
      servicePrincipals: [
        {
          id: 'sp',
          appId: 'a1',
          displayName: 'App',
          passwordCredentials: [{ keyId: 's', startDateTime: daysAgo(1), endDateTime: daysAgo(-900) }],
        },
      ],
      graphGrants: [],
      complete: true,
    };
    const options = { now: NOW, expiringWithinDays: 30, maxSecretLifetimeDays: 365 };
    const reports = auditApps(plainText, data, options);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.credentialIssues.map((c) => `${c.kind}:${c.issue}`).sort()).toEqual([
      'certificate:expiringSoon',
      'secret:longLived',
    ]);
    expect(
      appFindings(reports, options)
        .filter((f) => f.status !== 'pass')
        .map((f) => f.id)
        .sort(),
    ).toEqual(['identity.apps.expiring_credential', 'identity.apps.long_lived_secret']);
  });
});

describe('mfa coverage', () => {
  it('counts only members for coverage and flags admins with only phishable methods', () => {
    const coverage = mfaCoverage(plainText, [
      {
        id: 'a',
        userPrincipalName: 'a',
        userType: 'member',
        isAdmin: true,
        isMfaRegistered: true,
        isMfaCapable: true,
        methodsRegistered: ['mobilePhone', 'email'],
      },
      {
        id: 'g',
        userPrincipalName: 'g',
        userType: 'guest',
        isAdmin: false,
        isMfaRegistered: false,
        isMfaCapable: false,
        methodsRegistered: [],
      },
    ]);
    expect(coverage.totals).toMatchObject({ members: 1, guests: 1, mfaCapableShare: 1 });
    expect(coverage.adminsWithWeakMethodsOnly.map((u) => u.id)).toEqual(['a']);
  });
});
