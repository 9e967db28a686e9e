import type { AuditExceptions } from './types.js';
import { at, items, type Json, obj, str, strings } from './values.js';

// The ScubaGear semantics of "covers all users" and "all apps", which are stricter than Maester's:
// an exclusion is acceptable only when the operator has approved it (break-glass or accepted).

export function caPolicies(value: unknown): Json[] {
  return items(value);
}

export function isEnabled(p: Json): boolean {
  return p.state === 'enabled';
}

export function unapprovedExclusions(p: Json, exceptions: AuditExceptions): string[] {
  const approved = new Set([...exceptions.breakGlassAccounts, ...exceptions.acceptedCaExclusions]);
  const users = obj(at(p, 'conditions.users'));
  return [...strings(users.excludeUsers), ...strings(users.excludeGroups)].filter((id) => !approved.has(id));
}

export function coversAllUsers(p: Json, exceptions: AuditExceptions): boolean {
  const users = obj(at(p, 'conditions.users'));
  return (
    isEnabled(p) &&
    strings(users.includeUsers).includes('All') &&
    strings(users.excludeRoles).length === 0 &&
    unapprovedExclusions(p, exceptions).length === 0
  );
}

export function targetsRoles(p: Json, roles: readonly string[]): boolean {
  const users = obj(at(p, 'conditions.users'));
  if (strings(users.includeUsers).includes('All')) return true;
  const included = strings(users.includeRoles);
  return roles.every((r) => included.includes(r));
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
