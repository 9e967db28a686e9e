import { defineTool, readOnlyAnnotations, ToolInputError } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { incidentEntities, isCompromised } from '../analysis/entities.js';
import { assessImpact } from '../analysis/impact.js';
import { incidentTechniques } from '../analysis/mitre.js';
import { responsePlan } from '../analysis/response-plan.js';
import { openIncidentStatuses } from '../graph/enums.js';
import { anyOf } from '../graph/filters.js';
import { readAccountRoles } from '../graph/read-privileged.js';
import { readIncident, readIncidents } from '../graph/read-security.js';
import type { Incident } from '../graph/schemas.js';
import { alertRow, alertRowSchema } from './support/alert-views.js';
import { incidentCoreSchema } from './support/incident-views.js';

const verdictList = { roles: z.array(z.string()), verdict: z.string(), alertIds: z.array(z.string()) };

export const investigateIncidentOutput = {
  incident: incidentCoreSchema.extend({ summary: z.string().nullable() }),
  chosenBecause: z.string().describe('Why this incident: asked for by id, or the latest open one'),
  alerts: z.array(alertRowSchema),
  users: z.array(
    z.object({
      userId: z.string().nullable(),
      userPrincipalName: z.string().nullable(),
      displayName: z.string().nullable(),
      compromised: z.boolean(),
      privileged: z.boolean().nullable().describe('null when directory roles could not be read'),
      ...verdictList,
    }),
  ),
  devices: z.array(
    z.object({
      deviceId: z.string().nullable(),
      hostName: z.string().nullable(),
      riskScore: z.string().nullable(),
      ...verdictList,
    }),
  ),
  mailboxes: z.array(
    z.object({
      primaryAddress: z.string(),
      displayName: z.string().nullable(),
      verdict: z.string(),
      alertIds: z.array(z.string()),
    }),
  ),
  ips: z.array(
    z.object({
      address: z.string(),
      country: z.string().nullable(),
      city: z.string().nullable(),
      ...verdictList,
    }),
  ),
  files: z.array(
    z.object({
      name: z.string(),
      path: z.string().nullable(),
      sha256: z.string().nullable(),
      verdict: z.string(),
    }),
  ),
  urls: z.array(z.object({ url: z.string(), verdict: z.string() })),
  indicators: z
    .array(z.object({ type: z.string(), value: z.string(), verdict: z.string(), source: z.string() }))
    .describe('Indicators of compromise: values with a malicious or suspicious verdict'),
  mitreTechniques: z.array(
    z.object({ id: z.string(), name: z.string().nullable(), url: z.string(), alertCount: z.number().int() }),
  ),
  impact: z.object({
    level: z.enum(['critical', 'high', 'medium', 'low']),
    rule: z.string(),
    privilegedStatus: z.enum(['known', 'unknown']),
    privilegedStatusNote: z.string().optional(),
    privilegedAccounts: z.array(
      z.object({
        userId: z.string(),
        userPrincipalName: z.string().nullable(),
        compromised: z.boolean(),
        roles: z.array(z.string()),
      }),
    ),
    entityCounts: z.record(z.string(), z.number().int()),
    firstActivity: z.string().nullable(),
    lastActivity: z.string().nullable(),
    hoursSinceLastActivity: z.number().nullable(),
    recency: z.enum(['ongoing', 'recent', 'older', 'unknown']),
  }),
  responsePlan: z.array(
    z.object({
      order: z.number().int(),
      action: z.string(),
      why: z.string(),
      automation: z.enum(['safe-to-automate', 'needs-a-human']),
      tool: z
        .object({
          server: z.string(),
          name: z.string(),
          arguments: z.record(z.string(), z.unknown()).optional(),
        })
        .nullable(),
      where: z.string().optional(),
      targets: z.array(z.string()),
    }),
  ),
};

const incidentIdSchema = z.string().regex(/^\d{1,20}$/, 'An incident id is a number, e.g. "3051359"');

async function chooseIncident(
  graph: Parameters<typeof readIncident>[0],
  incidentId: string | undefined,
): Promise<{ incident: Incident; why: string }> {
  if (incidentId)
    return { incident: await readIncident(graph, incidentId), why: `asked for incident ${incidentId}` };
  const open = await readIncidents(graph, anyOf('status', openIncidentStatuses, openIncidentStatuses));
  const latest = open.items[0];
  if (!latest)
    throw new ToolInputError(
      'There is no open incident (active, in progress or awaiting action). Pass an incidentId to investigate a resolved one; list_incidents lists them.',
    );
  return {
    incident: latest,
    why: `the most recently created of ${open.items.length} open incident${open.items.length === 1 ? '' : 's'}${open.complete ? '' : ' read (the list was cut short)'}`,
  };
}

