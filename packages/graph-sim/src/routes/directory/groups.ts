// /groups: list, get, direct members and transitive members (nested groups expanded; the nested
// groups themselves are listed too, as Graph does).
import type { RouteContext, RouteDefinition } from '../../engine/route.js';
import { dir, directoryObject, param, requireById } from './shared.js';

function members(ctx: RouteContext, ids: readonly string[]): object[] {
  return ids
    .map((id) => directoryObject(ctx, id))
    .filter((o): o is Record<string, unknown> => o !== undefined);
}

/** Every member reachable from the group, breadth first, each once (cycles cannot loop). */
export function transitiveMemberIds(
  groupMembers: Readonly<Record<string, string[]>>,
  groupId: string,
): string[] {
  const seen = new Set<string>([groupId]);
  const order: string[] = [];
  const queue = [...(groupMembers[groupId] ?? [])];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    order.push(id);
    queue.push(...(groupMembers[id] ?? []));
  }
  return order;
}

export const groupRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/groups',
    workload: 'directory',
    handler: (ctx) => ({ kind: 'collection', items: dir(ctx).groups, context: 'groups' }),
  },
  {
    method: 'GET',
    path: '/groups/{id}',
    workload: 'directory',
    handler(ctx) {
      return { kind: 'entity', body: requireById(dir(ctx).groups, param(ctx, 'id')), context: 'groups' };
    },
  },
  {
    method: 'GET',
    path: '/groups/{id}/members',
    workload: 'directory',
    cost: 3,
    handler(ctx) {
      const group = requireById(dir(ctx).groups, param(ctx, 'id'));
      return {
        kind: 'collection',
        items: members(ctx, dir(ctx).groupMembers[group.id] ?? []),
        context: 'directoryObjects',
      };
    },
  },
  {
    method: 'GET',
    path: '/groups/{id}/transitiveMembers',
    workload: 'directory',
    cost: 5,
    handler(ctx) {
      const group = requireById(dir(ctx).groups, param(ctx, 'id'));
      return {
        kind: 'collection',
        items: members(ctx, transitiveMemberIds(dir(ctx).groupMembers, group.id)),
        context: 'directoryObjects',
      };
    },
  },
];
