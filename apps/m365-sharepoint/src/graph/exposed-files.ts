// The files a content scan considers: those the `shared` facet marks, themselves or through a folder
// above them, in the sites to scan. The facet only says "was shared"; live-exposure.ts decides
// whether the sharing still holds.
import type { GraphClient } from '@m365-mcp/graph-core';
import type { DriveScan } from './scan-drive.js';
import { SITE_SELECT, type SiteRef, siteRef, siteSchema } from './shapes.js';

export interface ExposedFile {
  site: SiteRef;
  driveId: string;
  itemId: string;
  name: string;
  webUrl: string;
}

/** Files shared themselves or sitting under a shared folder. */
export function exposedFiles(site: SiteRef, scan: DriveScan): ExposedFile[] {
  const shared = new Set(scan.shared.map((s) => s.id));
  const out: ExposedFile[] = [];
  for (const file of scan.files) {
    let exposed = shared.has(file.id);
    let parent = file.parentId;
    for (let hops = 0; !exposed && parent !== undefined && hops < 64; hops++) {
      exposed = shared.has(parent);
      parent = scan.parentOf.get(parent);
    }
    if (exposed)
      out.push({ site, driveId: scan.drive.id, itemId: file.id, name: file.name, webUrl: file.webUrl });
  }
  return out;
}

/** The first `maxSites` sites of the tenant, OneDrives included when asked. */
export async function tenantSites(
  graph: GraphClient,
  maxSites: number,
  includeOneDrives: boolean,
  signal: AbortSignal,
): Promise<SiteRef[]> {
  const listed = await graph.list('/sites/getAllSites', {
    query: { $select: SITE_SELECT },
    schema: siteSchema,
    maxItems: maxSites * 4,
    signal,
  });
  return listed.items
    .map(siteRef)
    .filter((s) => includeOneDrives || !s.isPersonalSite)
    .slice(0, maxSites);
}
