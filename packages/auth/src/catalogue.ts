import { appRoleId, isKnownPermission, knownPermissions } from '@m365-mcp/graph-core';

export interface CataloguePermission {
  /** The name as Microsoft spells it (tokens carry this spelling in `roles`). */
  name: string;
  /** The Graph app role id. */
  id: string;
}

/**
 * An application permission from the catalogue graph-core ships, matched without case. Undefined
 * when the name is unknown or the permission exists only as a delegated one (no app role id).
 */
export function cataloguePermission(permission: string): CataloguePermission | undefined {
  if (!isKnownPermission(permission)) return undefined;
  const id: unknown = appRoleId(permission);
  if (typeof id !== 'string' || id.length === 0) return undefined;
  const lower = permission.toLowerCase();
  const name = knownPermissions().find((known) => known.toLowerCase() === lower) ?? permission;
  return { name, id };
}
