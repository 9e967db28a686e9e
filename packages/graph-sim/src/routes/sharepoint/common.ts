// What the SharePoint routes share: the permissions of routes Microsoft's catalogue does not list,
// SharePoint's resource-unit costs where the engine's default reading of the path would be wrong,
// and `$expand` handling.
import { badRequest, type RouteContext } from '../../engine/route.js';

/** Read access to files, as the catalogue lists it for the neighbouring drive routes. */
export const FILES_READ = ['Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All'];
/** Read access to sites, as the catalogue lists it for `GET /sites/{id}`. */
export const SITES_READ = ['Sites.Read.All', 'Sites.ReadWrite.All'];

/** True when `$expand` asks for permissions; 400 for any navigation property other than those allowed. */
export function expandsPermissions(ctx: RouteContext, allowed: readonly string[] = ['permissions']): boolean {
  if (!ctx.query.expand) return false;
  let permissions = false;
  for (const part of ctx.query.expand.split(',')) {
    const name = (part.split('(')[0] ?? '').trim().toLowerCase();
    if (name.length === 0) continue;
    if (!allowed.includes(name))
      throw badRequest(`Could not find a property named '${name}' on type to expand.`);
    if (name === 'permissions') permissions = true;
  }
  return permissions;
}

/** One item read: 1 resource unit, or 5 when it expands permissions. */
export function singleItemCost(ctx: RouteContext): number {
  return /(^|,)\s*permissions\b/i.test(ctx.query.expand ?? '') ? 5 : 1;
}
