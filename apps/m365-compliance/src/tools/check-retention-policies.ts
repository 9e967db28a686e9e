import { defineTool, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';

const eventSchema = z
  .object({
    id: z.string(),
    displayName: z.string().optional(),
    eventTriggerDateTime: z.string().nullable().optional(),
    eventStatus: z.object({ status: z.string().nullable().optional() }).nullable().optional(),
  })
  .passthrough();
const typeSchema = z.object({ id: z.string(), displayName: z.string().optional() }).passthrough();

const NOT_EXPOSED = [
  'Retention policies and retention label policies (Get-RetentionCompliancePolicy, Purview PowerShell)',
  'Retention labels: Graph lists them only with delegated sign-in, not to an app',
  'DLP policies (Get-DlpCompliancePolicy, Purview PowerShell; CIS 3.2.1, 3.2.2)',
  'Sensitivity label policies (Get-LabelPolicy; CIS 3.3.1)',
];

export const checkRetentionPolicies = defineTool({
  name: 'check_retention_policies',
  title: 'Retention and records-management state that Graph shows an app',
  description:
    'Lists the records-management state Graph exposes to an app (retention event types and events) and states plainly what it does not (retention and DLP policies need Purview PowerShell: export them to JSON and import through run_powershell_audit / import_audit_report). Two Graph reads.',
  input: {},
  output: {
    retentionEventTypes: z.array(z.object({ id: z.string(), displayName: z.string() })),
    retentionEvents: z.array(
      z.object({
        id: z.string(),
        displayName: z.string(),
        triggeredAt: z.string().nullable(),
        status: z.string().nullable(),
      }),
    ),
    complete: z.boolean(),
    notExposedByGraph: z.array(z.string()),
  },
  annotations: readOnlyAnnotations,
  async handler(_args, ctx) {
    const [types, events] = await Promise.all([
      ctx.graph.list('/security/triggerTypes/retentionEventTypes', {
        schema: typeSchema,
        maxItems: 200,
        signal: ctx.signal,
      }),
      ctx.graph.list('/security/triggers/retentionEvents', {
        schema: eventSchema,
        maxItems: 200,
        signal: ctx.signal,
      }),
    ]);
    const complete = types.complete && events.complete;
    return {
      structured: {
        retentionEventTypes: types.items.map((t) => ({
          id: t.id,
          displayName: ctx.tenantText(t.displayName ?? ''),
        })),
        retentionEvents: events.items.map((e) => ({
          id: e.id,
          displayName: ctx.tenantText(e.displayName ?? ''),
          triggeredAt: e.eventTriggerDateTime ?? null,
          status: e.eventStatus?.status ?? null,
        })),
        complete,
        notExposedByGraph: NOT_EXPOSED,
      },
      summary: `${types.items.length} retention event types, ${events.items.length} retention events${complete ? '' : ' (partial: more exist)'}. Not visible through Graph: retention and DLP policies (Purview PowerShell; import its JSON export).`,
    };
  },
});
