import { type PermissionManifest, type PermissionRequirement, permissionsFor } from './manifest.js';

export interface BroaderGrant {
  /** What the manifest asks for. */
  permission: string;
  /** The broader role that covers it, e.g. `User.ReadWrite.All` for `User.Read.All`. */
  heldAs: string;
}

export interface RoleComparison {
  /** Needed in this mode and not held (nor covered by a broader role): the server will get 403s. */
  missing: PermissionRequirement[];
  /** Held but not needed in this mode: more power than the questions need (least privilege). */
  excess: string[];
  /** Needed and held (exactly, or through a broader role listed in `broader`). */
  granted: PermissionRequirement[];
  broader: BroaderGrant[];
}

// Graph lets X.ReadWrite.All do whatever X.Read.All does, so holding the former is not "missing"
// the latter; it still shows as excess, because the narrower role would do.
function broaderRoleOf(permission: string): string | undefined {
  return permission.includes('.Read.') ? permission.replace('.Read.', '.ReadWrite.') : undefined;
}

export function compareRoles(
  manifest: PermissionManifest,
  roles: readonly string[],
  options: { writes: boolean },
): RoleComparison {
  const held = new Set(roles);
  const needed = permissionsFor(manifest, options);
  const neededNames = new Set(needed.map((entry) => entry.permission));
  const missing: PermissionRequirement[] = [];
  const granted: PermissionRequirement[] = [];
  const broader: BroaderGrant[] = [];
  for (const entry of needed) {
    if (held.has(entry.permission)) {
      granted.push(entry);
      continue;
    }
    const wider = broaderRoleOf(entry.permission);
    if (wider !== undefined && held.has(wider)) {
      granted.push(entry);
      broader.push({ permission: entry.permission, heldAs: wider });
      continue;
    }
    missing.push(entry);
  }
  const excess = [...held].filter((role) => !neededNames.has(role)).sort();
  return { missing, excess, granted, broader };
}
