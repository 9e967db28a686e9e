import { microsoftGraphAppId } from '@m365-mcp/graph-core';
import { cataloguePermission } from './catalogue.js';

export type PermissionAccess = 'read' | 'write';

export interface PermissionRequirement {
  /** The Graph application permission, e.g. `User.Read.All`. */
  permission: string;
  /** Its Graph app role id (GUID), from Microsoft's catalogue. */
  id: string;
  /** Why this server needs it, in words an admin can weigh. */
  reason: string;
  /** `write` permissions are needed only when the server runs with writes allowed. */
  access: PermissionAccess;
}

export interface PermissionManifest {
  server: string;
  permissions: readonly PermissionRequirement[];
}

export interface PermissionEntry {
  permission: string;
  reason: string;
  access: PermissionAccess;
}

export interface RequiredResourceAccess {
  resourceAppId: typeof microsoftGraphAppId;
  resourceAccess: { id: string; type: 'Role' }[];
}

/** A server's manifest, with each id resolved from the catalogue; an unknown name is a bug, so it throws. */
export function definePermissions(server: string, entries: readonly PermissionEntry[]): PermissionManifest {
  const seen = new Set<string>();
  const permissions = entries.map((entry): PermissionRequirement => {
    const known = cataloguePermission(entry.permission);
    if (known === undefined) {
      throw new Error(
        `${server}: "${entry.permission}" is not a Microsoft Graph application permission in the catalogue`,
      );
    }
    if (seen.has(known.name)) throw new Error(`${server}: "${known.name}" is listed twice`);
    if (entry.reason.trim() === '') throw new Error(`${server}: "${known.name}" needs a reason`);
    seen.add(known.name);
    return { permission: known.name, id: known.id, reason: entry.reason, access: entry.access };
  });
  return Object.freeze({ server, permissions: Object.freeze(permissions) });
}

/** What the server needs in this mode: its read permissions, plus its write ones when writes are on. */
export function permissionsFor(
  manifest: PermissionManifest,
  options: { writes: boolean },
): PermissionRequirement[] {
  return manifest.permissions.filter((entry) => entry.access === 'read' || options.writes);
}

/** The block for an app registration's manifest (or `az ad app update --required-resource-accesses`). */
export function requiredResourceAccess(
  manifest: PermissionManifest,
  options: { writes: boolean },
): RequiredResourceAccess[] {
  return [
    {
      resourceAppId: microsoftGraphAppId,
      resourceAccess: permissionsFor(manifest, options).map((entry) => ({
        id: entry.id,
        type: 'Role' as const,
      })),
    },
  ];
}
