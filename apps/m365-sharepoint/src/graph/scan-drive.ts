// One drive's items through delta with `$select`: every item once, at Graph's largest page size,
// keeping only the items whose `shared` facet says they carry sharing of their own.
import type { GraphClient } from '@m365-mcp/graph-core';
import { NO_PACING, type Pacer } from './ru-pacer.js';
import { DELTA_PAGE_SIZE, DELTA_SELECT, type DriveRef, driveItemSchema } from './shapes.js';

export interface SharedCandidate {
  id: string;
  name: string;
  webUrl: string;
  isFolder: boolean;
  /** Items below a shared folder, which inherit its sharing. */
  descendants: number;
  /** The `shared` facet's scope (anonymous, organization, users), when Graph gives it. */
  scope?: string;
}

export interface ScannedFile {
  id: string;
  name: string;
  webUrl: string;
  size: number;
  parentId?: string;
}

export interface DriveScan {
  drive: DriveRef;
  itemsScanned: number;
  shared: SharedCandidate[];
  /** False when the delta round did not reach its end (a loop guard or cap). */
  complete: boolean;
  /** Every file, when asked for (the content scan needs the files under shared folders). */
  files: ScannedFile[];
  parentOf: Map<string, string>;
}

export async function scanDrive(
  graph: GraphClient,
  drive: DriveRef,
  signal?: AbortSignal,
  options: { keepFiles?: boolean; pacer?: Pacer } = {},
): Promise<DriveScan> {
  const pacer = options.pacer ?? NO_PACING;
  const files: ScannedFile[] = [];
  const parentOf = new Map<string, string>();
  const shared: SharedCandidate[] = [];
  let itemsScanned = 0;
  const pages = graph.pages(`/drives/${encodeURIComponent(drive.id)}/root/delta`, {
    query: { $select: DELTA_SELECT },
    pageSize: DELTA_PAGE_SIZE,
    schema: driveItemSchema,
    ...(signal ? { signal } : {}),
  });
  let complete = false;
  // A delta round's first page costs 2 resource units, each page after it (with a token) 1.
  let cost = 2;
  for (;;) {
    if (cost > 0) await pacer.acquire(cost, signal);
    const step = await pages.next();
    if (step.done) {
      complete = step.value.complete;
      break;
    }
    cost = step.value.nextLink ? 1 : 0;
    for (const item of step.value.items) {
      if (item.root || item.deleted) continue;
      itemsScanned += 1;
      const parent = item.parentReference?.id;
      if (parent) parentOf.set(item.id, parent);
      if (options.keepFiles && item.file) {
        files.push({
          id: item.id,
          name: item.name ?? item.id,
          webUrl: item.webUrl ?? '',
          size: item.size ?? 0,
          ...(parent ? { parentId: parent } : {}),
        });
      }
      if (item.shared) {
        shared.push({
          id: item.id,
          name: item.name ?? item.id,
          webUrl: item.webUrl ?? '',
          isFolder: Boolean(item.folder),
          descendants: 0,
          ...(item.shared.scope ? { scope: item.shared.scope } : {}),
        });
      }
    }
  }
  countDescendants(shared, parentOf);
  return { drive, itemsScanned, shared, complete, files, parentOf };
}

function countDescendants(shared: SharedCandidate[], parentOf: Map<string, string>): void {
  const folders = new Map(shared.filter((s) => s.isFolder).map((s) => [s.id, s]));
  if (folders.size === 0) return;
  for (const id of parentOf.keys()) {
    let parent = parentOf.get(id);
    for (let hops = 0; parent !== undefined && hops < 64; hops++) {
      const folder = folders.get(parent);
      if (folder) folder.descendants += 1;
      parent = parentOf.get(parent);
    }
  }
}
