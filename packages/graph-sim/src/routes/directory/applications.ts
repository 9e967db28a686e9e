// App registrations, service principals, application permissions granted to them
// (appRoleAssignments) and delegated grants (oauth2PermissionGrants).
import type { RouteDefinition } from '../../engine/route.js';
import { dir, param, requireById } from './shared.js';

export const applicationRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/applications',
    workload: 'directory',
    cost: 2,
    handler: (ctx) => ({ kind: 'collection', items: dir(ctx).applications, context: 'applications' }),
  },
  {
    method: 'GET',
    path: '/applications/{id}',
    workload: 'directory',
    handler: (ctx) => ({
      kind: 'entity',
      body: requireById(dir(ctx).applications, param(ctx, 'id')),
      context: 'applications',
    }),
  },
  {
    method: 'GET',
    path: '/servicePrincipals',
    workload: 'directory',
    handler: (ctx) => ({
      kind: 'collection',
      items: dir(ctx).servicePrincipals,
      context: 'servicePrincipals',
    }),
  },
  {
    method: 'GET',
    path: '/servicePrincipals/{id}',
    workload: 'directory',
    handler: (ctx) => ({
      kind: 'entity',
      body: requireById(dir(ctx).servicePrincipals, param(ctx, 'id')),
      context: 'servicePrincipals',
    }),
  },
  {
    method: 'GET',
    path: '/servicePrincipals/{id}/appRoleAssignments',
    workload: 'directory',
    handler(ctx) {
      const sp = requireById(dir(ctx).servicePrincipals, param(ctx, 'id'));
      return {
        kind: 'collection',
        items: dir(ctx).appRoleAssignments.filter((a) => a.principalId === sp.id),
        context: `servicePrincipals('${sp.id}')/appRoleAssignments`,
      };
    },
  },
  {
    // Who was granted this resource's app roles: on Microsoft Graph's service principal, every
    // application permission to Graph in the tenant, in one paged read.
    method: 'GET',
    path: '/servicePrincipals/{id}/appRoleAssignedTo',
    workload: 'directory',
    // Not in the bundled catalogue subset; from Microsoft's catalogue (Application.Read.All is least).
    permissions: [
      'Application.Read.All',
      'Directory.Read.All',
      'Application.ReadWrite.All',
      'Application.ReadWrite.OwnedBy',
      'Directory.ReadWrite.All',
    ],
    filterable: ['id', 'principalId', 'principalType', 'appRoleId', 'resourceId'],
    handler(ctx) {
      const sp = requireById(dir(ctx).servicePrincipals, param(ctx, 'id'));
      return {
        kind: 'collection',
        items: dir(ctx).appRoleAssignments.filter((a) => a.resourceId === sp.id),
        context: `servicePrincipals('${sp.id}')/appRoleAssignedTo`,
      };
    },
  },
  {
    method: 'GET',
    path: '/oauth2PermissionGrants',
    workload: 'directory',
    handler: (ctx) => ({
      kind: 'collection',
      items: dir(ctx).oauth2PermissionGrants,
      context: 'oauth2PermissionGrants',
    }),
  },
];
