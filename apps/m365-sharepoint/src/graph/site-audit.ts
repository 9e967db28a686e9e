// One site: its libraries, their shared items (delta + batched permissions) and the owners from
// each library's root permissions.
import type { GraphClient } from '@m365-mcp/graph-core';
import { classifyPermission, type TenantIdentity } from '../analysis/classify-permission.js';
import type { SharedItem } from '../analysis/shared-item.js';
import { auditDrives, type DriveFailure } from './audit-drives.js';
import { readDrivesOfSites } from './read-drives.js';
import { itemKey, readPermissions } from './read-permissions.js';
import { NO_PACING, type Pacer } from './ru-pacer.js';
import type { DriveRef, SiteRef } from './shapes.js';

export interface SiteAudit {
  site: SiteRef;
  drives: DriveRef[];
  owners: string[];
  itemsScanned: number;
  sharedItems: SharedItem[];
  /** Links and grants whose expiry has passed (not in sharedItems). */
  expiredPermissions: number;
  failures: DriveFailure[];
  complete: boolean;
}

export async function auditSite(
  graph: GraphClient,
  site: SiteRef,
  tenant: TenantIdentity,
  /** The instant (ms since the epoch) expiries are judged at. */
  now: number,
  signal?: AbortSignal,
  pacer: Pacer = NO_PACING,
  /** Called as each document library's scan ends, for MCP progress. */
  drivesScanned?: (done: number, total: number) => Promise<void>,
): Promise<SiteAudit> {
  const drivesBySite = await readDrivesOfSites(graph, [site], signal, pacer);
  const listed = drivesBySite.get(site.id);
  // One site is one area: its libraries unread, the tool fails with Graph's typed error (status,
  // message, request-id), which the server turns into a clear isError result.
  if (!listed) throw new Error('The $batch answer had no member for the site.');
  if (!listed.ok) throw listed.error;
  const drives = listed.drives;
  const [audit, roots] = await Promise.all([
    auditDrives(graph, drives, new Map([[site.id, site]]), tenant, now, signal, pacer, drivesScanned),
    readPermissions(
      graph,
      drives.map((d) => ({ driveId: d.id, itemId: 'root' })),
      signal,
      pacer,
    ),
  ]);
  const owners = new Set<string>();
  for (const drive of drives) {
    const root = roots.get(itemKey({ driveId: drive.id, itemId: 'root' }));
    if (!root?.ok) continue;
    for (const p of root.permissions) {
      const c = classifyPermission(p, tenant, now);
      if (c.access === 'owner') for (const g of c.grantees) owners.add(g.displayName);
      const group = p.grantedToV2?.siteGroup?.displayName;
      if (group && p.roles.includes('owner')) owners.add(group);
    }
  }
  return {
    site,
    drives,
    owners: [...owners],
    itemsScanned: audit.itemsScanned,
    sharedItems: audit.sharedItems.sort((a, b) => b.score - a.score),
    expiredPermissions: audit.expiredBySite.get(site.id) ?? 0,
    failures: audit.failures,
    complete: audit.failures.length === 0,
  };
}
