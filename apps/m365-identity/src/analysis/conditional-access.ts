// Conditional access review: the gaps that matter (ScubaGear/CIS semantics, simplified where noted),
// each with the policies that decided it as evidence.
import type { Finding } from '@m365-mcp/mcp-kit';
import type { ConditionalAccessPolicy } from '../graph/schemas.js';
import { ref, type TenantText, tenantResource, validAccountsCloud } from './findings.js';

/** The CISA SCuBA privileged roles an admin MFA policy must cover (by template id). */
export const adminRoleIdsForMfa: ReadonlyMap<string, string> = new Map([
  ['62e90394-69f5-4237-9190-012177145e10', 'Global Administrator'],
  ['e8611ab8-c189-46e8-94e1-60213ab1f814', 'Privileged Role Administrator'],
  ['fe930be7-5e62-47db-91af-98c3a49a38b1', 'User Administrator'],
  ['f28a1f50-f6e7-4571-818b-6a12f2af6b6c', 'SharePoint Administrator'],
  ['29232cdf-9323-42fd-ade2-1d097af3e4de', 'Exchange Administrator'],
  ['8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', 'Hybrid Identity Administrator'],
  ['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', 'Application Administrator'],
  ['158c047a-c907-4556-b7ef-446551a6b5f7', 'Cloud Application Administrator'],
]);

export interface PolicyView {
  id: string;
  displayName: string;
  state: string;
  grants: string[];
  targets: string;
  excludes: { users: number; groups: number; roles: number };
  modifiedDateTime: string | null;
}

export interface BreakGlassInput {
  /** Object ids of the configured break-glass accounts (resolved from config). */
  configured: readonly string[];
}

export interface ConditionalAccessReview {
  policies: PolicyView[];
  enabledCount: number;
  securityDefaultsEnabled: boolean | null;
  /** Users excluded from every enabled policy: the likely break-glass accounts when none is configured. */
  excludedFromAll: string[];
  findings: Finding[];
}

const list = (value: readonly string[] | null | undefined): string[] => [...(value ?? [])];

function users(p: ConditionalAccessPolicy) {
  const u = p.conditions?.users;
  return {
    includeUsers: list(u?.includeUsers),
    excludeUsers: list(u?.excludeUsers),
    includeGroups: list(u?.includeGroups),
    excludeGroups: list(u?.excludeGroups),
    includeRoles: list(u?.includeRoles),
    excludeRoles: list(u?.excludeRoles),
  };
}

const isEnabled = (p: ConditionalAccessPolicy) => p.state === 'enabled';
const allUsers = (p: ConditionalAccessPolicy) => users(p).includeUsers.includes('All');
const allApps = (p: ConditionalAccessPolicy) =>
  list(p.conditions?.applications?.includeApplications).includes('All') &&
  list(p.conditions?.applications?.excludeApplications).length === 0;
const controls = (p: ConditionalAccessPolicy) => list(p.grantControls?.builtInControls);
const requiresMfa = (p: ConditionalAccessPolicy) =>
  controls(p).includes('mfa') || p.grantControls?.authenticationStrength != null;
const blocks = (p: ConditionalAccessPolicy) => controls(p).includes('block');
/** No risk, client-app, location or platform condition narrows when the policy applies. */
const unconditional = (p: ConditionalAccessPolicy) => {
  const c = p.conditions;
  const apps = list(c?.clientAppTypes);
  return (
    list(c?.userRiskLevels).length === 0 &&
    list(c?.signInRiskLevels).length === 0 &&
    (apps.length === 0 || apps.includes('all')) &&
    (c?.locations ?? null) === null &&
    (c?.platforms ?? null) === null
  );
};

function missingAdminRoles(p: ConditionalAccessPolicy): string[] {
  if (allUsers(p)) return [];
  const roles = new Set(users(p).includeRoles);
  return [...adminRoleIdsForMfa].filter(([id]) => !roles.has(id)).map(([, name]) => name);
}

function name(text: TenantText, p: ConditionalAccessPolicy): string {
  return text(p.displayName ?? p.id);
}

