// The conditional access requirements (ScubaGear/CIS semantics): each is met only by an enforced
// policy whose controls fit and whose reach has no gap (policy-scope.ts). Report-only and disabled
// policies never meet one; enforced policies that fit but leave people or sign-ins out are named
// with their gaps, so "why does this fail?" has its answer in the evidence.
import { directoryRoleNames, scubaPrivilegedRoleIds } from '@m365-mcp/graph-core';
import type { Finding } from '@m365-mcp/mcp-kit';
import type { ConditionalAccessPolicy } from '../graph/schemas.js';
import { ref, type TenantText, tenantResource, validAccountsCloud } from './findings.js';
import {
  appGaps,
  type Condition,
  conditionGaps,
  type ExclusionContext,
  exclusionGaps,
  policyUsers,
  targetsAllUsers,
} from './policy-scope.js';

/** The CISA SCuBA privileged roles an admin MFA policy must cover (by template id). */
export const adminRoleIdsForMfa: ReadonlyMap<string, string> = new Map(
  scubaPrivilegedRoleIds.map((id) => [id, directoryRoleNames.get(id) ?? id]),
);

const list = (value: readonly string[] | null | undefined): string[] => [...(value ?? [])];

export const isEnabled = (p: ConditionalAccessPolicy) => p.state === 'enabled';
const controls = (p: ConditionalAccessPolicy) => list(p.grantControls?.builtInControls);
const requiresMfa = (p: ConditionalAccessPolicy) =>
  controls(p).includes('mfa') || p.grantControls?.authenticationStrength != null;
const blocks = (p: ConditionalAccessPolicy) => controls(p).includes('block');
const roleName = (id: string) => adminRoleIdsForMfa.get(id) ?? id;

/** Everyone, every app, every sign-in but the conditions the check is about. */
function everyoneGaps(p: ConditionalAccessPolicy, ctx: ExclusionContext, allowed: Condition[]): string[] {
  return [
    ...(targetsAllUsers(p) ? [] : ['not all users']),
    ...exclusionGaps(p, ctx, roleName),
    ...appGaps(p),
    ...conditionGaps(p, allowed),
  ];
}

/** Every privileged role (or all users), every app and sign-in; an exclusion can drop an admin. */
function adminGaps(p: ConditionalAccessPolicy, ctx: ExclusionContext): string[] {
  const roles = new Set(policyUsers(p).includeRoles);
  const missing = targetsAllUsers(p)
    ? []
    : [...adminRoleIdsForMfa].filter(([id]) => !roles.has(id)).map(([, name]) => name);
  return [
    ...(missing.length > 0 ? [`misses role(s) ${missing.join(', ')}`] : []),
    ...exclusionGaps(p, ctx, roleName),
    ...appGaps(p),
    ...conditionGaps(p),
  ];
}

export interface Check {
  id: string;
  title: string;
  failTitle: string;
  severity: Finding['severity'];
  /** The policy's controls and trigger fit the requirement (whatever its reach). */
  fits: (p: ConditionalAccessPolicy) => boolean;
  /** What the policy's reach leaves out; empty = it reaches everyone it must. */
  gaps: (p: ConditionalAccessPolicy, ctx: ExclusionContext) => string[];
  /** The policy is aimed at the check's audience (all users, or the admins): a near miss is worth naming. */
  aims: (p: ConditionalAccessPolicy) => boolean;
  recommendation: string;
  references: Finding['references'];
}

