// graph/: one Graph question, parsed with zod. No MCP, no judgement: the reader returns what Graph
// said and whether the list is complete.
import type { GraphClient } from '@m365-mcp/graph-core';
import { z } from 'zod';

const userSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable(),
  userPrincipalName: z.string().nullable(),
  userType: z.string().nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
});
export type DirectoryUser = z.infer<typeof userSchema>;

/** At most this many users are read; `complete` says when a tenant has more. */
const MAX_USERS = 5000;

export async function readGuestAccounts(
  graph: GraphClient,
  signal: AbortSignal,
): Promise<{ guests: DirectoryUser[]; complete: boolean }> {
  const { items, complete } = await graph.list('/users', {
    query: { $select: 'id,displayName,userPrincipalName,userType,accountEnabled' },
    schema: userSchema,
    maxItems: MAX_USERS,
    signal,
  });
  return { guests: items.filter((u) => u.userType === 'Guest'), complete };
}
