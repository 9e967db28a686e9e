// alerts_v2: list, get, update (status, classification, determination, assignedTo) and comments.
import { notFound, type RouteContext, type RouteDefinition } from '../../engine/route.js';
import type { SecurityAlert } from '../../tenant/security.js';
import { alertUpdateSchema, commentAuthor, commentSchema, parseBody } from './updates.js';

export const ALERT_FILTERABLE = [
  'assignedTo',
  'classification',
  'determination',
  'createdDateTime',
  'lastUpdateDateTime',
  'severity',
  'serviceSource',
  'status',
  'incidentId',
  'detectionSource',
  'title',
  'id',
] as const;

function findAlert(ctx: RouteContext): SecurityAlert {
  const alert = ctx.tenant.security.alerts.find((a) => a.id === ctx.params.id);
  if (!alert) throw notFound(`Alert '${ctx.params.id}'`);
  return alert;
}

export const alertRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/security/alerts_v2',
    workload: 'security',
    pageSize: 100,
    maxPageSize: 2000,
    filterable: ALERT_FILTERABLE,
    handler: (ctx) => ({
      kind: 'collection',
      items: ctx.tenant.security.alerts,
      context: 'security/alerts_v2',
    }),
  },
  {
    method: 'GET',
    path: '/security/alerts_v2/{id}',
    workload: 'security',
    handler: (ctx) => ({ kind: 'entity', body: findAlert(ctx), context: 'security/alerts_v2' }),
  },
  {
    method: 'PATCH',
    path: '/security/alerts_v2/{id}',
    workload: 'security',
    handler: (ctx) => {
      const alert = findAlert(ctx);
      const update = parseBody(alertUpdateSchema, ctx.body);
      const at = new Date().toISOString();
      if (update.status !== undefined) {
        alert.status = update.status;
        alert.resolvedDateTime = update.status === 'resolved' ? (alert.resolvedDateTime ?? at) : null;
      }
      if (update.classification !== undefined) alert.classification = update.classification;
      if (update.determination !== undefined) alert.determination = update.determination;
      if (update.assignedTo !== undefined) alert.assignedTo = update.assignedTo;
      alert.lastUpdateDateTime = at;
      return { kind: 'entity', body: alert, context: 'security/alerts_v2' };
    },
  },
  {
    method: 'POST',
    path: '/security/alerts_v2/{id}/comments',
    workload: 'security',
    handler: (ctx) => {
      const alert = findAlert(ctx);
      const { comment } = parseBody(commentSchema, ctx.body);
      const at = new Date().toISOString();
      alert.comments.push({
        comment,
        createdByDisplayName: commentAuthor(ctx.app.clientId),
        createdDateTime: at,
      });
      alert.lastUpdateDateTime = at;
      return {
        kind: 'collection',
        items: alert.comments,
        context: 'Collection(microsoft.graph.security.alertComment)',
      };
    },
  },
];
