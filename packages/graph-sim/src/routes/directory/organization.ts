// The tenant: organization (a collection of one), domains, licences, directory sync.
import type { RouteDefinition } from '../../engine/route.js';
import { dir, param, requireById } from './shared.js';

export const organizationRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/organization',
    workload: 'directory',
    handler: (ctx) => ({ kind: 'collection', items: [dir(ctx).organization], context: 'organization' }),
  },
  {
    method: 'GET',
    path: '/domains',
    workload: 'directory',
    handler: (ctx) => ({ kind: 'collection', items: dir(ctx).domains, context: 'domains' }),
  },
  {
    method: 'GET',
    path: '/domains/{id}',
    workload: 'directory',
    handler: (ctx) => ({
      kind: 'entity',
      body: requireById(dir(ctx).domains, param(ctx, 'id')),
      context: 'domains',
    }),
  },
  {
    method: 'GET',
    path: '/subscribedSkus',
    workload: 'directory',
    cost: 3,
    // Graph does not page subscribedSkus.
    pageSize: 1000,
    maxPageSize: 1000,
    // The bundled catalogue subset misses the camel-case entry that makes LicenseAssignment.Read.All least.
    permissions: [
      'LicenseAssignment.Read.All',
      'Organization.Read.All',
      'Organization.ReadWrite.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
    handler: (ctx) => ({ kind: 'collection', items: dir(ctx).subscribedSkus, context: 'subscribedSkus' }),
  },
  {
    method: 'GET',
    path: '/directory/onPremisesSynchronization',
    workload: 'directory',
    // Not in the bundled catalogue subset; Microsoft's catalogue lists these two.
    permissions: ['OnPremDirectorySynchronization.Read.All', 'OnPremDirectorySynchronization.ReadWrite.All'],
    handler: (ctx) => ({
      kind: 'collection',
      items: dir(ctx).onPremisesSynchronization,
      context: 'directory/onPremisesSynchronization',
    }),
  },
];
