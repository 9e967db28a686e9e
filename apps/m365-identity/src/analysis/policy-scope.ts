// Who a conditional access policy really reaches, and when. "All users" is includeUsers All with
// nobody excluded but the break-glass accounts (directly, or through a group holding only them) and
// the Directory Synchronization Accounts role; "every sign-in" is no condition narrowing it. A
// policy that looks like "all users" but leaves a group, a role or the guests out is a gap an
// attacker aims at, so each gap is named for the evidence.
import { directoryRoleTemplateIds } from '@m365-mcp/graph-core';
import type { ConditionalAccessPolicy } from '../graph/schemas.js';

/**
 * Entra Connect's sync account holds this role and cannot do MFA; Microsoft's policy templates and
 * Maester exclude the role from all-users policies, so its exclusion is not a gap.
 */
const DIRECTORY_SYNC_ROLE_ID = directoryRoleTemplateIds.directorySynchronizationAccounts;

export interface ExclusionContext {
  /** Lower-case object ids of the break-glass accounts (configured, else inferred). */
  breakGlass: ReadonlySet<string>;
  /** Lower-case user ids in each excluded group (by lower-case group id); absent = not read. */
  groupMembers: ReadonlyMap<string, readonly string[]>;
}

/** Conditions a check may use on purpose (a risk policy is meant to have a risk condition). */
export type Condition = 'userRisk' | 'signInRisk' | 'clientApps' | 'authenticationFlows';

const list = (value: readonly string[] | null | undefined): string[] => [...(value ?? [])];

export function policyUsers(p: ConditionalAccessPolicy) {
  const u = p.conditions?.users;
  return {
    includeUsers: list(u?.includeUsers),
    excludeUsers: list(u?.excludeUsers),
    includeGroups: list(u?.includeGroups),
    excludeGroups: list(u?.excludeGroups),
    includeRoles: list(u?.includeRoles),
    excludeRoles: list(u?.excludeRoles),
    excludeGuests: u?.excludeGuestsOrExternalUsers?.guestOrExternalUserTypes ?? null,
  };
}

export const targetsAllUsers = (p: ConditionalAccessPolicy) => policyUsers(p).includeUsers.includes('All');

/** A group excluded on purpose for the break-glass accounts: read, and holding nobody else. */
export function isBreakGlassGroup(groupId: string, ctx: ExclusionContext): boolean {
  // A group not read (undefined) is unknown people, never assumed safe.
  return ctx.groupMembers.get(groupId.toLowerCase())?.every((id) => ctx.breakGlass.has(id)) === true;
}

export interface ExclusionGap {
  kind: 'users' | 'group' | 'role' | 'guests';
  text: string;
}

/** Who the policy's exclusions leave out besides the break-glass accounts; empty = nobody. */
export function exclusions(
  p: ConditionalAccessPolicy,
  ctx: ExclusionContext,
  roleName: (id: string) => string = (id) => id,
): ExclusionGap[] {
  const u = policyUsers(p);
  const gaps: ExclusionGap[] = [];
  const guests = u.excludeUsers.some((id) => id === 'GuestsOrExternalUsers');
  const others = u.excludeUsers.filter(
    (id) => id !== 'GuestsOrExternalUsers' && !ctx.breakGlass.has(id.toLowerCase()),
  );
  if (others.length > 0) {
    gaps.push({ kind: 'users', text: `excludes ${others.length} user(s) besides break-glass` });
  }
  for (const group of u.excludeGroups) {
    if (isBreakGlassGroup(group, ctx)) continue;
    const why = ctx.groupMembers.has(group.toLowerCase())
      ? 'members besides break-glass'
      : 'members not read';
    gaps.push({ kind: 'group', text: `excludes group ${group} (${why})` });
  }
  for (const role of u.excludeRoles) {
    if (role.toLowerCase() !== DIRECTORY_SYNC_ROLE_ID) {
      gaps.push({ kind: 'role', text: `excludes role ${roleName(role)}` });
    }
  }
  if (guests || (u.excludeGuests !== null && u.excludeGuests !== 'none')) {
    const types = u.excludeGuests ? ` (${u.excludeGuests})` : '';
    gaps.push({ kind: 'guests', text: `excludes guests or external users${types}` });
  }
  return gaps;
}

export function exclusionGaps(
  p: ConditionalAccessPolicy,
  ctx: ExclusionContext,
  roleName?: (id: string) => string,
): string[] {
  return exclusions(p, ctx, roleName).map((gap) => gap.text);
}

/** Conditions that limit the policy to some sign-ins, except those the check allows. */
export function conditionGaps(p: ConditionalAccessPolicy, allowed: readonly Condition[] = []): string[] {
  const c = p.conditions;
  const gaps: string[] = [];
  const allow = new Set(allowed);
  if (!allow.has('userRisk') && list(c?.userRiskLevels).length > 0) gaps.push('only at some user risk');
  if (!allow.has('signInRisk') && list(c?.signInRiskLevels).length > 0)
    gaps.push('only at some sign-in risk');
  // Browser plus "mobile apps and desktop clients" is every client that can do MFA; legacy clients
  // cannot, and blocking them is a check of its own.
  const apps = list(c?.clientAppTypes);
  const everyModernClient = apps.includes('browser') && apps.includes('mobileAppsAndDesktopClients');
  if (!allow.has('clientApps') && apps.length > 0 && !apps.includes('all') && !everyModernClient) {
    gaps.push(`only for client apps ${apps.join(', ')}`);
  }
  const locations = c?.locations;
  if (
    locations &&
    (!list(locations.includeLocations).includes('All') || list(locations.excludeLocations).length > 0)
  ) {
    gaps.push('only for some locations');
  }
  const platforms = c?.platforms;
  if (
    platforms &&
    (!list(platforms.includePlatforms).includes('all') || list(platforms.excludePlatforms).length > 0)
  ) {
    gaps.push('only for some device platforms');
  }
  if (c?.devices?.deviceFilter) gaps.push('only for devices matching a filter');
  if (c?.insiderRiskLevels) gaps.push('only at some insider risk');
  if (!allow.has('authenticationFlows') && (c?.authenticationFlows?.transferMethods ?? '') !== '') {
    gaps.push('only for some authentication flows');
  }
  return gaps;
}

/** Every cloud app, none excluded (user actions or a few apps are not "all apps"). */
export function appGaps(p: ConditionalAccessPolicy): string[] {
  const apps = p.conditions?.applications;
  if (!list(apps?.includeApplications).includes('All')) return ['not all cloud apps'];
  const excluded = list(apps?.excludeApplications).length;
  return excluded > 0 ? [`excludes ${excluded} app(s)`] : [];
}