function view(text: TenantText, p: ConditionalAccessPolicy): PolicyView {
  const u = users(p);
  const targets = u.includeUsers.includes('All')
    ? 'all users'
    : [
        u.includeUsers.length ? `${u.includeUsers.length} user entr(ies)` : '',
        u.includeGroups.length ? `${u.includeGroups.length} group(s)` : '',
        u.includeRoles.length ? `${u.includeRoles.length} role(s)` : '',
      ]
        .filter(Boolean)
        .join(', ') || 'nobody';
  return {
    id: p.id,
    displayName: name(text, p),
    state: p.state,
    grants: [...controls(p), ...(p.grantControls?.authenticationStrength ? ['authenticationStrength'] : [])],
    targets,
    excludes: { users: u.excludeUsers.length, groups: u.excludeGroups.length, roles: u.excludeRoles.length },
    modifiedDateTime: p.modifiedDateTime ?? null,
  };
}

function evidencePolicies(text: TenantText, policies: readonly ConditionalAccessPolicy[]): string[] {
  return policies.map((p) => `${name(text, p)} [${p.state}]`);
}

interface Check {
  id: string;
  title: string;
  failTitle: string;
  severity: Finding['severity'];
  /** Enabled policies that satisfy the check. */
  satisfies: (p: ConditionalAccessPolicy) => boolean;
  /** Policies that would satisfy it if they were enforced (report-only or disabled). */
  recommendation: string;
  references: Finding['references'];
}

const checks: Check[] = [
  {
    id: 'identity.ca.mfa_admins',
    title: 'MFA is required for administrators',
    failTitle: 'No enforced policy requires MFA for every privileged admin role',
    severity: 'critical',
    satisfies: (p) => allApps(p) && unconditional(p) && requiresMfa(p) && missingAdminRoles(p).length === 0,
    recommendation:
      'Enable a policy that targets every privileged directory role (or all users), all cloud apps, and grants access only with MFA or, better, the phishing-resistant authentication strength.',
    references: [ref.cis('5.2.2.1', 'MFA for all users in administrative roles'), validAccountsCloud],
  },
  {
    id: 'identity.ca.mfa_all_users',
    title: 'MFA is required for all users',
    failTitle: 'No enforced policy requires MFA for all users',
    severity: 'high',
    satisfies: (p) => allUsers(p) && allApps(p) && unconditional(p) && requiresMfa(p),
    recommendation:
      'Enforce a policy for all users and all cloud apps that requires MFA (exclude only the break-glass accounts). If one exists in report-only, review its sign-in impact and switch it on.',
    references: [ref.cis('5.2.2.2', 'MFA for all users'), ref.cisa('MS.AAD.3.2v1'), validAccountsCloud],
  },
  {
    id: 'identity.ca.legacy_auth_blocked',
    title: 'Legacy authentication is blocked',
    failTitle: 'Legacy authentication is not blocked',
    severity: 'high',
    satisfies: (p) => {
      const types = list(p.conditions?.clientAppTypes);
      return (
        allUsers(p) &&
        allApps(p) &&
        blocks(p) &&
        types.includes('exchangeActiveSync') &&
        types.includes('other')
      );
    },
    recommendation:
      'Enforce a policy for all users and all cloud apps with client apps "Exchange ActiveSync" and "Other clients" that blocks access; legacy protocols cannot do MFA and carry most password-spray attacks.',
    references: [
      ref.cis('5.2.2.3', 'Conditional access blocks legacy authentication'),
      ref.cisa('MS.AAD.1.1v1'),
      ref.mitre('T1110.003', 'Brute Force: Password Spraying'),
    ],
  },
  {
    id: 'identity.ca.sign_in_risk_policy',
    title: 'A sign-in risk policy is enforced',
    failTitle: 'No enforced sign-in risk policy',
    severity: 'medium',
    satisfies: (p) => {
      const levels = list(p.conditions?.signInRiskLevels);
      return (
        allUsers(p) && (levels.includes('high') || levels.includes('medium')) && (requiresMfa(p) || blocks(p))
      );
    },
    recommendation:
      'Enforce a policy for all users on medium and high sign-in risk that requires MFA (or blocks), with sign-in frequency "every time".',
    references: [ref.cis('5.2.2.7', 'Identity Protection sign-in risk policy'), ref.cisa('MS.AAD.2.3v1')],
  },
  {
    id: 'identity.ca.user_risk_policy',
    title: 'A user risk policy is enforced',
    failTitle: 'No enforced user risk policy',
    severity: 'high',
    satisfies: (p) =>
      allUsers(p) &&
      list(p.conditions?.userRiskLevels).includes('high') &&
      (blocks(p) || controls(p).includes('passwordChange') || requiresMfa(p)),
    recommendation:
      'Enforce a policy for all users on high user risk that requires a secure password change with MFA (or blocks), so a compromised account cannot keep signing in.',
    references: [
      ref.cis('5.2.2.6', 'Identity Protection user risk policy'),
      ref.cisa('MS.AAD.2.1v1'),
      validAccountsCloud,
    ],
  },
];

