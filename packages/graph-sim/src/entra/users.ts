// The tenant's users as Entra signs them in: found by UPN, refused when unknown or disabled (with
// Entra's codes), and the directory roles they hold now (direct assignments and through groups).
import type { GraphUser } from '../tenant/directory.js';
import type { Tenant } from '../tenant/model.js';
import { EntraError } from './errors.js';

export function findUser(tenant: Tenant, upnOrId: string): GraphUser | undefined {
  const wanted = upnOrId.toLowerCase();
  return tenant.directory.users.find(
    (u) => u.userPrincipalName.toLowerCase() === wanted || u.id.toLowerCase() === wanted,
  );
}

/** The user who signs in: AADSTS50034 when the tenant has no such user, AADSTS50057 when disabled. */
export function signInUser(tenant: Tenant, upn: string): GraphUser {
  const user = findUser(tenant, upn);
  if (!user) {
    throw new EntraError(
      400,
      'invalid_grant',
      50034,
      `The user account ${upn} does not exist in the ${tenant.id} directory. To sign into this application, the account must be added to the directory.`,
    );
  }
  if (!user.accountEnabled) {
    throw new EntraError(400, 'invalid_grant', 50057, 'The user account is disabled.');
  }
  return user;
}

/** The groups a principal belongs to, directly or through nested groups. */
export function groupsOf(tenant: Tenant, principalId: string): Set<string> {
  const members = tenant.directory.groupMembers ?? {};
  const found = new Set<string>();
  const queue = [principalId];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const [groupId, ids] of Object.entries(members)) {
      if (ids.includes(id) && !found.has(groupId)) {
        found.add(groupId);
        queue.push(groupId);
      }
    }
  }
  return found;
}

/**
 * The directory roles (template ids, lower case) a user holds now, tenant-wide: active assignments
 * to the user or to a role-assignable group the user is in. PIM eligibilities do not count.
 */
export function userDirectoryRoles(tenant: Tenant, userId: string): Set<string> {
  const principals = new Set([userId, ...groupsOf(tenant, userId)]);
  const at = Date.now();
  return new Set(
    (tenant.directory.roleAssignments ?? [])
      .filter(
        (a) =>
          principals.has(a.principalId) &&
          a.directoryScopeId === '/' &&
          (a.endDateTime === null || Date.parse(a.endDateTime) > at),
      )
      .map((a) => a.roleDefinitionId.toLowerCase()),
  );
}
