// An item's permissions (its own and those inherited from its folders) and the removal of a
// sharing permission. Every permission call costs 5 resource units. Inherited permissions cannot
// be removed from the item that inherits them, as in SharePoint.
import { GraphSimError, notFound, type RouteContext, type RouteDefinition } from '../../engine/route.js';
import { findDrive, findItem } from './lookup.js';
import { effectivePermissions } from './render.js';

function target(ctx: RouteContext) {
  const drive = findDrive(ctx.tenant.sharepoint, ctx.params.driveId ?? '');
  return { drive, item: findItem(drive, ctx.params.itemId ?? '') };
}

export const itemPermissionRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/drives/{driveId}/items/{itemId}/permissions',
    workload: 'sharepoint',
    handler: (ctx) => {
      const { drive, item } = target(ctx);
      return {
        kind: 'collection',
        items: effectivePermissions(drive, item),
        context: `drives('${drive.id}')/items('${item.id}')/permissions`,
      };
    },
  },
  {
    method: 'GET',
    path: '/drives/{driveId}/items/{itemId}/permissions/{permissionId}',
    workload: 'sharepoint',
    handler: (ctx) => {
      const { drive, item } = target(ctx);
      const permission = effectivePermissions(drive, item).find((p) => p.id === ctx.params.permissionId);
      if (!permission) throw notFound(`Permission '${ctx.params.permissionId}'`);
      return {
        kind: 'entity',
        body: permission,
        context: `drives('${drive.id}')/items('${item.id}')/permissions`,
      };
    },
  },
  {
    method: 'DELETE',
    path: '/drives/{driveId}/items/{itemId}/permissions/{permissionId}',
    workload: 'sharepoint',
    handler: (ctx) => {
      const { drive, item } = target(ctx);
      const index = item.permissions.findIndex((p) => p.id === ctx.params.permissionId);
      if (index < 0) {
        const inherited = effectivePermissions(drive, item).some((p) => p.id === ctx.params.permissionId);
        if (inherited) {
          throw new GraphSimError(
            400,
            'invalidRequest',
            'The permission is inherited; remove it from the item it is inherited from.',
          );
        }
        throw notFound(`Permission '${ctx.params.permissionId}'`);
      }
      item.permissions.splice(index, 1);
      drive.changeCounter += 1;
      item.sequence = drive.changeCounter;
      return { kind: 'noContent' };
    },
  },
];