function coverageFindings(text: TenantText, policies: readonly ConditionalAccessPolicy[]): Finding[] {
  return checks.map((check) => {
    const enforced = policies.filter((p) => isEnabled(p) && check.satisfies(p));
    const notEnforced = policies.filter((p) => !isEnabled(p) && check.satisfies(p));
    const passed = enforced.length > 0;
    return {
      id: check.id,
      title: passed ? check.title : check.failTitle,
      severity: check.severity,
      status: passed ? 'pass' : 'fail',
      resource: tenantResource,
      evidence: {
        enforcedBy: evidencePolicies(text, enforced),
        notEnforced: evidencePolicies(text, notEnforced),
        policiesReviewed: policies.length,
      },
      recommendation: check.recommendation,
      references: check.references,
    } satisfies Finding;
  });
}

function stateFindings(text: TenantText, policies: readonly ConditionalAccessPolicy[]): Finding[] {
  return policies
    .filter((p) => !isEnabled(p))
    .map((p) => {
      const reportOnly = p.state === 'enabledForReportingButNotEnforced';
      return {
        id: 'identity.ca.policy_not_enforced',
        title: `Policy ${reportOnly ? 'in report-only mode' : 'disabled'}: ${name(text, p)}`,
        severity: reportOnly ? 'medium' : 'low',
        status: 'warning',
        resource: { type: 'conditionalAccessPolicy', id: p.id, displayName: name(text, p) },
        evidence: {
          state: p.state,
          grantControls: controls(p),
          modifiedDateTime: p.modifiedDateTime ?? null,
        },
        recommendation: reportOnly
          ? 'Review the report-only results in the sign-in logs and enforce the policy, or delete it if it is not wanted.'
          : 'Delete the disabled policy or enable it; disabled policies give a false sense of coverage.',
        references: [
          ref.microsoft(
            'Conditional Access report-only mode',
            'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-report-only',
          ),
        ],
      } satisfies Finding;
    });
}

const BROAD_USER_EXCLUSIONS = 5;

function exclusionFindings(
  text: TenantText,
  policies: readonly ConditionalAccessPolicy[],
  breakGlass: ReadonlySet<string>,
): Finding[] {
  const findings: Finding[] = [];
  for (const p of policies.filter(isEnabled)) {
    const u = users(p);
    const extraUsers = u.excludeUsers.filter((id) => !breakGlass.has(id.toLowerCase()));
    if (
      u.excludeGroups.length === 0 &&
      u.excludeRoles.length === 0 &&
      extraUsers.length < BROAD_USER_EXCLUSIONS
    ) {
      continue;
    }
    findings.push({
      id: 'identity.ca.broad_exclusion',
      title: `Broad exclusion from ${name(text, p)}`,
      severity: 'medium',
      status: 'warning',
      resource: { type: 'conditionalAccessPolicy', id: p.id, displayName: name(text, p) },
      evidence: {
        excludeGroups: u.excludeGroups,
        excludeRoles: u.excludeRoles,
        excludedUsersBesidesBreakGlass: extraUsers.length,
      },
      recommendation:
        'Exclude only the break-glass accounts. Replace group or role exclusions with a narrower, time-bound exception and review who is in the excluded groups.',
      references: [ref.cisa('MS.AAD.3.2v1'), validAccountsCloud],
    });
  }
  return findings;
}

