// What one request costs against its workload's budget. A route may say; otherwise the documented
// defaults: directory resource units with Microsoft's query adjustments, SharePoint's 1 / 2 / 5.
import type { RouteContext, RouteDefinition } from './route.js';

function baseCost(route: RouteDefinition, ctx: RouteContext): number | undefined {
  if (typeof route.cost === 'function') return route.cost(ctx);
  return route.cost;
}

function directoryCost(route: RouteDefinition, ctx: RouteContext): number {
  let cost = baseCost(route, ctx) ?? 1;
  if (ctx.method !== 'GET') return Math.max(1, cost);
  // learn.microsoft.com/graph/throttling-limits: $select -1, $expand +1, $top below 20 -1.
  if (ctx.query.select && ctx.query.select.length > 0) cost -= 1;
  if (ctx.query.expand) cost += 1;
  if (ctx.query.top !== undefined && ctx.query.top < 20) cost -= 1;
  return Math.max(1, cost);
}

function sharepointCost(route: RouteDefinition, ctx: RouteContext): number {
  const explicit = baseCost(route, ctx);
  if (explicit !== undefined) return explicit;
  const path = route.path.toLowerCase();
  if (/\/permissions(\/|$)/.test(path) || /(^|,)\s*permissions\b/i.test(ctx.query.expand ?? '')) return 5;
  if (ctx.method !== 'GET') return 2;
  if (/\/delta(\(\))?$/.test(path)) {
    const hasToken =
      ctx.query.raw.has('$deltatoken') || ctx.query.raw.has('token') || ctx.query.raw.has('$skiptoken');
    return hasToken ? 1 : 2;
  }
  // A path ending in a placeholder addresses one item; anything else lists several.
  return /\}[^/]*$/.test(path) ? 1 : 2;
}

export function requestCost(route: RouteDefinition, ctx: RouteContext): number {
  switch (route.workload) {
    case 'directory':
      return directoryCost(route, ctx);
    case 'sharepoint':
      return sharepointCost(route, ctx);
    default:
      return baseCost(route, ctx) ?? 1;
  }
}
