import { defineWriteTool, type PlannedRequest, ToolInputError } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { alertStatuses, classifications, determinations, incidentStatuses } from '../graph/enums.js';
import { readAlert, readIncident } from '../graph/read-security.js';
import { alertIdSchema } from './get-security-alerts.js';

const writableIncidentStatuses = incidentStatuses.filter((s) => s !== 'redirected');

export const respondToIncident = defineWriteTool({
  name: 'respond_to_incident',
  title: 'Respond to a Defender incident or alert',
  description:
    'Updates one Microsoft Defender XDR incident or alert: its status, classification, determination and assignment, and/or adds a comment. Resolving an incident also resolves its alerts, and assigning an incident assigns its alerts. Needs the write permissions (SecurityIncident.ReadWrite.All, SecurityAlert.ReadWrite.All).',
  input: {
    target: z.enum(['incident', 'alert']).describe('What to update'),
    id: z.string().min(1).max(128).describe('The incident id (a number) or the alert id'),
    status: z
      .enum([...new Set([...writableIncidentStatuses, ...alertStatuses])] as [string, ...string[]])
      .optional()
      .describe('Incident: active, inProgress, awaitingAction, resolved. Alert: new, inProgress, resolved'),
    classification: z.enum(classifications).optional(),
    determination: z.enum(determinations).optional(),
    assignedTo: z.string().min(1).max(256).optional().describe('UPN of the owner'),
    comment: z.string().min(1).max(2000).optional().describe('A comment to add'),
  },
  annotations: { destructiveHint: false, idempotentHint: false },
  async plan(args, ctx) {
    const isIncident = args.target === 'incident';
    if (isIncident && !/^\d{1,20}$/.test(args.id))
      throw new ToolInputError('An incident id is a number, e.g. "3051359".');
    if (!isIncident && !alertIdSchema.safeParse(args.id).success)
      throw new ToolInputError('An alert id has only letters, digits, "_" and "-".');
    if (args.status !== undefined) {
      const allowed: readonly string[] = isIncident ? writableIncidentStatuses : alertStatuses;
      if (!allowed.includes(args.status))
        throw new ToolInputError(
          `An ${args.target}'s status can be ${allowed.join(', ')}; not "${args.status}".`,
        );
    }
    const update: Record<string, unknown> = {};
    for (const key of ['status', 'classification', 'determination', 'assignedTo'] as const) {
      if (args[key] !== undefined) update[key] = args[key];
    }
    if (Object.keys(update).length === 0 && args.comment === undefined) {
      throw new ToolInputError(
        'Nothing to do: give a status, classification, determination, assignedTo or comment.',
      );
    }

    // Read the object first: the plan shows what changes from what, and a wrong id fails here.
    const current = isIncident ? await readIncident(ctx.graph, args.id) : await readAlert(ctx.graph, args.id);
    const name = ctx.tenantText(
      isIncident ? (current as { displayName: string }).displayName : (current as { title: string }).title,
    );
    const base = isIncident
      ? `/security/incidents/${current.id}`
      : `/security/alerts_v2/${encodeURIComponent(current.id)}`;
    const before: Record<string, unknown> = {};
    for (const key of Object.keys(update)) before[key] = (current as Record<string, unknown>)[key] ?? null;
    const changed = Object.keys(update).filter((k) => before[k] !== update[k]);

    const requests: PlannedRequest[] = [];
    if (changed.length > 0) {
      requests.push({
        method: 'PATCH',
        path: base,
        body: Object.fromEntries(changed.map((k) => [k, update[k]])),
      });
    }
    if (args.comment !== undefined) {
      requests.push({
        method: 'POST',
        path: `${base}/comments`,
        body: { '@odata.type': 'microsoft.graph.security.alertComment', comment: args.comment },
      });
    }
    if (requests.length === 0) {
      throw new ToolInputError(
        `The ${args.target} already has those values (${Object.keys(update).join(', ')}); nothing to change.`,
      );
    }
    const changes = changed.map((k) => `${k} ${String(before[k])} → ${String(update[k])}`);
    const alertCount = isIncident ? ((current as { alerts?: unknown[] }).alerts?.length ?? 0) : 0;
    const cascades =
      isIncident && (update.status === 'resolved' || update.assignedTo !== undefined) && changed.length > 0
        ? ` Defender carries ${update.status === 'resolved' ? 'the resolution' : 'the assignment'} to its ${alertCount} alert${alertCount === 1 ? '' : 's'}.`
        : '';
    const undoBody = Object.fromEntries(changed.map((k) => [k, before[k]]));
    return {
      summary: `Update ${args.target} ${current.id} "${name}": ${[...changes, ...(args.comment ? ['add a comment'] : [])].join('; ')}.`,
      targets: [
        { type: isIncident ? 'securityIncident' : 'securityAlert', id: current.id, displayName: name },
      ],
      requests,
      blastRadius: `One ${args.target} in Microsoft Defender XDR; no user, device or mailbox is touched.${cascades}`,
      reversible: args.comment === undefined,
      ...(changed.length > 0
        ? {
            undo: `PATCH ${base} with ${JSON.stringify(undoBody)}${args.comment ? ' (the comment cannot be removed)' : ''}`,
          }
        : {}),
    };
  },
});
