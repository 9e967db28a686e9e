// Drive items: the root, an item by id, children (Graph's default page is 200), with
// `$expand=permissions` (5 resource units, as SharePoint charges every permission read).

import { isExpanded } from '../../engine/odata/expand.js';
import type { RouteContext, RouteDefinition } from '../../engine/route.js';
import type { SimDrive, SimDriveItem } from '../../tenant/sharepoint.js';
import { FILES_READ, singleItemCost } from './common.js';
import { childrenOf, findDrive, findItem, rootOf, siteOf } from './lookup.js';
import { renderItem } from './render.js';

function one(ctx: RouteContext, drive: SimDrive, item: SimDriveItem) {
  const body = renderItem(siteOf(ctx.tenant.sharepoint, drive), drive, item, {
    withPermissions: isExpanded(ctx.query, 'permissions'),
  });
  return { kind: 'entity' as const, body, context: `drives('${drive.id}')/items` };
}

function children(ctx: RouteContext, drive: SimDrive, item: SimDriveItem) {
  const withPermissions = isExpanded(ctx.query, 'permissions');
  const site = siteOf(ctx.tenant.sharepoint, drive);
  return {
    kind: 'collection' as const,
    items: childrenOf(drive, item).map((child) => renderItem(site, drive, child, { withPermissions })),
    context: `drives('${drive.id}')/items('${item.id}')/children`,
  };
}

export const itemRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/drives/{driveId}/root',
    workload: 'sharepoint',
    expand: ['permissions'],
    permissions: FILES_READ,
    cost: singleItemCost,
    handler: (ctx) => {
      const drive = findDrive(ctx.tenant.sharepoint, ctx.params.driveId ?? '');
      return one(ctx, drive, rootOf(drive));
    },
  },
  {
    method: 'GET',
    path: '/drives/{driveId}/root/children',
    workload: 'sharepoint',
    expand: ['permissions'],
    permissions: FILES_READ,
    pageSize: 200,
    handler: (ctx) => {
      const drive = findDrive(ctx.tenant.sharepoint, ctx.params.driveId ?? '');
      return children(ctx, drive, rootOf(drive));
    },
  },
  {
    method: 'GET',
    path: '/drives/{driveId}/items/{itemId}',
    workload: 'sharepoint',
    expand: ['permissions'],
    handler: (ctx) => {
      const drive = findDrive(ctx.tenant.sharepoint, ctx.params.driveId ?? '');
      return one(ctx, drive, findItem(drive, ctx.params.itemId ?? ''));
    },
  },
  {
    method: 'GET',
    path: '/drives/{driveId}/items/{itemId}/children',
    workload: 'sharepoint',
    expand: ['permissions'],
    pageSize: 200,
    handler: (ctx) => {
      const drive = findDrive(ctx.tenant.sharepoint, ctx.params.driveId ?? '');
      return children(ctx, drive, findItem(drive, ctx.params.itemId ?? ''));
    },
  },
];
