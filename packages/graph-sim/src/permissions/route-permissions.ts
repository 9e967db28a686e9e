// The permissions a route requires: its own declaration, else Microsoft's catalogue. A route with
// neither is a programming error, reported when the simulator starts rather than on first call.
import type { RouteDefinition } from '../engine/route.js';
import { lookupCataloguePermissions } from './catalogue.js';

export interface RoutePermissions {
  /** Any one of these allows the call. */
  anyOf: readonly string[];
  /** What an app should be granted to make this call (least privilege). */
  recommended: string;
}

export function resolveRoutePermissions(route: RouteDefinition): RoutePermissions {
  if (route.permissions && route.permissions.length > 0) {
    return { anyOf: route.permissions, recommended: route.permissions[0] as string };
  }
  const entry = lookupCataloguePermissions(route.method, route.path);
  const recommended = entry?.leastPrivileged[0] ?? entry?.all[0];
  if (!entry || !recommended) {
    throw new Error(
      `graph-sim: route ${route.method} ${route.path} has no entry in the Graph permission catalogue; ` +
        'declare its permissions on the route definition',
    );
  }
  return { anyOf: entry.all, recommended };
}

/**
 * One least-privileged permission per route, deduplicated: what an app needs to call every route
 * (delegated-only routes such as /me excepted: no application permission reaches them).
 */
export function requiredRoles(routes: readonly RouteDefinition[]): string[] {
  const appRoutes = routes.filter((route) => !route.delegatedOnly);
  return [...new Set(appRoutes.map((route) => resolveRoutePermissions(route).recommended))].sort();
}
