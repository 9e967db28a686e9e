// The libraries of many sites in as few requests as possible: one `$batch` per 20 sites.
import { type GraphClient, type GraphError, graphPath, toGraphError } from '@m365-mcp/graph-core';
import { z } from 'zod';
import { batchError, failureReason, unexpectedShape } from './failure-reason.js';
import { parseAll } from './parse-all.js';
import { NO_PACING, type Pacer } from './ru-pacer.js';
import { DRIVE_SELECT, type DriveRef, driveRef, driveSchema, type SiteRef } from './shapes.js';

const drivePageSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
});

export type SiteDrives =
  | { ok: true; drives: DriveRef[] }
  /** `error` for a caller that fails as a whole (one site); `reason` for a list of failed sites. */
  | { ok: false; reason: string; error: GraphError };

function failed(error: GraphError): SiteDrives {
  return { ok: false, reason: failureReason(error), error };
}

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
    const path = graphPath`/sites/${site.id}/drives`;
    if (result.error || result.status >= 300) {
      out.set(site.id, failed(batchError(result, path)));
      continue;
    }
    const page = drivePageSchema.safeParse(result.body);
    const drives = page.success ? parseAll(page.data.value, driveSchema) : undefined;
    // A library that cannot be read is a library not audited: the site is failed, not quietly smaller.
    if (!page.success || drives === undefined) {
      out.set(site.id, failed(unexpectedShape(path, result.headers['request-id'])));
      continue;
    }
    const refs = drives.map((d) => driveRef(site.id, d));
    // A site with more than a page of libraries is rare; read the rest one by one.
    const next = page.data['@odata.nextLink'];
    if (next) {
      try {
        const rest = await graph.list(next, {
          schema: driveSchema,
          maxPages: 20,
          ...(signal ? { signal } : {}),
        });
        if (!rest.complete) throw new Error(`${rest.pages} pages of libraries and still more`);
        for (const d of rest.items) refs.push(driveRef(site.id, d));
      } catch (error) {
        if (signal?.aborted) throw error;
        out.set(site.id, failed(toGraphError(error, { method: 'GET', path })));
        continue;
      }
    }
    out.set(site.id, { ok: true, drives: refs });
  }
  return out;
}
