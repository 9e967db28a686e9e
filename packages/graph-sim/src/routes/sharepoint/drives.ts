// Drives: a site's libraries, its default library, a user's OneDrive, and a drive by id.
import { notFound, type RouteDefinition } from '../../engine/route.js';
import { drivesOf, findDrive, findOneDrive, findSite } from './lookup.js';
import { renderDrive } from './render.js';

export const driveRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/sites/{id}/drives',
    workload: 'sharepoint',
    handler: (ctx) => {
      const site = findSite(ctx.tenant.sharepoint, ctx.params.id ?? '');
      return {
        kind: 'collection',
        items: drivesOf(ctx.tenant.sharepoint, site).map(renderDrive),
        context: 'drives',
      };
    },
  },
  {
    method: 'GET',
    path: '/sites/{id}/drive',
    workload: 'sharepoint',
    cost: 1,
    handler: (ctx) => {
      const site = findSite(ctx.tenant.sharepoint, ctx.params.id ?? '');
      const [drive] = drivesOf(ctx.tenant.sharepoint, site);
      if (!drive) throw notFound(`Default drive of site '${ctx.params.id}'`);
      return { kind: 'entity', body: renderDrive(drive), context: 'drives' };
    },
  },
  {
    method: 'GET',
    path: '/users/{id}/drive',
    workload: 'sharepoint',
    cost: 1,
    handler: (ctx) => ({
      kind: 'entity',
      body: renderDrive(findOneDrive(ctx.tenant.sharepoint, ctx.params.id ?? '')),
      context: 'drives',
    }),
  },
  {
    method: 'GET',
    path: '/drives/{id}',
    workload: 'sharepoint',
    handler: (ctx) => ({
      kind: 'entity',
      body: renderDrive(findDrive(ctx.tenant.sharepoint, ctx.params.id ?? '')),
      context: 'drives',
    }),
  },
];
