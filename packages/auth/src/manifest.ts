import type { AdminService } from '@m365-mcp/graph-core';
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

/** An Entra directory role, as its built-in template. */
export interface DirectoryRoleRequirement {
  /** The role's display name, e.g. `Global Reader`. */
  name: string;
  templateId: string;
}

/**
 * What an API beyond Graph needs before it answers the app: an app role of that API (Exchange
 * Online's `Exchange.ManageAsApp`), an Entra directory role on the app's service principal, and/or
 * a setting in the service's own admin portal (Fabric's service principal access). A tenant that
 * grants none of it still gets every Graph control; the service's controls are then skipped, naming
 * what would unlock them.
 */
export interface ServiceRequirement {
  service: AdminService;
  /** The API as Entra's "APIs my organization uses" names it, e.g. `Office 365 Exchange Online`. */
  resource: string;
  resourceAppId: string;
  /** The app role (application permission) on that API, with its id; absent when the service needs none. */
  appRole?: { permission: string; id: string };
  /** Directory roles of which the service principal needs one, least privileged first. */
  directoryRoles: readonly DirectoryRoleRequirement[];
  /** A step outside Entra, in the service's own admin portal, said as the admin does it. */
  serviceSetting?: string;
  /** Why this server needs it: the controls it unlocks. */
  reason: string;
}

export interface PermissionManifest {
  server: string;
  permissions: readonly PermissionRequirement[];
  /** The APIs beyond Graph the server reads, and what each needs (none for most servers). */
  services: readonly ServiceRequirement[];
}

export interface PermissionEntry {
  permission: string;
  reason: string;
  access: PermissionAccess;
}

export interface RequiredResourceAccess {
  /** The API's application id: Microsoft Graph's first, then each other API with an app role. */
  resourceAppId: string;
  resourceAccess: { id: string; type: 'Role' }[];
}

/** A server's manifest, with each id resolved from the catalogue; an unknown name is a bug, so it throws. */
export function definePermissions(
  server: string,
  entries: readonly PermissionEntry[],
  services: readonly ServiceRequirement[] = [],
): PermissionManifest {
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
  const seenServices = new Set<AdminService>();
  for (const requirement of services) {
    if (seenServices.has(requirement.service))
      throw new Error(`${server}: ${requirement.service} is listed twice`);
    if (requirement.reason.trim() === '') throw new Error(`${server}: ${requirement.service} needs a reason`);
    seenServices.add(requirement.service);
  }
  return Object.freeze({
    server,
    permissions: Object.freeze(permissions),
    services: Object.freeze([...services]),
  });
}

/** What the server needs in this mode: its read permissions, plus its write ones when writes are on. */
export function permissionsFor(
  manifest: PermissionManifest,
  options: { writes: boolean },
): PermissionRequirement[] {
  return manifest.permissions.filter((entry) => entry.access === 'read' || options.writes);
}

/**
 * The block for an app registration's manifest (or `az ad app update --required-resource-accesses`):
 * Graph's application permissions first, then one entry per other API whose services need an app
 * role (Exchange Online once, though Exchange and Security & Compliance both name it). A service
 * that needs only a directory role or a portal setting adds nothing here.
 */
export function requiredResourceAccess(
  manifest: PermissionManifest,
  options: { writes: boolean },
): RequiredResourceAccess[] {
  const blocks: RequiredResourceAccess[] = [
    {
      resourceAppId: microsoftGraphAppId,
      resourceAccess: permissionsFor(manifest, options).map((entry) => ({
        id: entry.id,
        type: 'Role' as const,
      })),
    },
  ];
  for (const service of manifest.services) {
    if (service.appRole === undefined) continue;
    let block = blocks.find((entry) => entry.resourceAppId === service.resourceAppId);
    if (block === undefined) {
      block = { resourceAppId: service.resourceAppId, resourceAccess: [] };
      blocks.push(block);
    }
    const roleId = service.appRole.id;
    if (!block.resourceAccess.some((entry) => entry.id === roleId)) {
      block.resourceAccess.push({ id: roleId, type: 'Role' });
    }
  }
  return blocks;
}
