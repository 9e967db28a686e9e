// Builders that turn a readable description of sites, libraries and folder trees into the
// tenant's SharePoint data, with SharePoint's id, URL and sharing-link formats. Used by the demo
// tenant and the large-tenant generator.
import type { GraphPermission, SimDrive, SimDriveItem, SimIdentity, SimSite } from '../sharepoint.js';
import { driveIdFor, itemIdFor, linkToken, siteIdFor } from './ids.js';
import { type LinkOptions, sharingLink } from './permissions.js';

export const SYSTEM_ACCOUNT: SimIdentity = { displayName: 'System Account' };

const MIME_TYPES: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  pem: 'application/x-pem-file',
  env: 'text/plain',
  yml: 'application/x-yaml',
  yaml: 'application/x-yaml',
  xml: 'application/xml',
  config: 'application/xml',
  ps1: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  zip: 'application/x-zip-compressed',
  mp4: 'video/mp4',
};

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function mimeTypeFor(name: string): string {
  return MIME_TYPES[extensionOf(name)] ?? 'application/octet-stream';
}

/** The letter SharePoint puts in a sharing link for the kind of item (`/:x:/` for a workbook). */
function linkKind(item: { kind: 'folder' | 'file'; name: string }): string {
  if (item.kind === 'folder') return 'f';
  const ext = extensionOf(item.name);
  if (ext === 'xlsx' || ext === 'csv') return 'x';
  if (ext === 'docx') return 'w';
  if (ext === 'pptx') return 'p';
  if (ext === 'pdf') return 'b';
  if (ext === 'png' || ext === 'jpg') return 'i';
  if (ext === 'mp4') return 'v';
  return 't';
}

export function siteWebUrl(site: Pick<SimSite, 'hostname' | 'path'>): string {
  return site.path === '/' ? `https://${site.hostname}` : `https://${site.hostname}${site.path}`;
}

/** A sharing link's URL: `https://contoso.sharepoint.com/:x:/s/finance/E...`. */
export function sharingLinkUrl(
  site: SimSite,
  item: { kind: 'folder' | 'file'; name: string },
  seed: string,
): string {
  const kind = linkKind(item);
  const token = linkToken(seed);
  if (site.path === '/') return `https://${site.hostname}/:${kind}:/g/${token}`;
  const [collection, ...rest] = site.path.slice(1).split('/');
  const short = collection === 'sites' ? 's' : collection === 'teams' ? 't' : 'g';
  const tail = short === 'g' ? site.path.slice(1) : rest.join('/');
  return `https://${site.hostname}/:${kind}:/${short}/${tail}/${token}`;
}

export interface SiteSpec {
  hostname: string;
  /** `/`, `/sites/finance`, `/personal/meganb_contoso_com`. */
  path: string;
  displayName: string;
  description?: string;
  created: string;
  modified: string;
  appGrants?: GraphPermission[];
}

export function buildSite(spec: SiteSpec): SimSite {
  const segments = spec.path.split('/').filter((s) => s.length > 0);
  return {
    id: siteIdFor(spec.hostname, spec.path),
    hostname: spec.hostname,
    path: spec.path,
    name: segments.at(-1) ?? spec.hostname,
    displayName: spec.displayName,
    description: spec.description ?? '',
    createdDateTime: spec.created,
    lastModifiedDateTime: spec.modified,
    isPersonalSite: segments[0] === 'personal',
    appGrants: spec.appGrants ?? [],
  };
}

/** A link on an item, described without its URL (the builder makes the URL from the item). */
export type LinkSpec = Omit<LinkOptions, 'webUrl' | 'seed'>;

export interface ItemSpec {
  name: string;
  /** Present for a folder (possibly empty). */
  children?: ItemSpec[];
  /** Text content of a file; its length is the file's size. */
  content?: string;
  /** Size of a file without content. */
  size?: number;
  createdBy: SimIdentity;
  created: string;
  modified: string;
  links?: LinkSpec[];
  grants?: GraphPermission[];
}

export interface DriveSpec {
  site: SimSite;
  name: string;
  /** The library's URL segment: `Shared Documents` for a site, `Documents` for a OneDrive. */
  libraryPath: string;
  driveType: SimDrive['driveType'];
  owner: SimDrive['owner'];
  ownerUserId?: string;
  created: string;
  /** The library's own permissions (site groups, the OneDrive's owner), inherited by every item. */
  rootPermissions: GraphPermission[];
  tree: ItemSpec[];
  quotaTotal?: number;
}

export function buildDrive(spec: DriveSpec): SimDrive {
  const id = driveIdFor(spec.site.id, spec.name);
  const items: SimDriveItem[] = [];
  let sequence = 0;
  let latest = spec.created;
  const root: SimDriveItem = {
    id: itemIdFor(id, '/'),
    parentId: null,
    name: 'root',
    kind: 'folder',
    size: 0,
    createdDateTime: spec.created,
    lastModifiedDateTime: spec.created,
    createdBy: SYSTEM_ACCOUNT,
    lastModifiedBy: SYSTEM_ACCOUNT,
    permissions: spec.rootPermissions,
    sequence: ++sequence,
  };
  items.push(root);

  const add = (node: ItemSpec, parentId: string, path: string): number => {
    const itemPath = `${path}/${node.name}`;
    const isFolder = node.children !== undefined;
    const item: SimDriveItem = {
      id: itemIdFor(id, itemPath),
      parentId,
      name: node.name,
      kind: isFolder ? 'folder' : 'file',
      size: 0,
      createdDateTime: node.created,
      lastModifiedDateTime: node.modified,
      createdBy: node.createdBy,
      lastModifiedBy: node.createdBy,
      permissions: [],
      sequence: ++sequence,
    };
    if (!isFolder) {
      item.mimeType = mimeTypeFor(node.name);
      if (node.content !== undefined) item.content = node.content;
      item.size = node.content !== undefined ? Buffer.byteLength(node.content) : (node.size ?? 0);
    }
    items.push(item);
    if (node.modified > latest) latest = node.modified;
    if (isFolder)
      item.size = (node.children ?? []).reduce((n, child) => n + add(child, item.id, itemPath), 0);
    item.permissions = [
      ...(node.links ?? []).map((link, i) => {
        const seed = `${id}${itemPath}#${i}`;
        return sharingLink({ ...link, seed, webUrl: sharingLinkUrl(spec.site, item, seed) });
      }),
      ...(node.grants ?? []),
    ];
    return item.size;
  };
  root.size = spec.tree.reduce((n, node) => n + add(node, root.id, ''), 0);
  root.lastModifiedDateTime = latest;

  return {
    id,
    siteId: spec.site.id,
    name: spec.name,
    description: '',
    driveType: spec.driveType,
    webUrl: `${siteWebUrl(spec.site)}/${encodeURIComponent(spec.libraryPath)}`,
    createdDateTime: spec.created,
    lastModifiedDateTime: latest,
    owner: spec.owner,
    ...(spec.ownerUserId ? { ownerUserId: spec.ownerUserId } : {}),
    quota: { total: spec.quotaTotal ?? 27_487_790_694_400, used: root.size },
    items,
    changeCounter: sequence,
  };
}
