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
