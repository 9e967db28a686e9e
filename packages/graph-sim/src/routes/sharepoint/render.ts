// Renders the tenant's compact SharePoint records into Graph's shapes: site, drive, driveItem (with
// the `shared` facet derived from its own permissions) and the effective permissions of an item
// (its own, then those inherited from its folders, marked with `inheritedFrom`).

import { siteWebUrl } from '../../tenant/sharepoint/build.js';
import { stableGuid } from '../../tenant/sharepoint/ids.js';
import type {
  GraphPermission,
  SimDrive,
  SimDriveItem,
  SimIdentity,
  SimSite,
} from '../../tenant/sharepoint.js';
import { ancestorsOf, childrenOf, pathOf } from './lookup.js';

function identitySet(identity: SimIdentity): { user: SimIdentity } {
  return { user: identity };
}

export function renderSite(site: SimSite, tenantId: string): Record<string, unknown> {
  const [, siteId, webId] = site.id.split(',');
  const webUrl = siteWebUrl(site);
  const body: Record<string, unknown> = {
    id: site.id,
    name: site.name,
    displayName: site.displayName,
    description: site.description,
    webUrl,
    createdDateTime: site.createdDateTime,
    lastModifiedDateTime: site.lastModifiedDateTime,
    isPersonalSite: site.isPersonalSite,
    siteCollection: { hostname: site.hostname },
    sharepointIds: { siteId, siteUrl: webUrl, tenantId, webId },
  };
  if (site.path === '/') body.root = {};
  return body;
}

export function renderDrive(drive: SimDrive): Record<string, unknown> {
  return {
    id: drive.id,
    name: drive.name,
    description: drive.description,
    driveType: drive.driveType,
    webUrl: drive.webUrl,
    createdDateTime: drive.createdDateTime,
    lastModifiedDateTime: drive.lastModifiedDateTime,
    createdBy: { user: { displayName: 'System Account' } },
    owner: drive.owner,
    quota: {
      deleted: 0,
      remaining: Math.max(0, drive.quota.total - drive.quota.used),
      state: 'normal',
      total: drive.quota.total,
      used: drive.quota.used,
    },
  };
}

/** Who, beyond the library's own groups and owner, the item itself is shared with. */
export function sharedScope(item: SimDriveItem): 'anonymous' | 'organization' | 'users' | undefined {
  let scope: 'anonymous' | 'organization' | 'users' | undefined;
  for (const p of item.permissions) {
    if (p.link?.scope === 'anonymous') return 'anonymous';
    if (p.link?.scope === 'organization') scope = 'organization';
    else if (scope === undefined && isSharingGrant(p)) scope = 'users';
  }
  return scope;
}

/** A grant that shares the item: not a site group, not the owner's own access. */
function isSharingGrant(p: GraphPermission): boolean {
  if (p.link) return true;
  const grantee = p.grantedToV2 as { siteGroup?: unknown } | undefined;
  if (grantee?.siteGroup) return false;
  return !p.roles.includes('owner');
}

export interface ItemRenderOptions {
  /** Delta responses leave out `parentReference.path`, as Graph does. */
  forDelta?: boolean;
  /** `$expand=permissions`: the item's effective permissions, inline. */
  withPermissions?: boolean;
}

export function renderItem(
  site: SimSite | undefined,
  drive: SimDrive,
  item: SimDriveItem,
  options: ItemRenderOptions = {},
): Record<string, unknown> {
  const etagGuid = stableGuid(`etag:${drive.id}:${item.id}`).toUpperCase();
  const path = pathOf(drive, item);
  const body: Record<string, unknown> = {
    createdBy: identitySet(item.createdBy),
    createdDateTime: item.createdDateTime,
    eTag: `"{${etagGuid}},${item.sequence}"`,
    id: item.id,
    lastModifiedBy: identitySet(item.lastModifiedBy),
    lastModifiedDateTime: item.lastModifiedDateTime,
    name: item.name,
    webUrl:
      item.parentId === null
        ? drive.webUrl
        : `${drive.webUrl}${path.split('/').map(encodeURIComponent).join('/')}`,
    cTag: `"c:{${etagGuid}},${item.sequence}"`,
    size: item.size,
  };
  const parentReference: Record<string, unknown> = { driveType: drive.driveType, driveId: drive.id };
  if (item.parentId !== null) {
    parentReference.id = item.parentId;
    if (!options.forDelta) {
      const parentPath = path.slice(0, path.lastIndexOf('/'));
      parentReference.path = `/drives/${drive.id}/root:${parentPath}`;
    }
  }
  if (site) parentReference.siteId = site.id;
  body.parentReference = parentReference;
  body.fileSystemInfo = {
    createdDateTime: item.createdDateTime,
    lastModifiedDateTime: item.lastModifiedDateTime,
  };
  if (item.kind === 'folder') body.folder = { childCount: childrenOf(drive, item).length };
  else body.file = { mimeType: item.mimeType ?? 'application/octet-stream' };
  if (item.parentId === null) body.root = {};
  const scope = sharedScope(item);
  if (scope) body.shared = { scope, owner: identitySet(item.createdBy) };
  if (options.withPermissions) body.permissions = effectivePermissions(drive, item);
  return body;
}

/** The item's own permissions, then those it inherits from its folders (nearest first). */
export function effectivePermissions(drive: SimDrive, item: SimDriveItem): GraphPermission[] {
  const out: GraphPermission[] = [...item.permissions];
  for (const ancestor of ancestorsOf(drive, item)) {
    const inheritedFrom = {
      driveId: drive.id,
      id: ancestor.id,
      path: `/drives/${drive.id}/root:${pathOf(drive, ancestor)}`,
    };
    for (const p of ancestor.permissions) out.push({ ...p, inheritedFrom });
  }
  return out;
}
