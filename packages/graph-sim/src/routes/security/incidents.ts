// incidents: list and get (with `$expand=alerts`), update, and comments. Resolving an incident
// resolves its alerts, as Defender XDR does.

import { isExpanded } from '../../engine/odata/expand.js';
import { notFound, type RouteContext, type RouteDefinition } from '../../engine/route.js';
import type { SecurityIncident } from '../../tenant/security.js';
import { commentAuthor, commentSchema, incidentUpdateSchema, parseBody } from './updates.js';

export const INCIDENT_FILTERABLE = [
  'assignedTo',
  'classification',
  'createdDateTime',
  'determination',
  'displayName',
  'id',
  'lastUpdateDateTime',
  'severity',
  'status',
] as const;

function findIncident(ctx: RouteContext): SecurityIncident {
  const incident = ctx.tenant.security.incidents.find((i) => i.id === ctx.params.id);
  if (!incident) throw notFound(`Incident '${ctx.params.id}'`);
  return incident;
}

/** The incident as Graph renders it: with its alerts only when they were asked for. */
function render(ctx: RouteContext, incident: SecurityIncident): object {
  if (!isExpanded(ctx.query, 'alerts')) return incident;
  const alerts = ctx.tenant.security.alerts.filter((a) => a.incidentId === incident.id);
  return { ...incident, alerts };
}

export const incidentRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/security/incidents',
    workload: 'security',
    expand: ['alerts'],
    pageSize: 50,
    maxPageSize: 50,
    filterable: INCIDENT_FILTERABLE,
    handler: (ctx) => ({
      kind: 'collection',
      items: ctx.tenant.security.incidents.map((incident) => render(ctx, incident)),
      context: 'security/incidents',
    }),
  },
  {
    method: 'GET',
    path: '/security/incidents/{id}',
    workload: 'security',
    expand: ['alerts'],
    handler: (ctx) => ({
      kind: 'entity',
      body: render(ctx, findIncident(ctx)),
      context: 'security/incidents',
    }),
  },
  {
    method: 'PATCH',
    path: '/security/incidents/{id}',
    workload: 'security',
    handler: (ctx) => {
      const incident = findIncident(ctx);
      const update = parseBody(incidentUpdateSchema, ctx.body);
      const at = new Date().toISOString();
      Object.assign(incident, update);
      incident.lastUpdateDateTime = at;
      incident.lastModifiedBy = `API-App:${ctx.app.clientId}`;
      // Defender XDR carries an incident's assignment down to its alerts.
      if (update.assignedTo !== undefined) {
        for (const alert of ctx.tenant.security.alerts) {
          if (alert.incidentId !== incident.id) continue;
          alert.assignedTo = update.assignedTo;
          alert.lastUpdateDateTime = at;
        }
      }
      if (update.status === 'resolved') {
        for (const alert of ctx.tenant.security.alerts) {
          if (alert.incidentId !== incident.id || alert.status === 'resolved') continue;
          alert.status = 'resolved';
          alert.resolvedDateTime = at;
          alert.lastUpdateDateTime = at;
          if (update.classification !== undefined) alert.classification = update.classification;
          if (update.determination !== undefined) alert.determination = update.determination;
        }
      }
      return { kind: 'entity', body: render(ctx, incident), context: 'security/incidents' };
    },
  },
  {
    method: 'POST',
    path: '/security/incidents/{id}/comments',
    workload: 'security',
    handler: (ctx) => {
      const incident = findIncident(ctx);
      const { comment } = parseBody(commentSchema, ctx.body);
      const at = new Date().toISOString();
      incident.comments.push({
        comment,
        createdByDisplayName: commentAuthor(ctx.app.clientId),
        createdDateTime: at,
      });
      incident.lastUpdateDateTime = at;
      return {
        kind: 'collection',
        items: incident.comments,
        context: 'Collection(microsoft.graph.security.alertComment)',
      };
    },
  },
];
