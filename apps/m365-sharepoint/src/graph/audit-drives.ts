// Audits a set of drives the cheap way: delta (with `$select`) finds the shared items, then only
// their permissions are read, batched across drives. Failures stay per drive or per item, so one bad
// answer makes a result partial, never wrong. A link or grant whose expiry has passed is counted
// apart: SharePoint keeps it (and the item's `shared` facet), but it exposes nothing.
import type { GraphClient } from '@m365-mcp/graph-core';
import { classifyPermission, type TenantIdentity } from '../analysis/classify-permission.js';
import { itemScore, type SharedItem } from '../analysis/shared-item.js';
import { failureReason } from './failure-reason.js';
import { mapLimited } from './map-limited.js';
import { itemKey, readPermissions } from './read-permissions.js';
import { NO_PACING, type Pacer } from './ru-pacer.js';
import { type DriveScan, scanDrive } from './scan-drive.js';
import type { DriveRef, SiteRef } from './shapes.js';

export interface DriveFailure {
  siteId: string;
  driveId?: string;
  itemId?: string;
  reason: string;
}

export interface DrivesAudit {
  itemsScanned: number;
  drivesAudited: number;
  /** Items with live sharing of their own (expired links and grants left out). */
  sharedItems: SharedItem[];
  /** Expired links and grants, by site id. */
  expiredBySite: Map<string, number>;
  failures: DriveFailure[];
  /** Sites (by id) where anything failed: their results are partial. */
  partialSites: Set<string>;
}

export async function auditDrives(
  graph: GraphClient,
  drives: readonly DriveRef[],
  sites: ReadonlyMap<string, SiteRef>,
  tenant: TenantIdentity,
  /** The instant (ms since the epoch) expiries are judged at. */
  now: number,
  signal?: AbortSignal,
  pacer: Pacer = NO_PACING,
  /** Called as each drive's scan ends (read or not), for MCP progress. */
  drivesScanned?: (done: number, total: number) => Promise<void>,
): Promise<DrivesAudit> {
  const failures: DriveFailure[] = [];
  let scanned = 0;
  const scanEnded = async () => {
    scanned += 1;
    await drivesScanned?.(scanned, drives.length);
  };
  const expiredBySite = new Map<string, number>();
  const partialSites = new Set<string>();
  // Eight drives at a time; the Graph client paces the requests themselves.
  const scans = await mapLimited(drives, 8, async (drive): Promise<DriveScan | undefined> => {
    try {
      const scan = await scanDrive(graph, drive, signal, { pacer });
      if (!scan.complete) {
        failures.push({ siteId: drive.siteId, driveId: drive.id, reason: 'delta stopped before its end' });
        partialSites.add(drive.siteId);
      }
      await scanEnded();
      return scan;
    } catch (error) {
      if (signal?.aborted) throw error;
      failures.push({ siteId: drive.siteId, driveId: drive.id, reason: failureReason(error) });
      partialSites.add(drive.siteId);
      await scanEnded();
      return undefined;
    }
  });
  const done = scans.filter((s): s is DriveScan => s !== undefined);
  const candidates = done.flatMap((scan) => scan.shared.map((item) => ({ scan, item })));
  const permissions = await readPermissions(
    graph,
    candidates.map(({ scan, item }) => ({ driveId: scan.drive.id, itemId: item.id })),
    signal,
    pacer,
  );
  const sharedItems: SharedItem[] = [];
  for (const { scan, item } of candidates) {
    const read = permissions.get(itemKey({ driveId: scan.drive.id, itemId: item.id }));
    if (!read?.ok) {
      failures.push({
        siteId: scan.drive.siteId,
        driveId: scan.drive.id,
        itemId: item.id,
        reason: read?.reason ?? 'no answer',
      });
      partialSites.add(scan.drive.siteId);
      continue;
    }
    const own = read.permissions
      .filter((p) => !p.inheritedFrom)
      .map((p) => classifyPermission(p, tenant, now))
      .filter((p) => !p.structural);
    const live = own.filter((p) => !p.expired);
    const expired = own.length - live.length;
    if (expired > 0)
      expiredBySite.set(scan.drive.siteId, (expiredBySite.get(scan.drive.siteId) ?? 0) + expired);
    if (live.length === 0) continue;
    sharedItems.push({
      siteId: scan.drive.siteId,
      siteName: sites.get(scan.drive.siteId)?.displayName ?? scan.drive.siteId,
      driveId: scan.drive.id,
      itemId: item.id,
      name: item.name,
      webUrl: item.webUrl,
      isFolder: item.isFolder,
      descendants: item.descendants,
      permissions: live,
      score: itemScore(live),
    });
  }
  return {
    itemsScanned: done.reduce((n, s) => n + s.itemsScanned, 0),
    drivesAudited: done.length,
    sharedItems,
    expiredBySite,
    failures,
    partialSites,
  };
}
