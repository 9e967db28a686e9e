import { type DirectoryRoleRequirement, type PermissionManifest, permissionsFor } from '../manifest.js';
import { delegatedScope } from './delegated-scopes.js';
import { directoryRolesFor } from './directory-roles.js';

/** What one manifest permission needs when Graph is called on behalf of a signed-in user. */
export interface DelegatedRequirement {
  /** The manifest's (application) permission name. */
  permission: string;
  access: 'read' | 'write';
  /** The manifest's reason: it names the tools that need the permission. */
  reason: string;
  /** The delegated scope the app must hold; undefined when Graph has none (application-only). */
  scope: string | undefined;
  /** Directory roles of which the signed-in user needs one, least privileged first. */
  roles: DirectoryRoleRequirement[];
}

/** The manifest's permissions in this mode, as delegated scopes and the directory roles that allow them. */
export function delegatedRequirements(
  manifest: PermissionManifest,
  options: { writes: boolean },
): DelegatedRequirement[] {
  return permissionsFor(manifest, options).map((entry) => ({
    permission: entry.permission,
    access: entry.access,
    reason: entry.reason,
    scope: delegatedScope(entry.permission)?.name,
    roles: directoryRolesFor(entry.permission, entry.access),
  }));
}
