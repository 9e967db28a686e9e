// What the SharePoint routes share: the permissions of routes Microsoft's catalogue does not list,
// and SharePoint's resource-unit costs where the engine's default reading of the path would be wrong.
import { isExpanded } from '../../engine/odata/expand.js';
import type { RouteContext } from '../../engine/route.js';

/** Read access to files, as the catalogue lists it for the neighbouring drive routes. */
export const FILES_READ = ['Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All'];
/** Read access to sites, as the catalogue lists it for `GET /sites/{id}`. */
export const SITES_READ = ['Sites.Read.All', 'Sites.ReadWrite.All'];

/** One item read: 1 resource unit, or 5 when it expands permissions. */
export function singleItemCost(ctx: RouteContext): number {
  return isExpanded(ctx.query, 'permissions') ? 5 : 1;
}
