// Sites: search, getAllSites, by id, by host name and path, the root site, and the application
// grants on a site (which need Sites.FullControl.All, per Microsoft's catalogue).
import { notFound, type RouteContext, type RouteDefinition } from '../../engine/route.js';
import type { SimSite } from '../../tenant/sharepoint.js';
import { SITES_READ } from './common.js';
import { findSite, findSiteByPath } from './lookup.js';
import { renderSite } from './render.js';

function matchesSearch(site: SimSite, term: string): boolean {
  const t = term.trim().toLowerCase();
  if (t === '' || t === '*') return true;
  const haystack =
    `${site.displayName} ${site.name} ${site.description} ${site.hostname}${site.path}`.toLowerCase();
  return t.split(/\s+/).every((word) => haystack.includes(word.replace(/\*/g, '')));
}

function byPath(collection: 'sites' | 'teams' | 'personal'): RouteDefinition {
  return {
    method: 'GET',
    path: `/sites/{hostname}:/${collection}/{path}`,
    workload: 'sharepoint',
    permissions: SITES_READ,
    handler: (ctx) => {
      const site = findSiteByPath(
        ctx.tenant.sharepoint,
        ctx.params.hostname ?? '',
        `/${collection}/${ctx.params.path ?? ''}`,
      );
      return { kind: 'entity', body: renderSite(site, ctx.tenant.id), context: 'sites' };
    },
  };
}

function appGrantsOf(ctx: RouteContext) {
  return findSite(ctx.tenant.sharepoint, ctx.params.id ?? '').appGrants;
}

export const siteRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/sites',
    workload: 'sharepoint',
    pageSize: 200,
    handler: (ctx) => {
      const term = ctx.query.raw.get('search') ?? '*';
      const sites = ctx.tenant.sharepoint.sites.filter((s) => !s.isPersonalSite && matchesSearch(s, term));
      return { kind: 'collection', items: sites.map((s) => renderSite(s, ctx.tenant.id)), context: 'sites' };
    },
  },
  {
    method: 'GET',
    path: '/sites/getAllSites',
    workload: 'sharepoint',
    pageSize: 200,
    handler: (ctx) => ({
      kind: 'collection',
      items: ctx.tenant.sharepoint.sites.map((s) => renderSite(s, ctx.tenant.id)),
      context: 'sites',
    }),
  },
  {
    method: 'GET',
    path: '/sites/root',
    workload: 'sharepoint',
    permissions: SITES_READ,
    cost: 1,
    handler: (ctx) => ({
      kind: 'entity',
      body: renderSite(findSite(ctx.tenant.sharepoint, ctx.tenant.sharepointHost), ctx.tenant.id),
      context: 'sites',
    }),
  },
  {
    method: 'GET',
    path: '/sites/{id}',
    workload: 'sharepoint',
    handler: (ctx) => ({
      kind: 'entity',
      body: renderSite(findSite(ctx.tenant.sharepoint, ctx.params.id ?? ''), ctx.tenant.id),
      context: 'sites',
    }),
  },
  byPath('sites'),
  byPath('teams'),
  byPath('personal'),
  {
    method: 'GET',
    path: '/sites/{id}/permissions',
    workload: 'sharepoint',
    handler: (ctx) => ({
      kind: 'collection',
      items: appGrantsOf(ctx),
      context: `sites('${ctx.params.id}')/permissions`,
    }),
  },
  {
    method: 'GET',
    path: '/sites/{id}/permissions/{permissionId}',
    workload: 'sharepoint',
    permissions: ['Sites.FullControl.All'],
    handler: (ctx) => {
      const grant = appGrantsOf(ctx).find((p) => p.id === ctx.params.permissionId);
      if (!grant) throw notFound(`Permission '${ctx.params.permissionId}'`);
      return { kind: 'entity', body: grant, context: `sites('${ctx.params.id}')/permissions` };
    },
  },
];
