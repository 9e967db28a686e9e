// Permissions of the shared items only, 20 to a `$batch` (each still costs SharePoint 5 resource
// units; batching saves round trips, not units).
import { type GraphClient, graphPath } from '@m365-mcp/graph-core';
import { z } from 'zod';
import { type GraphPermission, graphPermissionSchema } from '../analysis/graph-permission.js';
import { NO_PACING, type Pacer } from './ru-pacer.js';

export interface ItemKey {
  driveId: string;
  itemId: string;
}

export type ItemPermissions = { ok: true; permissions: GraphPermission[] } | { ok: false; reason: string };

const pageSchema = z.object({ value: z.array(z.unknown()) });

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
      url: graphPath`/drives/${item.driveId}/items/${item.itemId}/permissions`,
    })),
    signal ? { signal } : {},
  );
  for (const result of results) {
    const item = items[Number(result.id)];
    if (!item) continue;
    if (result.error || result.status >= 300) {
      out.set(itemKey(item), { ok: false, reason: result.error?.message ?? `HTTP ${result.status}` });
      continue;
    }
    const page = pageSchema.safeParse(result.body);
    if (!page.success) {
      out.set(itemKey(item), { ok: false, reason: 'unreadable permission list' });
      continue;
    }
    const permissions: GraphPermission[] = [];
    for (const raw of page.data.value) {
      const p = graphPermissionSchema.safeParse(raw);
      if (p.success) permissions.push(p.data);
    }
    out.set(itemKey(item), { ok: true, permissions });
  }
}
