// The tenant's SharePoint host name (contoso.sharepoint.com), from the root site: it names the
// tenant's own domains, so grants to other domains can be told apart as external.
import type { ToolContext } from '@m365-mcp/mcp-kit';
import { z } from 'zod';

const rootSchema = z
  .object({
    siteCollection: z.object({ hostname: z.string() }).passthrough().optional(),
    webUrl: z.string().optional(),
  })
  .passthrough();

export async function tenantHost(ctx: ToolContext): Promise<string> {
  const root = await ctx.graph.get('/sites/root', {
    query: { $select: 'siteCollection,webUrl' },
    schema: rootSchema,
    signal: ctx.signal,
  });
  if (root.siteCollection?.hostname) return root.siteCollection.hostname;
  try {
    return new URL(root.webUrl ?? '').hostname;
  } catch {
    return 'unknown.sharepoint.com';
  }
}