export const checks: Check[] = [
  {
    id: 'identity.ca.mfa_admins',
    title: 'MFA is required for administrators',
    failTitle: 'No enforced policy requires MFA for every privileged admin role',
    severity: 'critical',
    fits: requiresMfa,
    gaps: adminGaps,
    aims: (p) => targetsAllUsers(p) || policyUsers(p).includeRoles.length > 0,
    recommendation:
      'Enable a policy that targets every privileged directory role (or all users), all cloud apps, and grants access only with MFA or, better, the phishing-resistant authentication strength; exclude only the break-glass accounts.',
    references: [ref.cis('5.2.2.1', 'MFA for all users in administrative roles'), validAccountsCloud],
  },
  {
    id: 'identity.ca.mfa_all_users',
    title: 'MFA is required for all users',
    failTitle: 'No enforced policy requires MFA for all users',
    severity: 'high',
    fits: requiresMfa,
    gaps: (p, ctx) => everyoneGaps(p, ctx, []),
    aims: targetsAllUsers,
    recommendation:
      'Enforce a policy for all users and all cloud apps that requires MFA, with no condition narrowing it (exclude only the break-glass accounts). If one exists in report-only, review its sign-in impact and switch it on.',
    references: [ref.cis('5.2.2.2', 'MFA for all users'), ref.cisa('MS.AAD.3.2v1'), validAccountsCloud],
  },
  {
    id: 'identity.ca.legacy_auth_blocked',
    title: 'Legacy authentication is blocked',
    failTitle: 'Legacy authentication is not blocked',
    severity: 'high',
    fits: (p) => {
      const types = list(p.conditions?.clientAppTypes);
      return blocks(p) && types.includes('exchangeActiveSync') && types.includes('other');
    },
    gaps: (p, ctx) => everyoneGaps(p, ctx, ['clientApps']),
    aims: targetsAllUsers,
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
    fits: (p) => {
      const levels = list(p.conditions?.signInRiskLevels);
      return (levels.includes('high') || levels.includes('medium')) && (requiresMfa(p) || blocks(p));
    },
    gaps: (p, ctx) => everyoneGaps(p, ctx, ['signInRisk']),
    aims: targetsAllUsers,
    recommendation:
      'Enforce a policy for all users on medium and high sign-in risk that requires MFA (or blocks), with sign-in frequency "every time".',
    references: [ref.cis('5.2.2.7', 'Identity Protection sign-in risk policy'), ref.cisa('MS.AAD.2.3v1')],
  },
  {
    id: 'identity.ca.user_risk_policy',
    title: 'A user risk policy is enforced',
    failTitle: 'No enforced user risk policy',
    severity: 'high',
    fits: (p) =>
      list(p.conditions?.userRiskLevels).includes('high') &&
      (blocks(p) || controls(p).includes('passwordChange') || requiresMfa(p)),
    gaps: (p, ctx) => everyoneGaps(p, ctx, ['userRisk']),
    aims: targetsAllUsers,
    recommendation:
      'Enforce a policy for all users on high user risk that requires a secure password change with MFA (or blocks), so a compromised account cannot keep signing in.',
    references: [
      ref.cis('5.2.2.6', 'Identity Protection user risk policy'),
      ref.cisa('MS.AAD.2.1v1'),
      validAccountsCloud,
    ],
  },
];

/** The policy meets the check if it is enforced (or would, for report-only and disabled ones). */
export function meets(check: Check, p: ConditionalAccessPolicy, ctx: ExclusionContext): boolean {
  return check.fits(p) && check.gaps(p, ctx).length === 0;
}

function label(text: TenantText, p: ConditionalAccessPolicy): string {
  return `${text(p.displayName ?? p.id)} [${p.state}]`;
}

export function coverageFindings(
  text: TenantText,
  policies: readonly ConditionalAccessPolicy[],
  ctx: ExclusionContext,
): Finding[] {
  return checks.map((check) => {
    const enforced = policies.filter((p) => isEnabled(p) && meets(check, p, ctx));
    const notEnforced = policies.filter((p) => !isEnabled(p) && meets(check, p, ctx));
    // Enforced policies aimed at the audience, with the right controls, whose reach falls short.
    const narrowed = policies
      .filter((p) => isEnabled(p) && check.fits(p) && check.aims(p) && !meets(check, p, ctx))
      .map((p) => `${label(text, p)}: ${check.gaps(p, ctx).join('; ')}`);
    const passed = enforced.length > 0;
    return {
      id: check.id,
      title: passed ? check.title : check.failTitle,
      severity: check.severity,
      status: passed ? 'pass' : 'fail',
      resource: tenantResource,
      evidence: {
        enforcedBy: enforced.map((p) => label(text, p)),
        notEnforced: notEnforced.map((p) => label(text, p)),
        enforcedWithGaps: narrowed.slice(0, 10),
        policiesReviewed: policies.length,
      },
      recommendation: check.recommendation,
      references: check.references,
    } satisfies Finding;
  });
}
