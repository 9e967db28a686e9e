// The users in a group, nested groups flattened (transitiveMembers, ids only: GroupMember.ReadBasic.All
// is enough). Used for role-assignable groups holding roles and for groups excluded from
// conditional access (is it only the break-glass accounts?).
import type { GraphClient } from '@m365-mcp/graph-core';
import { z } from 'zod';
import type { ConditionalAccessPolicy } from './schemas.js';

const memberSchema = z.object({ '@odata.type': z.string().optional(), id: z.string() }).passthrough();

const MAX_GROUP_MEMBERS = 500;
/** Excluded groups read per review; more than this is unusual, and the rest count as unknown people. */
const MAX_EXCLUDED_GROUPS = 25;

export async function listUserMembers(
  graph: GraphClient,
  groupId: string,
  signal: AbortSignal | undefined,
): Promise<{ ids: string[]; complete: boolean }> {
  const result = await graph.list(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`, {
    schema: memberSchema,
    maxItems: MAX_GROUP_MEMBERS,
    query: { $select: 'id' },
    ...(signal ? { signal } : {}),
  });
  return {
    ids: result.items.filter((m) => m['@odata.type'] === '#microsoft.graph.user').map((m) => m.id),
    complete: result.complete,
  };
}

/**
 * The user members of every group a policy excludes, by group id. A group that could not be read
 * whole (capped, deleted, refused) is left out: its people are then unknown, never assumed safe.
 */
export async function readExcludedGroupMembers(
  graph: GraphClient,
  policies: readonly ConditionalAccessPolicy[],
  signal?: AbortSignal,
): Promise<Map<string, string[]>> {
  const groupIds = [
    ...new Set(policies.flatMap((p) => [...(p.conditions?.users?.excludeGroups ?? [])])),
  ].slice(0, MAX_EXCLUDED_GROUPS);
  const members = new Map<string, string[]>();
  for (const groupId of groupIds) {
    try {
      const result = await listUserMembers(graph, groupId, signal);
      if (result.complete) members.set(groupId, result.ids);
    } catch (error) {
      if (signal?.aborted) throw error;
    }
  }
  return members;
}
