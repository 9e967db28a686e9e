// Conditional access review: the requirements (ca-coverage.ts), policies left unenforced, broad
// exclusions and the break-glass exclusions, each with the policies that decided it as evidence.
import type { Finding } from '@m365-mcp/mcp-kit';
import type { ConditionalAccessPolicy } from '../graph/schemas.js';
import { checks, coverageFindings, isEnabled, meets } from './ca-coverage.js';
import { ref, type TenantText, tenantResource, validAccountsCloud } from './findings.js';
import { type ExclusionContext, exclusions, isBreakGlassGroup, policyUsers } from './policy-scope.js';

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
  /**
   * User ids in each group the policies exclude (by group id), so a group holding only the
   * break-glass accounts counts as their exclusion; a group not here is taken as unknown people.
   */
  excludedGroupMembers?: ReadonlyMap<string, readonly string[]>;
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
const controls = (p: ConditionalAccessPolicy) => list(p.grantControls?.builtInControls);
const users = policyUsers;

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

/**
 * A report-only policy that meets only requirements an enforced policy already meets is a trial
 * beside enforced coverage (a stricter variant being measured), not a gap: it gets no warning.
 */
function besideEnforced(
  p: ConditionalAccessPolicy,
  policies: readonly ConditionalAccessPolicy[],
  ctx: ExclusionContext,
): boolean {
  const met = checks.filter((check) => meets(check, p, ctx));
  return (
    met.length > 0 &&
    met.every((check) => policies.some((other) => isEnabled(other) && meets(check, other, ctx)))
  );
}

function stateFindings(
  text: TenantText,
  policies: readonly ConditionalAccessPolicy[],
  ctx: ExclusionContext,
): Finding[] {
  return policies
    .filter((p) => !isEnabled(p))
    .filter((p) => !(p.state === 'enabledForReportingButNotEnforced' && besideEnforced(p, policies, ctx)))
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
  ctx: ExclusionContext,
): Finding[] {
  const findings: Finding[] = [];
  for (const p of policies.filter(isEnabled)) {
    const u = users(p);
    const extraUsers = u.excludeUsers.filter((id) => !ctx.breakGlass.has(id.toLowerCase()));
    // A group of only break-glass accounts and the sync accounts role are deliberate, narrow exclusions.
    const groups = u.excludeGroups.filter((id) => !isBreakGlassGroup(id, ctx));
    // A few named users are tolerated here (each is still a coverage gap); groups, roles and guests are not.
    const gaps = exclusions(p, ctx)
      .filter((gap) => gap.kind !== 'users')
      .map((gap) => gap.text);
    if (gaps.length === 0 && extraUsers.length < BROAD_USER_EXCLUSIONS) continue;
    findings.push({
      id: 'identity.ca.broad_exclusion',
      title: `Broad exclusion from ${name(text, p)}`,
      severity: 'medium',
      status: 'warning',
      resource: { type: 'conditionalAccessPolicy', id: p.id, displayName: name(text, p) },
      evidence: {
        excludeGroups: groups,
        excludeRoles: u.excludeRoles,
        excludedUsersBesidesBreakGlass: extraUsers.length,
        gaps,
      },
      recommendation:
        'Exclude only the break-glass accounts. Replace group, role or guest exclusions with a narrower, time-bound exception and review who is in the excluded groups.',
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
  const members = input.excludedGroupMembers ?? new Map<string, readonly string[]>();
  const excludes = (p: ConditionalAccessPolicy, id: string) => {
    const u = users(p);
    const key = id.toLowerCase();
    return (
      u.excludeUsers.some((x) => x.toLowerCase() === key) ||
      u.excludeGroups.some((g) => (members.get(g.toLowerCase()) ?? []).includes(key))
    );
  };
  const missing = input.configured.flatMap((id) =>
    enabled.filter((p) => !excludes(p, id)).map((p) => `${id} not excluded from ${name(text, p)}`),
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
      'Exclude each break-glass account from every conditional access policy (directly, or through a group that holds only them), so a policy mistake cannot lock the tenant out; monitor their sign-ins instead.',
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

function lowerCaseMembers(
  members: ReadonlyMap<string, readonly string[]> | undefined,
): Map<string, string[]> {
  return new Map(
    [...(members ?? new Map<string, readonly string[]>())].map(([group, ids]) => [
      group.toLowerCase(),
      ids.map((id) => id.toLowerCase()),
    ]),
  );
}

export function reviewConditionalAccess(
  text: TenantText,
  policies: readonly ConditionalAccessPolicy[],
  securityDefaultsEnabled: boolean | null,
  breakGlass: BreakGlassInput,
): ConditionalAccessReview {
  const enabled = policies.filter(isEnabled);
  const excludedFromAll = excludedFromEvery(enabled);
  // Configured accounts decide; without them, users excluded from every enabled policy stand in
  // (the manual break-glass finding asks the operator to confirm them).
  const ctx: ExclusionContext = {
    breakGlass: new Set(
      (breakGlass.configured.length > 0 ? breakGlass.configured : excludedFromAll).map((id) =>
        id.toLowerCase(),
      ),
    ),
    groupMembers: lowerCaseMembers(breakGlass.excludedGroupMembers),
  };
  const findings =
    enabled.length === 0
      ? [noPolicyFinding(securityDefaultsEnabled), ...stateFindings(text, policies, ctx)]
      : [
          ...coverageFindings(text, policies, ctx),
          ...stateFindings(text, policies, ctx),
          ...exclusionFindings(text, policies, ctx),
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
