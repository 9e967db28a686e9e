// How widely a file is exposed now. The `shared` facet still marks an item whose only link has
// expired (SharePoint keeps the link), so before a file is reported as "shared with anyone" its
// permissions (its own and those it inherits, as Graph lists them) are read, 20 to a `$batch`, and
// judged at `now`: the widest live sharing decides; none left means not exposed.
import type { GraphClient } from '@m365-mcp/graph-core';
import { classifyPermission, type SharingScope } from '../analysis/classify-permission.js';
import { type ItemKey, itemKey, readPermissions } from './read-permissions.js';
import type { Pacer } from './ru-pacer.js';

export type LiveScope = 'anonymous' | 'organization' | 'users';

export type LiveExposure = { ok: true; scope: LiveScope | null } | { ok: false; reason: string };

const WIDEST: readonly SharingScope[] = ['anonymous', 'organization', 'users', 'direct'];

// Only the scope is used: who counts as external does not change how widely a file is shared.
const ANY_TENANT = { internalDomains: [] };

export async function liveExposure(
  graph: GraphClient,
  files: readonly ItemKey[],
  now: number,
  signal: AbortSignal,
  pacer: Pacer,
): Promise<Map<string, LiveExposure>> {
  const read = await readPermissions(graph, files, signal, pacer);
  const out = new Map<string, LiveExposure>();
  for (const file of files) {
    const key = itemKey(file);
    const permissions = read.get(key);
    if (!permissions?.ok) {
      out.set(key, { ok: false, reason: permissions?.reason ?? 'no answer' });
      continue;
    }
    const live = permissions.permissions
      .map((p) => classifyPermission(p, ANY_TENANT, now))
      .filter((p) => !p.structural && !p.expired);
    const widest = WIDEST.find((scope) => live.some((p) => p.scope === scope));
    out.set(key, { ok: true, scope: widest === undefined ? null : widest === 'direct' ? 'users' : widest });
  }
  return out;
}
