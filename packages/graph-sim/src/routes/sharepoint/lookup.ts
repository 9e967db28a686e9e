// Finding sites, drives and items in the tenant model by the ids and addresses Graph accepts. A
// per-drive index (by id, by parent) keeps lookups cheap in a generated tenant with large drives; it
// is rebuilt whenever the drive's item list or change counter moves, so planted changes show.
import { notFound } from '../../engine/route.js';
import type { SharePointData, SimDrive, SimDriveItem, SimSite } from '../../tenant/sharepoint.js';

interface DriveIndex {
  length: number;
  changeCounter: number;
  byId: Map<string, SimDriveItem>;
  children: Map<string, SimDriveItem[]>;
}

const indexes = new WeakMap<SimDrive, DriveIndex>();

function indexOf(drive: SimDrive): DriveIndex {
  const cached = indexes.get(drive);
  if (cached && cached.length === drive.items.length && cached.changeCounter === drive.changeCounter)
    return cached;
  const byId = new Map<string, SimDriveItem>();
  const children = new Map<string, SimDriveItem[]>();
  for (const item of drive.items) {
    byId.set(item.id.toUpperCase(), item);
    if (item.parentId === null) continue;
    const siblings = children.get(item.parentId.toUpperCase());
    if (siblings) siblings.push(item);
    else children.set(item.parentId.toUpperCase(), [item]);
  }
  const index = { length: drive.items.length, changeCounter: drive.changeCounter, byId, children };
  indexes.set(drive, index);
  return index;
}

/** Forgets a drive's index (after a change that neither adds items nor bumps the counter). */
export function invalidate(drive: SimDrive): void {
  indexes.delete(drive);
}

/** A site by `host,collection,web`, `host,collection`, or a bare host name (its root site). */
export function findSite(data: SharePointData, rawId: string): SimSite {
  const id = rawId.replace(/:$/, '').toLowerCase();
  const parts = id.split(',');
  const site =
    parts.length === 3
      ? data.sites.find((s) => s.id.toLowerCase() === id)
      : parts.length === 2
        ? data.sites.find((s) => s.id.toLowerCase().startsWith(`${id},`))
        : data.sites.find((s) => s.hostname.toLowerCase() === id && s.path === '/');
  if (!site) throw notFound(`Site '${rawId}'`);
  return site;
}

/** A site by host name and server-relative path (`/sites/finance`). */
export function findSiteByPath(data: SharePointData, hostname: string, path: string): SimSite {
  const host = hostname.toLowerCase();
  const wanted = path.replace(/:$/, '').replace(/\/+$/, '').toLowerCase();
  const site = data.sites.find((s) => s.hostname.toLowerCase() === host && s.path.toLowerCase() === wanted);
  if (!site) throw notFound(`Site '${hostname}:${path}'`);
  return site;
}

export function siteOf(data: SharePointData, drive: SimDrive): SimSite | undefined {
  return data.sites.find((s) => s.id === drive.siteId);
}

export function drivesOf(data: SharePointData, site: SimSite): SimDrive[] {
  return data.drives.filter((d) => d.siteId === site.id);
}

export function findDrive(data: SharePointData, id: string): SimDrive {
  const drive = data.drives.find((d) => d.id === id);
  if (!drive) throw notFound(`Drive '${id}'`);
  return drive;
}

/** A user's OneDrive, by the user's object id or user principal name. */
export function findOneDrive(data: SharePointData, user: string): SimDrive {
  const wanted = user.toLowerCase();
  const drive = data.drives.find(
    (d) =>
      d.driveType === 'business' &&
      (d.ownerUserId?.toLowerCase() === wanted || d.owner.user?.email?.toLowerCase() === wanted),
  );
  if (!drive) throw notFound(`OneDrive of user '${user}'`);
  return drive;
}

export function rootOf(drive: SimDrive): SimDriveItem {
  const root = drive.items[0];
  if (!root || root.parentId !== null) throw new Error(`graph-sim: drive ${drive.id} has no root item first`);
  return root;
}

export function findItem(drive: SimDrive, id: string): SimDriveItem {
  const item = id.toLowerCase() === 'root' ? rootOf(drive) : indexOf(drive).byId.get(id.toUpperCase());
  if (!item) throw notFound(`Item '${id}'`);
  return item;
}

export function childrenOf(drive: SimDrive, item: SimDriveItem): SimDriveItem[] {
  return indexOf(drive).children.get(item.id.toUpperCase()) ?? [];
}

/** The item's ancestors, nearest first (the root last). */
export function ancestorsOf(drive: SimDrive, item: SimDriveItem): SimDriveItem[] {
  const byId = indexOf(drive).byId;
  const out: SimDriveItem[] = [];
  let parentId = item.parentId;
  while (parentId !== null) {
    const parent = byId.get(parentId.toUpperCase());
    if (!parent || out.includes(parent)) break;
    out.push(parent);
    parentId = parent.parentId;
  }
  return out;
}

/** `/Folder/Sub/file.txt` relative to the root ('' for the root). */
export function pathOf(drive: SimDrive, item: SimDriveItem): string {
  if (item.parentId === null) return '';
  const names = ancestorsOf(drive, item)
    .filter((a) => a.parentId !== null)
    .map((a) => a.name)
    .reverse();
  return `/${[...names, item.name].join('/')}`;
}