function breakGlassFinding(
  text: TenantText,
  policies: readonly ConditionalAccessPolicy[],
  input: BreakGlassInput,
  excludedFromAll: readonly string[],
): Finding {
  const enabled = policies.filter(isEnabled);
  const references = [ref.cis('1.1.2', 'Two emergency access accounts defined')];
  if (input.configured.length === 0) {
    return {
      id: 'identity.ca.break_glass_excluded',
      title: 'No break-glass accounts configured; exclusion from conditional access not verified',
      severity: 'low',
      status: 'manual',
      resource: tenantResource,
      evidence: { configured: [], excludedFromEveryEnabledPolicy: [...excludedFromAll] },
      recommendation:
        'Set M365_BREAK_GLASS_ACCOUNTS (or breakGlassAccounts in the config file) to the emergency access accounts, so this check and the write guardrails know them. Users excluded from every enabled policy are listed as the likely ones.',
      references,
    };
  }
  const missing = input.configured.flatMap((id) =>
    enabled
      .filter((p) => !users(p).excludeUsers.some((x) => x.toLowerCase() === id.toLowerCase()))
      .map((p) => `${id} not excluded from ${name(text, p)}`),
  );
  return {
    id: 'identity.ca.break_glass_excluded',
    title:
      missing.length === 0
        ? 'Break-glass accounts are excluded from every enabled policy'
        : 'Break-glass accounts are not excluded from every enabled policy',
    severity: 'high',
    status: missing.length === 0 ? 'pass' : 'fail',
    resource: tenantResource,
    evidence: {
      configured: [...input.configured],
      gaps: missing.slice(0, 20),
      enabledPolicies: enabled.length,
    },
    recommendation:
      'Exclude each break-glass account directly from every conditional access policy, so a policy mistake cannot lock the tenant out; monitor their sign-ins instead.',
    references,
  };
}

function noPolicyFinding(securityDefaultsEnabled: boolean | null): Finding {
  const enabled = securityDefaultsEnabled === true;
  return {
    id: 'identity.ca.baseline_protection',
    title: enabled
      ? 'No conditional access policy is enforced; Security Defaults are on'
      : 'Neither conditional access nor Security Defaults protect sign-ins',
    severity: 'critical',
    status: securityDefaultsEnabled === null ? 'error' : enabled ? 'pass' : 'fail',
    resource: tenantResource,
    evidence: { enforcedPolicies: 0, securityDefaultsEnabled },
    recommendation:
      'Turn on Security Defaults now, or (with Entra ID P1) enforce conditional access policies for MFA and legacy authentication.',
    references: [ref.cisa('MS.AAD.3.2v1'), validAccountsCloud],
    ...(securityDefaultsEnabled === null ? { reason: 'The Security Defaults state could not be read.' } : {}),
  };
}

/** Users (lower-case ids) excluded from every one of the policies; none when there are no policies. */
function excludedFromEvery(policies: readonly ConditionalAccessPolicy[]): string[] {
  const [first, ...rest] = policies;
  if (!first) return [];
  const sets = rest.map((p) => new Set(users(p).excludeUsers.map((id) => id.toLowerCase())));
  return users(first)
    .excludeUsers.map((id) => id.toLowerCase())
    .filter((id) => sets.every((set) => set.has(id)));
}

export function reviewConditionalAccess(
  text: TenantText,
  policies: readonly ConditionalAccessPolicy[],
  securityDefaultsEnabled: boolean | null,
  breakGlass: BreakGlassInput,
): ConditionalAccessReview {
  const enabled = policies.filter(isEnabled);
  const excludedFromAll = excludedFromEvery(enabled);
  const known = new Set(
    (breakGlass.configured.length > 0 ? breakGlass.configured : excludedFromAll).map((id) =>
      id.toLowerCase(),
    ),
  );
  const findings =
    enabled.length === 0
      ? [noPolicyFinding(securityDefaultsEnabled), ...stateFindings(text, policies)]
      : [
          ...coverageFindings(text, policies),
          ...stateFindings(text, policies),
          ...exclusionFindings(text, policies, known),
          breakGlassFinding(text, policies, breakGlass, excludedFromAll),
        ];
  return {
    policies: policies.map((p) => view(text, p)),
    enabledCount: enabled.length,
    securityDefaultsEnabled,
    excludedFromAll,
    findings,
  };
}
