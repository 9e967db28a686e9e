// Purpose-built tenants for the accuracy scenarios: the demo tenant with every planted identity
// problem fixed (fixed-tenant.ts), then one configuration an experienced admin would recognise,
// added through small named edits. Each scenario builds its failing and its fixed variant here.
import {
  demoConditionalAccessIds,
  demoPeople,
  type GraphEntity,
  type GraphUser,
  roleTemplateIds,
  type Tenant,
} from '@m365-mcp/graph-sim';
import { breakGlass, fixedTenant } from '../fixed-tenant.js';

export type Json = Record<string, unknown>;

export const roles = roleTemplateIds;
/** Held only by Entra Connect's sync account, which cannot do MFA. */
export const DIRECTORY_SYNC_ROLE = 'd29b2b05-8046-44ba-8758-1e26182fcf32';

/** A tenant with no identity finding: the start of every scenario. */
export function cleanTenant(): Tenant {
  return fixedTenant();
}

export function user(t: Tenant, id: string): GraphUser {
  const found = t.directory.users.find((u) => u.id === id);
  if (!found) throw new Error(`no user ${id}`);
  return found;
}

/** A new account shaped like the demo's (and its registration report row), strong MFA registered. */
export function addUser(
  t: Tenant,
  id: string,
  userPrincipalName: string,
  fields: Partial<GraphUser> = {},
): GraphUser {
  const template = user(t, demoPeople.megan.id);
  const created: GraphUser = {
    ...structuredClone(template),
    id,
    userPrincipalName,
    displayName: userPrincipalName.split('@')[0] ?? userPrincipalName,
    mail: null,
    onPremisesSyncEnabled: null,
    ...fields,
  };
  t.directory.users.push(created);
  const row = t.directory.userRegistrationDetails.find((r) => r.id === demoPeople.megan.id);
  if (row) {
    t.directory.userRegistrationDetails.push({
      ...structuredClone(row),
      id,
      userPrincipalName,
      userDisplayName: created.displayName,
      userType: created.userType === 'Guest' ? 'guest' : 'member',
    });
  }
  return created;
}

/** An active standing assignment, or a PIM eligibility, of a role to a user or group. */
export function grantRole(
  t: Tenant,
  principalId: string,
  roleDefinitionId: string,
  kind: 'active' | 'eligible' = 'active',
): void {
  const base = {
    id: `scenario-${kind}-${roleDefinitionId}-${principalId}`,
    principalId,
    roleDefinitionId,
    directoryScopeId: '/',
    startDateTime: '2025-01-01T00:00:00Z',
    endDateTime: null,
  };
  if (kind === 'active') t.directory.roleAssignments.push({ ...base, assignmentType: 'Assigned' });
  else
    t.directory.roleEligibilities.push({
      ...base,
      memberType: 'Direct',
      roleEligibilityScheduleId: `${base.id}-schedule`,
    });
}

/** A security group (role-assignable when asked) with these members. */
export function addGroup(
  t: Tenant,
  id: string,
  displayName: string,
  members: string[],
  roleAssignable = false,
): void {
  t.directory.groups.push({
    id,
    displayName,
    description: displayName,
    groupTypes: [],
    securityEnabled: true,
    mailEnabled: false,
    mailNickname: displayName.replace(/\W/g, ''),
    isAssignableToRole: roleAssignable ? true : null,
    membershipRule: null,
    visibility: null,
  });
  t.directory.groupMembers[id] = members;
}

export function policy(t: Tenant, id: string): Json {
  const found = t.directory.conditionalAccessPolicies.find((p) => p.id === id);
  if (!found) throw new Error(`no policy ${id}`);
  return found;
}

/** The clean tenant's enforced "MFA for all users" policy (break-glass accounts excluded). */
export function mfaAllUsers(t: Tenant): Json {
  return policy(t, demoConditionalAccessIds.mfaAllUsers);
}

export function usersOf(p: Json): Json {
  return (p.conditions as Json).users as Json;
}

export function conditionsOf(p: Json): Json {
  return p.conditions as Json;
}

/** A copy of the all-users MFA policy under a new id, name and state, changed by `edit`. */
export function addPolicyLike(
  t: Tenant,
  id: string,
  displayName: string,
  state: 'enabled' | 'enabledForReportingButNotEnforced' | 'disabled',
  edit: (p: Json) => void = () => undefined,
): void {
  const copy = structuredClone(mfaAllUsers(t)) as GraphEntity;
  Object.assign(copy, { id, displayName, state });
  edit(copy);
  t.directory.conditionalAccessPolicies.push(copy);
}

export { breakGlass };
