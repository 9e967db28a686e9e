import { directoryRoleTemplateIds } from '@m365-mcp/graph-core';
import type { AuditExceptions } from './types.js';
import { at, items, type Json, obj, str, strings } from './values.js';

// The ScubaGear semantics of "covers all users" and "all apps", which are stricter than Maester's:
// an exclusion is acceptable only when the operator has approved it (break-glass or accepted), and
// a policy limited to some sign-ins (client apps, platforms, locations, device filter, risk) does
// not cover "all users" for the controls that are not about that condition.

export function caPolicies(value: unknown): Json[] {
  return items(value);
}

export function isEnabled(p: Json): boolean {
  return p.state === 'enabled';
}

/** Excluded users and groups the operator has not approved (the legacy guests keyword included). */
export function unapprovedExclusions(p: Json, exceptions: AuditExceptions): string[] {
  const approved = new Set(
    [...exceptions.breakGlassAccounts, ...exceptions.acceptedCaExclusions].map((id) => id.toLowerCase()),
  );
  const users = obj(at(p, 'conditions.users'));
  return [...strings(users.excludeUsers), ...strings(users.excludeGroups)].filter(
    (id) => !approved.has(id.toLowerCase()),
  );
}

/**
 * Excluded roles besides the directory synchronisation accounts: their holders escape the policy.
 * Entra Connect's sync account holds that role and cannot do MFA; Microsoft's policy templates and
 * Maester exclude the role from all-users policies, so excluding it needs no approval.
 */
export function excludedRoles(p: Json): string[] {
  return strings(at(p, 'conditions.users.excludeRoles')).filter(
    (role) => role.toLowerCase() !== directoryRoleTemplateIds.directorySynchronizationAccounts,
  );
}

/** Guests or external users excluded through the guest condition (any type but none). */
export function excludesGuests(p: Json): boolean {
  const types = str(at(p, 'conditions.users.excludeGuestsOrExternalUsers.guestOrExternalUserTypes'));
  return types !== undefined && types !== 'none';
}

/** Somebody besides the approved accounts and the sync accounts role is left out. */
export function excludesOthers(p: Json, exceptions: AuditExceptions): boolean {
  return unapprovedExclusions(p, exceptions).length > 0 || excludedRoles(p).length > 0 || excludesGuests(p);
}

export function coversAllUsers(p: Json, exceptions: AuditExceptions): boolean {
  const users = obj(at(p, 'conditions.users'));
  return isEnabled(p) && strings(users.includeUsers).includes('All') && !excludesOthers(p, exceptions);
}

/** Every one of the roles (or all users), with no unapproved exclusion dropping an admin. */
export function targetsRoles(p: Json, roles: readonly string[], exceptions: AuditExceptions): boolean {
  const users = obj(at(p, 'conditions.users'));
  const included = strings(users.includeRoles);
  const reachesRoles =
    strings(users.includeUsers).includes('All') || roles.every((r) => included.includes(r));
  return reachesRoles && !excludesOthers(p, exceptions);
}

/** Conditions a control may use on purpose (a risk control is about a risk condition). */
export type Condition = 'userRisk' | 'signInRisk' | 'clientApps' | 'authenticationFlows';

/** The conditions that limit a policy to some sign-ins, except those allowed. */
export function narrowingConditions(p: Json, allowed: readonly Condition[] = []): string[] {
  const c = obj(at(p, 'conditions'));
  const allow = new Set(allowed);
  const found: string[] = [];
  if (!allow.has('userRisk') && strings(c.userRiskLevels).length > 0) found.push('userRiskLevels');
  if (!allow.has('signInRisk') && strings(c.signInRiskLevels).length > 0) found.push('signInRiskLevels');
  // Browser plus "mobile apps and desktop clients" is every client that can do MFA; legacy clients
  // cannot, and blocking them is a control of its own (5.2.2.3).
  const apps = strings(c.clientAppTypes);
  const modern = apps.includes('browser') && apps.includes('mobileAppsAndDesktopClients');
  if (!allow.has('clientApps') && apps.length > 0 && !apps.includes('all') && !modern) {
    found.push('clientAppTypes');
  }
  const locations = obj(c.locations);
  if (
    c.locations != null &&
    (!strings(locations.includeLocations).includes('All') || strings(locations.excludeLocations).length > 0)
  ) {
    found.push('locations');
  }
  const platforms = obj(c.platforms);
  if (
    c.platforms != null &&
    (!strings(platforms.includePlatforms).includes('all') || strings(platforms.excludePlatforms).length > 0)
  ) {
    found.push('platforms');
  }
  if (at(c, 'devices.deviceFilter') != null) found.push('devices');
  if (str(c.insiderRiskLevels)) found.push('insiderRiskLevels');
  if (!allow.has('authenticationFlows') && (str(at(c, 'authenticationFlows.transferMethods')) ?? '') !== '') {
    found.push('authenticationFlows');
  }
  return found;
}

/** The policy applies to every sign-in of the users it targets, but for the allowed conditions. */
export function everySignIn(p: Json, allowed: readonly Condition[] = []): boolean {
  return narrowingConditions(p, allowed).length === 0;
}

export function allApps(p: Json): boolean {
  const apps = obj(at(p, 'conditions.applications'));
  return strings(apps.includeApplications).includes('All') && strings(apps.excludeApplications).length === 0;
}

export function grants(p: Json): string[] {
  return strings(at(p, 'grantControls.builtInControls'));
}

export function requiresMfa(p: Json): boolean {
  return grants(p).includes('mfa') || at(p, 'grantControls.authenticationStrength.id') !== undefined;
}

export function blocks(p: Json): boolean {
  return grants(p).includes('block');
}

/** A short description of a policy for evidence: id, name, state. Names are tenant data. */
export function describePolicy(p: Json): Record<string, unknown> {
  return { id: str(p.id) ?? '', displayName: str(p.displayName) ?? '', state: str(p.state) ?? '' };
}

/** The evidence for "some policy satisfies X": which ones do, and how many were looked at. */
export function caEvidence(all: Json[], matching: Json[]): Record<string, unknown> {
  return {
    policiesChecked: all.length,
    enabledPolicies: all.filter(isEnabled).length,
    matchingPolicies: matching.map(describePolicy),
  };
}