export const investigateIncident = defineTool({
  name: 'investigate_incident',
  title: 'Investigate a Defender incident',
  description:
    "Investigates one Microsoft Defender XDR incident (by id, or the latest open one when no id is given): its alerts; the users, devices, mailboxes, IPs, files and URLs in their evidence; the indicators of compromise; the MITRE ATT&CK techniques; an impact assessment (which affected accounts hold privileged directory roles, how many entities, how recent); and a response plan whose steps are tagged safe-to-automate or needs-a-human and name the tool for each (account containment is m365-identity's contain_user; incident updates are respond_to_incident). Read-only. 1-2 incident reads plus two reads for directory roles.",
  input: {
    incidentId: incidentIdSchema.optional().describe('The incident id; omit for the latest open incident'),
  },
  output: investigateIncidentOutput,
  annotations: readOnlyAnnotations,
  tenantData: true,
  async handler({ incidentId }, ctx) {
    const { incident, why } = await chooseIncident(ctx.graph, incidentId);
    const alerts = [...(incident.alerts ?? [])].sort((a, b) =>
      b.createdDateTime.localeCompare(a.createdDateTime),
    );
    const entities = incidentEntities(alerts);
    const lookup = await readAccountRoles(
      ctx.graph,
      entities.users.map((u) => u.userId).filter((id): id is string => id !== null),
    );
    const impact = assessImpact(incident, alerts, entities, lookup, new Date());
    const plan = responsePlan(incident, alerts, entities, impact);
    const techniques = incidentTechniques(alerts);
    const privilegedIds = new Set(impact.privilegedAccounts.map((p) => p.userId.toLowerCase()));
    const t = (v: string | null | undefined, max?: number) => (v ? ctx.tenantText(v, max) : null);

    const users = entities.users.map((u) => ({
      ...u,
      userPrincipalName: t(u.userPrincipalName),
      displayName: t(u.displayName),
      compromised: isCompromised(u),
      privileged:
        lookup.status === 'unknown' ? null : u.userId !== null && privilegedIds.has(u.userId.toLowerCase()),
    }));
    const structured = {
      incident: {
        id: incident.id,
        displayName: ctx.tenantText(incident.displayName),
        severity: incident.severity,
        status: incident.status,
        assignedTo: t(incident.assignedTo),
        classification: incident.classification ?? null,
        determination: incident.determination ?? null,
        createdDateTime: incident.createdDateTime,
        summary: t(incident.summary, 1000),
        incidentWebUrl: incident.incidentWebUrl ?? null,
      },
      chosenBecause: why,
      alerts: alerts.map((a) => alertRow(a, ctx)),
      users,
      devices: entities.devices.map((d) => ({ ...d, hostName: t(d.hostName) })),
      mailboxes: entities.mailboxes.map((m) => ({
        ...m,
        primaryAddress: ctx.tenantText(m.primaryAddress),
        displayName: t(m.displayName),
      })),
      ips: entities.ips.map((i) => ({
        ...i,
        address: ctx.tenantText(i.address),
        city: t(i.city),
        country: t(i.country),
      })),
      files: entities.files.map((file) => ({
        ...file,
        name: ctx.tenantText(file.name),
        path: t(file.path, 512),
      })),
      urls: entities.urls.map((u) => ({ ...u, url: ctx.tenantText(u.url, 512) })),
      indicators: entities.indicators.map((i) => ({
        ...i,
        value: ctx.tenantText(i.value, 512),
        source: ctx.tenantText(i.source),
      })),
      mitreTechniques: techniques,
      impact: {
        ...impact,
        privilegedAccounts: impact.privilegedAccounts.map((p) => ({
          ...p,
          userPrincipalName: t(p.userPrincipalName),
          roles: p.roles.map((r) => ctx.tenantText(r)),
        })),
      },
      responsePlan: plan.map((step) => ({
        ...step,
        action: ctx.tenantText(step.action, 512),
        targets: step.targets.map((target) => ctx.tenantText(target, 512)),
      })),
    };

    const compromised = users.filter((u) => u.compromised);
    const privileged = structured.impact.privilegedAccounts;
    const auto = plan.filter((s) => s.automation === 'safe-to-automate').length;
    const summary = [
      `Incident ${incident.id} (${why}): "${structured.incident.displayName}", ${incident.severity}, ${incident.status}, ${incident.assignedTo ? `assigned to ${structured.incident.assignedTo}` : 'UNASSIGNED'}; ${alerts.length} alerts.`,
      `Impact ${impact.level}: ${impact.rule}.`,
      privileged.length > 0
        ? `Privileged: ${privileged.map((p) => `${p.userPrincipalName ?? p.userId} (${p.roles.join(', ')})`).join('; ')}.`
        : impact.privilegedStatus === 'unknown'
          ? 'Privileged status UNKNOWN (directory roles not readable; ask m365-identity).'
          : 'No affected account holds a privileged role.',
      `Entities: ${users.length} users (${compromised.length} compromised), ${structured.devices.length} devices, ${structured.mailboxes.length} mailboxes, ${structured.ips.length} IPs, ${entities.indicators.length} indicators; MITRE ${techniques.map((x) => x.id).join(', ') || 'none'}.`,
      `Response plan: ${plan.length} steps (${auto} safe to automate, ${plan.length - auto} need a human); see responsePlan.`,
    ];
    return { structured, summary: summary.join('\n') };
  },
});
