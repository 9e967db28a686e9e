// Identity reports and logs: the authentication methods registration report, directory audits
// and sign-ins. Throttled as reports (5 requests per 10 seconds per app per tenant).
import { badRequest, type RouteDefinition } from '../../engine/route.js';
import { dir, requireEntraIdP1 } from './shared.js';

/** userRegistrationDetails supports only $filter and $orderby; Graph rejects other options. */
const UNSUPPORTED_ON_REGISTRATION = ['$select', '$top', '$skip', '$count', '$search', '$expand'];

export const reportRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/reports/authenticationMethods/userRegistrationDetails',
    workload: 'reports',
    handler(ctx) {
      for (const key of ctx.query.raw.keys()) {
        if (UNSUPPORTED_ON_REGISTRATION.includes(key.toLowerCase())) {
          throw badRequest(
            `Query option '${key}' is not supported on userRegistrationDetails; use $filter or $orderby.`,
          );
        }
      }
      requireEntraIdP1(ctx);
      return {
        kind: 'collection',
        items: dir(ctx).userRegistrationDetails,
        context: 'reports/authenticationMethods/userRegistrationDetails',
      };
    },
  },
  {
    method: 'GET',
    path: '/auditLogs/directoryAudits',
    workload: 'reports',
    handler: (ctx) => ({
      kind: 'collection',
      items: dir(ctx).directoryAudits,
      context: 'auditLogs/directoryAudits',
    }),
  },
  {
    method: 'GET',
    path: '/auditLogs/signIns',
    workload: 'reports',
    // Documented: up to 1,000 per page.
    pageSize: 1000,
    maxPageSize: 1000,
    handler(ctx) {
      requireEntraIdP1(ctx);
      return { kind: 'collection', items: dir(ctx).signIns, context: 'auditLogs/signIns' };
    },
  },
];
