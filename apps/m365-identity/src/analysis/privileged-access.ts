// Standing admin rights: who holds which role, active or eligible, how many Global Administrators,
// guests and synced accounts with privileged roles, and permanent privileged assignments. Only
// enabled accounts are exposure (a disabled one cannot sign in); disabled holders are counted apart
// and reported on their own (disabled-admins.ts), since re-enabling one restores its roles.
import { directoryRoleTemplateIds } from '@m365-mcp/graph-core';
import type { Finding } from '@m365-mcp/mcp-kit';
import type { RoleHolding } from '../graph/read-privileged-access.js';
import { disabledAdminFindings } from './disabled-admins.js';
import {
  ref,
  sample,
  type TenantText,
  tenantResource,
  userLabel,
  userResource,
  validAccountsCloud,
} from './findings.js';

const GLOBAL_ADMIN_ROLE_ID = directoryRoleTemplateIds.globalAdministrator;

export interface AssignmentView {
  principalId: string;
  principal: string;
  principalType: string;
  userType: string | null;
  role: string;
  roleId: string;
  privileged: boolean;
  kind: 'active' | 'eligible';
  /** permanent, activated (PIM, until endDateTime), timeBound, or unknown. */
  duration: 'permanent' | 'activated' | 'timeBound';
  endDateTime: string | null;
  viaGroup: string | null;
  synced: boolean;
  guest: boolean;
  /** False for a disabled account; null when Graph did not say. */
  accountEnabled: boolean | null;
}

export interface PrivilegedAccessSummary {
  assignments: AssignmentView[];
  counts: {
    assignments: number;
    privilegedUsers: number;
    globalAdmins: number;
    globalAdminsActive: number;
    globalAdminsEligible: number;
    privilegedGuests: number;
    syncedAdmins: number;
    standingPrivileged: number;
    /** Disabled accounts holding a privileged role (left out of every count above). */
    disabledPrivileged: number;
  };
  /** Privileged roles of enabled accounts (by user id), for other analyses: risky users. */
  privilegedRolesByUser: Map<string, string[]>;
}

/**
 * A guest, or an external identity made a member: B2B users (invited or synced across tenants) keep
 * `#EXT#` in their user principal name whatever their userType, and their sign-in is governed by
 * their home tenant.
 */
const isGuest = (h: RoleHolding) =>
  (h.principal.userType ?? '').toLowerCase() === 'guest' ||
  (h.principal.userPrincipalName ?? '').toUpperCase().includes('#EXT#');
const isSynced = (h: RoleHolding) => h.principal.onPremisesSyncEnabled === true;
const isEnabled = (h: RoleHolding) => h.principal.accountEnabled !== false;

function duration(h: RoleHolding): AssignmentView['duration'] {
  if (h.kind === 'active' && h.assignmentType === 'Activated') return 'activated';
  return h.endDateTime === null ? 'permanent' : 'timeBound';
}

export function summarisePrivilegedAccess(
  text: TenantText,
  holdings: readonly RoleHolding[],
  breakGlass: ReadonlySet<string>,
): PrivilegedAccessSummary {
  const assignments = holdings
    .map(
      (h): AssignmentView => ({
        principalId: h.principal.id,
        principal: userLabel(text, h.principal),
        principalType: h.principal.type,
        userType: h.principal.userType,
        role: text(h.roleName),
        roleId: h.roleId,
        privileged: h.privileged,
        kind: h.kind,
        duration: duration(h),
        endDateTime: h.endDateTime,
        viaGroup: h.viaGroup ? (h.viaGroup.displayName ? text(h.viaGroup.displayName) : h.viaGroup.id) : null,
        synced: isSynced(h),
        guest: isGuest(h),
        accountEnabled: h.principal.accountEnabled,
      }),
    )
    .sort(
      (a, b) =>
        Number(b.roleId === GLOBAL_ADMIN_ROLE_ID) - Number(a.roleId === GLOBAL_ADMIN_ROLE_ID) ||
        Number(b.privileged) - Number(a.privileged) ||
        a.role.localeCompare(b.role) ||
        a.principal.localeCompare(b.principal),
    );
  const privileged = holdings.filter((h) => h.privileged && isEnabled(h));
  const ga = holdings.filter((h) => h.roleId === GLOBAL_ADMIN_ROLE_ID && isEnabled(h));
  const distinct = (items: readonly RoleHolding[]) => new Set(items.map((h) => h.principal.id)).size;
  const privilegedRolesByUser = new Map<string, string[]>();
  for (const h of privileged) {
    const roles = privilegedRolesByUser.get(h.principal.id) ?? [];
    const label = `${text(h.roleName)}${h.kind === 'eligible' ? ' (eligible)' : ''}`;
    if (!roles.includes(label)) roles.push(label);
    privilegedRolesByUser.set(h.principal.id, roles);
  }
  return {
    assignments,
    counts: {
      assignments: holdings.length,
      privilegedUsers: distinct(privileged),
      globalAdmins: distinct(ga),
      globalAdminsActive: distinct(ga.filter((h) => h.kind === 'active')),
      globalAdminsEligible: distinct(ga.filter((h) => h.kind === 'eligible')),
      privilegedGuests: distinct(privileged.filter(isGuest)),
      syncedAdmins: distinct(privileged.filter(isSynced)),
      standingPrivileged: distinct(standing(privileged, breakGlass)),
      disabledPrivileged: distinct(holdings.filter((h) => h.privileged && !isEnabled(h))),
    },
    privilegedRolesByUser,
  };
}

