// Compliance-area routes: records management (retention events and types), access review
// definitions, and the beta org settings the CIS audit reads (apps and services, Forms).
import { GraphSimError, type RouteContext, type RouteDefinition } from '../../engine/route.js';
import { hasEntraIdP2 } from '../../tenant/demo/directory/licences.js';

function requireGovernance(ctx: RouteContext): void {
  if (hasEntraIdP2(ctx.tenant.directory)) return;
  throw new GraphSimError(
    403,
    'AadPremiumLicenseRequired',
    'The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license.',
  );
}

export const complianceRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/security/triggers/retentionEvents',
    workload: 'other',
    handler: (ctx) => ({
      kind: 'collection',
      items: ctx.tenant.compliance.retentionEvents,
      context: 'security/triggers/retentionEvents',
    }),
  },
  {
    method: 'GET',
    path: '/security/triggerTypes/retentionEventTypes',
    workload: 'other',
    handler: (ctx) => ({
      kind: 'collection',
      items: ctx.tenant.compliance.retentionEventTypes,
      context: 'security/triggerTypes/retentionEventTypes',
    }),
  },
  {
    method: 'GET',
    path: '/identityGovernance/accessReviews/definitions',
    workload: 'directory',
    handler(ctx) {
      requireGovernance(ctx);
      return {
        kind: 'collection',
        items: ctx.tenant.compliance.accessReviewDefinitions,
        context: 'identityGovernance/accessReviews/definitions',
      };
    },
  },
  {
    method: 'GET',
    path: '/admin/appsAndServices/settings',
    versions: ['beta'],
    workload: 'other',
    // Not in the bundled v1.0 catalogue; Microsoft documents these for the beta endpoint.
    permissions: ['OrgSettings-AppsAndServices.Read.All', 'OrgSettings-AppsAndServices.ReadWrite.All'],
    handler: (ctx) => ({
      kind: 'entity',
      body: ctx.tenant.compliance.appsAndServicesSettings,
      context: 'admin/appsAndServices/settings',
    }),
  },
  {
    method: 'GET',
    path: '/admin/forms/settings',
    versions: ['beta'],
    workload: 'other',
    permissions: ['OrgSettings-Forms.Read.All', 'OrgSettings-Forms.ReadWrite.All'],
    handler: (ctx) => ({
      kind: 'entity',
      body: ctx.tenant.compliance.formsSettings,
      context: 'admin/forms/settings',
    }),
  },
];
