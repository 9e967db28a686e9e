import { f } from '@m365-mcp/graph-core';
import { cursorSchema, defineTool, limitSchema, paginate, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { compareSeverity, incidentSeverities, incidentStatuses } from '../graph/enums.js';
import { allOf, anyOf, createdSince } from '../graph/filters.js';
import { readIncidents } from '../graph/read-security.js';
import { incidentCoreSchema } from './support/incident-views.js';

const incidentRowSchema = incidentCoreSchema.extend({
  lastUpdateDateTime: z.string().nullable(),
  alertCount: z.number().int(),
  activeAlertCount: z.number().int().describe('Alerts not yet resolved'),
  priorityScore: z.number().nullable(),
});

export const listIncidentsOutput = {
  incidents: z.array(incidentRowSchema).describe('This page, newest first'),
  total: z.number().int(),
  bySeverity: z.record(z.string(), z.number().int()),
  unassigned: z.number().int().describe('Matching incidents nobody is assigned to'),
  complete: z.boolean().describe('False when the read cap stopped the list'),
  cursor: z.string().optional(),
};

export const listIncidents = defineTool({
  name: 'list_incidents',
  title: 'List Defender incidents',
  description:
    'Lists Microsoft Defender XDR incidents, newest first, filtered by status, severity, assignment (a UPN, or "unassigned") and time window, each with its alert counts. Use investigate_incident for one incident in depth. One paged Graph read with $expand=alerts (50 incidents a page, capped at 500).',
  input: {
    status: z.array(z.enum(incidentStatuses)).max(5).optional(),
    severity: z.array(z.enum(incidentSeverities)).max(4).optional(),
    assignedTo: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe('A UPN or name the incidents are assigned to, or "unassigned"'),
    days: z.number().int().min(1).max(180).optional().describe('Only incidents created in the last N days'),
    limit: limitSchema,
    cursor: cursorSchema,
  },
  output: listIncidentsOutput,
  annotations: readOnlyAnnotations,
  tenantData: true,
  async handler(args, ctx) {
    const unassignedOnly = args.assignedTo?.toLowerCase() === 'unassigned';
    const filter = allOf(
      anyOf('status', args.status, incidentStatuses),
      anyOf('severity', args.severity, incidentSeverities),
      args.assignedTo && !unassignedOnly ? f.eq('assignedTo', args.assignedTo) : undefined,
      createdSince(args.days, new Date()),
    );
    const read = await readIncidents(ctx.graph, filter);
    // Graph documents no `eq null` filter on assignedTo, so "unassigned" is applied here.
    const items = unassignedOnly ? read.items.filter((i) => !i.assignedTo) : read.items;
    const { page, cursor } = paginate(items, { limit: args.limit, cursor: args.cursor });
    const rows = page.map((i) => {
      const alerts = i.alerts ?? [];
      return {
        id: i.id,
        displayName: ctx.tenantText(i.displayName),
        severity: i.severity,
        status: i.status,
        assignedTo: i.assignedTo ? ctx.tenantText(i.assignedTo) : null,
        classification: i.classification ?? null,
        determination: i.determination ?? null,
        createdDateTime: i.createdDateTime,
        lastUpdateDateTime: i.lastUpdateDateTime ?? null,
        alertCount: alerts.length,
        activeAlertCount: alerts.filter((a) => a.status !== 'resolved').length,
        priorityScore: i.priorityScore ?? null,
        incidentWebUrl: i.incidentWebUrl ?? null,
      };
    });
    const bySeverity: Record<string, number> = {};
    for (const i of items) bySeverity[i.severity] = (bySeverity[i.severity] ?? 0) + 1;
    const unassigned = items.filter((i) => !i.assignedTo).length;
    const severities = Object.entries(bySeverity)
      .sort((a, b) => compareSeverity(a[0], b[0]))
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    const top = rows
      .slice(0, 3)
      .map(
        (r) =>
          `${r.id} ${r.severity}/${r.status}${r.assignedTo ? '' : ' unassigned'} (${r.alertCount} alerts)`,
      );
    const summary = [
      `${items.length} incident${items.length === 1 ? '' : 's'}${read.complete ? '' : ' (PARTIAL: read cap reached)'}${items.length ? `: ${severities}; ${unassigned} unassigned.` : '.'}`,
      top.length ? `Newest: ${top.join('; ')}.` : '',
      cursor ? `Showing ${rows.length}; pass the cursor for more.` : '',
    ];
    return {
      structured: {
        incidents: rows,
        total: items.length,
        bySeverity,
        unassigned,
        complete: read.complete,
        ...(cursor ? { cursor } : {}),
      },
      summary: summary.filter(Boolean).join('\n'),
    };
  },
});
