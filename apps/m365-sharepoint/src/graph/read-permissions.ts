// Permissions of the shared items only, 20 to a `$batch` (each still costs SharePoint 5 resource
// units; batching saves round trips, not units).
import { type GraphClient, graphPath } from '@m365-mcp/graph-core';
import { z } from 'zod';
import { type GraphPermission, graphPermissionSchema } from '../analysis/graph-permission.js';
import { batchError, failureReason, unexpectedShape } from './failure-reason.js';
import { parseAll } from './parse-all.js';
import { NO_PACING, type Pacer } from './ru-pacer.js';

export interface ItemKey {
  driveId: string;
  itemId: string;
}

export type ItemPermissions = { ok: true; permissions: GraphPermission[] } | { ok: false; reason: string };

const pageSchema = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().optional() });

function permissionsPath(item: ItemKey): string {
  return graphPath`/drives/${item.driveId}/items/${item.itemId}/permissions`;
}

export function itemKey(k: ItemKey): string {
  return `${k.driveId}/${k.itemId}`;
}

const BATCH = 20;

export async function readPermissions(
  graph: GraphClient,
  items: readonly ItemKey[],
  signal?: AbortSignal,
  pacer: Pacer = NO_PACING,
): Promise<Map<string, ItemPermissions>> {
  const out = new Map<string, ItemPermissions>();
  const chunks: ItemKey[][] = [];
  for (let i = 0; i < items.length; i += BATCH) chunks.push(items.slice(i, i + BATCH));
  await Promise.all(chunks.map((chunk) => readChunk(graph, chunk, out, signal, pacer)));
  return out;
}

async function readChunk(
  graph: GraphClient,
  items: readonly ItemKey[],
  out: Map<string, ItemPermissions>,
  signal: AbortSignal | undefined,
  pacer: Pacer,
): Promise<void> {
  // Every permission read costs 5 resource units, batched or not.
  await pacer.acquire(5 * items.length, signal);
  const results = await graph.batch(
    items.map((item, i) => ({
      id: String(i),
      method: 'GET' as const,
      url: permissionsPath(item),
    })),
    signal ? { signal } : {},
  );
  for (const result of results) {
    const item = items[Number(result.id)];
    if (!item) continue;
    const path = permissionsPath(item);
    if (result.error || result.status >= 300) {
      out.set(itemKey(item), { ok: false, reason: failureReason(batchError(result, path)) });
      continue;
    }
    const page = pageSchema.safeParse(result.body);
    const permissions = page.success ? parseAll(page.data.value, graphPermissionSchema) : undefined;
    // One permission that cannot be read could be the anyone link: the item is failed, not passed.
    if (!page.success || permissions === undefined) {
      out.set(itemKey(item), {
        ok: false,
        reason: failureReason(unexpectedShape(path, result.headers['request-id'])),
      });
      continue;
    }
    // An item with more permissions than a page: the rest, one page at a time (rare).
    const next = page.data['@odata.nextLink'];
    if (next) {
      try {
        const rest = await graph.list(next, {
          schema: graphPermissionSchema,
          maxPages: 50,
          ...(signal ? { signal } : {}),
        });
        if (!rest.complete) throw new Error(`${rest.pages} pages of permissions and still more`);
        permissions.push(...rest.items);
      } catch (error) {
        if (signal?.aborted) throw error;
        out.set(itemKey(item), { ok: false, reason: failureReason(error) });
        continue;
      }
    }
    out.set(itemKey(item), { ok: true, permissions });
  }
}