function standing(privileged: readonly RoleHolding[], breakGlass: ReadonlySet<string>): RoleHolding[] {
  return privileged.filter(
    (h) =>
      h.kind === 'active' &&
      h.assignmentType !== 'Activated' &&
      h.endDateTime === null &&
      !breakGlass.has(h.principal.id.toLowerCase()) &&
      !(h.principal.userPrincipalName && breakGlass.has(h.principal.userPrincipalName.toLowerCase())),
  );
}

function groupByUser(holdings: readonly RoleHolding[]): Map<string, RoleHolding[]> {
  const byUser = new Map<string, RoleHolding[]>();
  for (const h of holdings) byUser.set(h.principal.id, [...(byUser.get(h.principal.id) ?? []), h]);
  return byUser;
}

export function privilegedAccessFindings(
  text: TenantText,
  holdings: readonly RoleHolding[],
  summary: PrivilegedAccessSummary,
  breakGlass: ReadonlySet<string>,
): Finding[] {
  const findings: Finding[] = [];
  const gaCount = summary.counts.globalAdmins;
  const gaHolders = holdings.filter((h) => h.roleId === GLOBAL_ADMIN_ROLE_ID);
  const names = (items: readonly RoleHolding[]) => [
    ...new Set(items.map((h) => userLabel(text, h.principal))),
  ];
  const gaNames = sample(names(gaHolders.filter(isEnabled)));
  findings.push({
    id: 'identity.privileged.global_admin_count',
    title:
      gaCount >= 2 && gaCount <= 4
        ? `${gaCount} Global Administrators (2 to 4 recommended)`
        : `${gaCount} Global Administrators; CIS recommends 2 to 4`,
    severity: 'medium',
    status: gaCount >= 2 && gaCount <= 4 ? 'pass' : 'fail',
    resource: tenantResource,
    evidence: {
      globalAdmins: gaCount,
      active: summary.counts.globalAdminsActive,
      eligible: summary.counts.globalAdminsEligible,
      accounts: gaNames.items,
      // Not counted: they cannot sign in, to attack or to rescue the tenant.
      disabledNotCounted: sample(names(gaHolders.filter((h) => !isEnabled(h)))).items,
    },
    recommendation:
      gaCount < 2
        ? 'Keep at least two Global Administrators (including break-glass) so the tenant cannot be locked out.'
        : 'Reduce Global Administrators to 2-4 (break-glass included); move the others to least-privileged roles, eligible through PIM.',
    references: [ref.cis('1.1.3', 'Between two and four global admins'), ref.cisa('MS.AAD.7.1v1')],
  });

  const privileged = holdings.filter((h) => h.privileged && isEnabled(h));
  for (const [, items] of groupByUser(privileged.filter(isGuest))) {
    const first = items[0] as RoleHolding;
    findings.push({
      id: 'identity.privileged.guest_admin',
      title: `Guest or external account holds privileged role(s): ${userLabel(text, first.principal)}`,
      severity: items.some((h) => h.roleId === GLOBAL_ADMIN_ROLE_ID) ? 'critical' : 'high',
      status: 'fail',
      resource: userResource(text, first.principal),
      evidence: {
        userType: first.principal.userType,
        externalIdentity: (first.principal.userPrincipalName ?? '').toUpperCase().includes('#EXT#'),
        roles: items.map((h) => `${text(h.roleName)} (${h.kind}, ${duration(h)})`),
      },
      recommendation:
        'Remove the privileged role from the guest; if the partner needs admin work, give them a member account in this tenant with an eligible, least-privileged role and phishing-resistant MFA.',
      references: [ref.cisa('MS.AAD.7.2v1'), validAccountsCloud],
    });
  }
  for (const [, items] of groupByUser(privileged.filter(isSynced))) {
    const first = items[0] as RoleHolding;
    findings.push({
      id: 'identity.privileged.synced_admin',
      title: `Privileged account is synced from on-premises: ${userLabel(text, first.principal)}`,
      severity: 'high',
      status: 'fail',
      resource: userResource(text, first.principal),
      evidence: { onPremisesSyncEnabled: true, roles: items.map((h) => text(h.roleName)) },
      recommendation:
        'Use a cloud-only account for this role, so a compromise of on-premises AD does not become a compromise of the tenant.',
      references: [ref.cis('1.1.1', 'Administrative accounts are cloud-only'), ref.cisa('MS.AAD.7.3v1')],
    });
  }
  const standingHoldings = standing(privileged, breakGlass);
  const standingSample = sample([
    ...new Set(standingHoldings.map((h) => `${userLabel(text, h.principal)}: ${text(h.roleName)}`)),
  ]);
  findings.push({
    id: 'identity.privileged.standing_access',
    title:
      standingHoldings.length === 0
        ? 'No permanent active privileged assignments outside break-glass'
        : `${summary.counts.standingPrivileged} account(s) hold permanent, always-active privileged roles`,
    severity: 'medium',
    status: standingHoldings.length === 0 ? 'pass' : 'fail',
    resource: tenantResource,
    evidence: {
      accounts: summary.counts.standingPrivileged,
      assignments: standingSample.items,
      moreAssignments: standingSample.more,
      breakGlassExcluded: breakGlass.size > 0,
    },
    recommendation:
      'Convert standing assignments to PIM eligible assignments with approval and a short activation window; keep permanent Global Administrator only for the break-glass accounts (configure them in M365_BREAK_GLASS_ACCOUNTS).',
    references: [ref.cisa('MS.AAD.7.4v1'), validAccountsCloud],
  });
  findings.push(...disabledAdminFindings(text, holdings, breakGlass));
  return findings;
}
