// Conditional access policies and named locations. Microsoft throttles these with Identity
// Protection (about one request a second per tenant, no Retry-After): workload identityProtection.
import type { RouteDefinition } from '../../engine/route.js';
import { dir, param, requireById } from './shared.js';

export const conditionalAccessRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/identity/conditionalAccess/policies',
    workload: 'identityProtection',
    handler: (ctx) => ({
      kind: 'collection',
      items: dir(ctx).conditionalAccessPolicies,
      context: 'identity/conditionalAccess/policies',
    }),
  },
  {
    method: 'GET',
    path: '/identity/conditionalAccess/policies/{id}',
    workload: 'identityProtection',
    handler: (ctx) => ({
      kind: 'entity',
      body: requireById(dir(ctx).conditionalAccessPolicies, param(ctx, 'id')),
      context: 'identity/conditionalAccess/policies',
    }),
  },
  {
    method: 'GET',
    path: '/identity/conditionalAccess/namedLocations',
    workload: 'identityProtection',
    handler: (ctx) => ({
      kind: 'collection',
      items: dir(ctx).namedLocations,
      context: 'identity/conditionalAccess/namedLocations',
    }),
  },
  {
    method: 'GET',
    path: '/identity/conditionalAccess/namedLocations/{id}',
    workload: 'identityProtection',
    handler: (ctx) => ({
      kind: 'entity',
      body: requireById(dir(ctx).namedLocations, param(ctx, 'id')),
      context: 'identity/conditionalAccess/namedLocations',
    }),
  },
];
