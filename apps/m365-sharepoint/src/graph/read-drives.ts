// The libraries of many sites in as few requests as possible: one `$batch` per 20 sites.
import { type GraphClient, graphPath } from '@m365-mcp/graph-core';
import { z } from 'zod';
import { NO_PACING, type Pacer } from './ru-pacer.js';
import { DRIVE_SELECT, type DriveRef, driveRef, driveSchema, type SiteRef } from './shapes.js';

const drivePageSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
});

export type SiteDrives = { ok: true; drives: DriveRef[] } | { ok: false; reason: string };

export async function readDrivesOfSites(
  graph: GraphClient,
  sites: readonly SiteRef[],
  signal?: AbortSignal,
  pacer: Pacer = NO_PACING,
): Promise<Map<string, SiteDrives>> {
  const out = new Map<string, SiteDrives>();
  if (sites.length === 0) return out;
  // Each member is a multi-item read: 2 resource units.
  await pacer.acquire(2 * sites.length, signal);
  const results = await graph.batch(
    sites.map((site, i) => ({
      id: String(i),
      method: 'GET' as const,
      url: graphPath`/sites/${site.id}/drives`,
      query: { $select: DRIVE_SELECT },
    })),
    signal ? { signal } : {},
  );
  for (const result of results) {
    const site = sites[Number(result.id)];
    if (!site) continue;
    if (result.error || result.status >= 300) {
      out.set(site.id, { ok: false, reason: result.error?.message ?? `HTTP ${result.status}` });
      continue;
    }
    const page = drivePageSchema.safeParse(result.body);
    if (!page.success) {
      out.set(site.id, { ok: false, reason: 'unreadable drive list' });
      continue;
    }
    const drives: DriveRef[] = [];
    for (const raw of page.data.value) {
      const drive = driveSchema.safeParse(raw);
      if (drive.success) drives.push(driveRef(site.id, drive.data));
    }
    // A site with more than a page of libraries is rare; read the rest one by one.
    const next = page.data['@odata.nextLink'];
    if (next) {
      const rest = await graph.list(next, {
        schema: driveSchema,
        maxPages: 20,
        ...(signal ? { signal } : {}),
      });
      for (const d of rest.items) drives.push(driveRef(site.id, d));
    }
    out.set(site.id, { ok: true, drives });
  }
  return out;
}
