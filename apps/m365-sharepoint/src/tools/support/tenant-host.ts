// The tenant's SharePoint host name (contoso.sharepoint.com), from the root site (or, where there
// is none, the first site's id): it names the tenant's own domains, so grants to other domains can
// be told apart as external.
import { NotFoundError } from '@m365-mcp/graph-core';
import type { ToolContext } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { NO_PACING, type Pacer } from '../../graph/ru-pacer.js';

const rootSchema = z
  .object({
    siteCollection: z.object({ hostname: z.string() }).passthrough().optional(),
    webUrl: z.string().optional(),
  })
  .passthrough();

export async function tenantHost(ctx: ToolContext, pacer: Pacer = NO_PACING): Promise<string> {
  try {
    await pacer.acquire(1, ctx.signal);
    const root = await ctx.graph.get('/sites/root', {
      query: { $select: 'siteCollection,webUrl' },
      schema: rootSchema,
      signal: ctx.signal,
    });
    if (root.siteCollection?.hostname) return root.siteCollection.hostname;
    return new URL(root.webUrl ?? '').hostname;
  } catch (error) {
    if (!(error instanceof NotFoundError) && !(error instanceof TypeError)) throw error;
  }
  await pacer.acquire(2, ctx.signal);
  const first = await ctx.graph.list('/sites/getAllSites', {
    query: { $select: 'id' },
    schema: z.object({ id: z.string() }).passthrough(),
    pageSize: 1,
    maxPages: 1,
    signal: ctx.signal,
  });
  return first.items[0]?.id.split(',')[0] ?? 'unknown.sharepoint.com';
}
