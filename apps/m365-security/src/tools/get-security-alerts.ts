import { cursorSchema, defineTool, limitSchema, paginate, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { alertSeverities, alertStatuses, compareSeverity, serviceSources } from '../graph/enums.js';
import { allOf, anyOf, createdSince } from '../graph/filters.js';
import { readAlert, readAlerts } from '../graph/read-security.js';
import { alertDetail, alertDetailSchema, alertRow, alertRowSchema } from './support/alert-views.js';

const countsSchema = z.record(z.string(), z.number().int());

export const getSecurityAlertsOutput = {
  alert: alertDetailSchema.optional().describe('The one alert asked for by alertId, with its evidence'),
  alerts: z.array(alertRowSchema).describe('This page of matching alerts, newest first'),
  total: z.number().int().describe('Matching alerts read (all of them when complete)'),
  bySeverity: countsSchema,
  byStatus: countsSchema,
  byServiceSource: countsSchema,
  complete: z.boolean().describe('False when the read cap stopped the list; counts cover what was read'),
  cursor: z.string().optional(),
};

/** Alert ids are Defender's (`da6375…_-9614`) or GUID-like; anything else is not an alert id. */
export const alertIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'An alert id has only letters, digits, "_" and "-"');

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

const fmt = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => compareSeverity(a[0], b[0]) || b[1] - a[1])
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');

export const getSecurityAlerts = defineTool({
  name: 'get_security_alerts',
  title: 'Get Defender alerts',
  description:
    'Lists Microsoft Defender XDR alerts (alerts_v2), newest first, filtered by severity, status, service source and time window, with counts by severity, status and source; or, with alertId, one alert in full with its evidence (users, devices, mailboxes, IPs, files, URLs). Use list_incidents/investigate_incident for the correlated view. One Graph read (paged, capped at 1000 alerts).',
  input: {
    alertId: alertIdSchema.optional().describe('Return this one alert in full (other filters are ignored)'),
    severity: z.array(z.enum(alertSeverities)).max(4).optional(),
    status: z.array(z.enum(alertStatuses)).max(3).optional(),
    serviceSource: z.array(z.enum(serviceSources)).max(11).optional(),
    days: z.number().int().min(1).max(180).optional().describe('Only alerts created in the last N days'),
    limit: limitSchema,
    cursor: cursorSchema,
  },
  output: getSecurityAlertsOutput,
  annotations: readOnlyAnnotations,
  tenantData: true,
  async handler(args, ctx) {
    if (args.alertId) {
      const alert = alertDetail(await readAlert(ctx.graph, args.alertId), ctx);
      const one = { [alert.severity]: 1 };
      return {
        structured: {
          alert,
          alerts: [],
          total: 1,
          bySeverity: one,
          byStatus: { [alert.status]: 1 },
          byServiceSource: { [alert.serviceSource]: 1 },
          complete: true,
        },
        summary: `Alert ${alert.id}: "${alert.title}" (${alert.severity}, ${alert.status}, ${alert.serviceSource}), incident ${alert.incidentId ?? 'none'}, ${alert.evidence.length} evidence items, created ${alert.createdDateTime}.`,
      };
    }
    const filter = allOf(
      anyOf('severity', args.severity, alertSeverities),
      anyOf('status', args.status, alertStatuses),
      anyOf('serviceSource', args.serviceSource, serviceSources),
      createdSince(args.days, new Date()),
    );
    const { items, complete } = await readAlerts(ctx.graph, filter);
    const { page, cursor } = paginate(items, { limit: args.limit, cursor: args.cursor });
    const bySeverity = countBy(items, (a) => a.severity);
    const byStatus = countBy(items, (a) => a.status);
    const byServiceSource = countBy(items, (a) => a.serviceSource);
    const rows = page.map((a) => alertRow(a, ctx));
    const newest = rows[0];
    const summary = [
      `${items.length} alert${items.length === 1 ? '' : 's'}${complete ? '' : ' (PARTIAL: read cap reached, counts cover only these)'}${items.length > 0 ? `: ${fmt(bySeverity)}; ${fmt(byStatus)}.` : '.'}`,
      newest
        ? `Newest: "${newest.title}" (${newest.severity}, ${newest.status}) at ${newest.createdDateTime}.`
        : '',
      cursor ? `Showing ${rows.length}; pass the cursor for more.` : '',
    ];
    return {
      structured: {
        alerts: rows,
        total: items.length,
        bySeverity,
        byStatus,
        byServiceSource,
        complete,
        ...(cursor ? { cursor } : {}),
      },
      summary: summary.filter(Boolean).join('\n'),
    };
  },
});
