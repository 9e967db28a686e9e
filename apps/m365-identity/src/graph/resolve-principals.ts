// Role holders as the analysis needs them (type, user type, enabled, synced): from the principal
// Graph expands on a role instance, or, where that lacks a property the checks decide on (group
// members, which come as ids; a principal expanded without it), from the users' own records in one
// $batch. A property left unknown is never read as "no": null stays null.
import type { GraphClient } from '@m365-mcp/graph-core';
import { userSelect } from './read-directory.js';
import { type GraphPrincipal, principalSchema } from './schemas.js';

export interface PrincipalInfo {
  id: string;
  type: 'user' | 'group' | 'servicePrincipal' | 'unknown';
  displayName: string | null;
  userPrincipalName: string | null;
  userType: string | null;
  accountEnabled: boolean | null;
  onPremisesSyncEnabled: boolean | null;
}

export function principalType(odataType: string | undefined): PrincipalInfo['type'] {
  switch (odataType) {
    case '#microsoft.graph.user':
      return 'user';
    case '#microsoft.graph.group':
      return 'group';
    case '#microsoft.graph.servicePrincipal':
      return 'servicePrincipal';
    default:
      return 'unknown';
  }
}

export function toPrincipal(p: GraphPrincipal | null | undefined, id: string): PrincipalInfo {
  return {
    id,
    type: principalType(p?.['@odata.type']),
    displayName: p?.displayName ?? null,
    userPrincipalName: p?.userPrincipalName ?? null,
    userType: p?.userType ?? null,
    accountEnabled: p?.accountEnabled ?? null,
    onPremisesSyncEnabled: p?.onPremisesSyncEnabled ?? null,
  };
}

/** An expanded user principal without the properties the checks read (Graph may expand fewer). */
export function lacksUserFacts(p: GraphPrincipal | null | undefined): boolean {
  return (
    principalType(p?.['@odata.type']) === 'user' &&
    (p?.accountEnabled === undefined ||
      p?.userType === undefined ||
      p?.userPrincipalName === undefined ||
      p?.onPremisesSyncEnabled === undefined)
  );
}

/** Users' records by id, one $batch; `complete` is false when any could not be read (and is absent). */
export async function readUsers(
  graph: GraphClient,
  userIds: readonly string[],
  signal: AbortSignal | undefined,
): Promise<{ users: Map<string, PrincipalInfo>; complete: boolean }> {
  const users = new Map<string, PrincipalInfo>();
  if (userIds.length === 0) return { users, complete: true };
  let complete = true;
  const results = await graph.batch(
    userIds.map((id, index) => ({
      id: String(index),
      method: 'GET' as const,
      url: `/users/${encodeURIComponent(id)}`,
      query: { $select: userSelect },
    })),
    signal ? { signal } : {},
  );
  for (const result of results) {
    const id = userIds[Number(result.id)];
    if (id === undefined) continue;
    const parsed = principalSchema.safeParse(result.body);
    if (result.status === 200 && parsed.success) {
      users.set(id, toPrincipal({ ...parsed.data, '@odata.type': '#microsoft.graph.user' }, id));
    } else {
      // Left out: the caller keeps what it had (an expanded principal, or a bare id).
      complete = false;
    }
  }
  return { users, complete };
}
