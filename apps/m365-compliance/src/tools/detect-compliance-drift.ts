import { compareRuns } from '@m365-mcp/cis-bridge';
import { ForbiddenError, f } from '@m365-mcp/graph-core';
import { defineTool, readOnlyAnnotations, ToolInputError } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { cleanTenantStrings } from '../analysis/shapes.js';
import { runsFor } from '../store/tenant-runs.js';

const auditEventSchema = z.object({
  activityDateTime: z.string(),
  activity: z.string(),
  initiatedBy: z.string(),
  target: z.string(),
  modifiedProperties: z.array(z.object({ name: z.string(), oldValue: z.string(), newValue: z.string() })),
});

const rowSchema = z
  .object({
    activityDateTime: z.string(),
    activityDisplayName: z.string(),
    category: z.string().optional(),
    initiatedBy: z.unknown(),
    targetResources: z
      .array(
        z
          .object({
            displayName: z.string().nullable().optional(),
            modifiedProperties: z
              .array(
                z.object({
                  displayName: z.string().nullable().optional(),
                  oldValue: z.unknown(),
                  newValue: z.unknown(),
                }),
              )
              .optional(),
          })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();

const MAX_VALUE = 200;
const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? null)).slice(0, MAX_VALUE);

export const detectComplianceDrift = defineTool({
  name: 'detect_compliance_drift',
  title: 'What changed between two compliance runs',
  description:
    'Compares two stored runs (default: the latest against the baseline) and reports the controls that changed status and the Graph settings that changed underneath them (volatile fields ignored); with the audit-log permission, also who changed policies and when (directory audits since the baseline). One Graph call at most.',
  input: {
    baselineRunId: z.string().uuid().optional(),
    currentRunId: z.string().uuid().optional(),
    includeAuditLogs: z.boolean().default(true),
  },
  output: {
    baselineRunId: z.string(),
    currentRunId: z.string(),
    statusChanges: z.array(
      z.object({
        controlId: z.string(),
        title: z.string(),
        from: z.string(),
        to: z.string(),
        evidenceChanges: z.array(z.object({ key: z.string(), before: z.unknown(), after: z.unknown() })),
      }),
    ),
    settingChanges: z.array(
      z.object({ resource: z.string(), path: z.string(), before: z.unknown(), after: z.unknown() }),
    ),
    auditEvents: z.array(auditEventSchema),
    auditLogNote: z.string().optional(),
  },
  annotations: readOnlyAnnotations,
  tenantData: true,
  async handler(args, ctx) {
    const runs = await runsFor(ctx);
    const current = args.currentRunId ? await runs.get(args.currentRunId) : await runs.latest();
    const baseline = args.baselineRunId ? await runs.get(args.baselineRunId) : await runs.baseline();
    if (!current || !baseline)
      throw new ToolInputError(
        'Drift needs two stored runs: run run_security_audit (or import a report) at least twice, or name the runs.',
      );
    if (current.id === baseline.id)
      throw new ToolInputError('The baseline and the current run are the same run.');
    const report = compareRuns(baseline, current);
    let auditEvents: z.infer<typeof auditEventSchema>[] = [];
    let auditLogNote: string | undefined;
    if (args.includeAuditLogs && report.settingChanges.length > 0) {
      try {
        const list = await ctx.graph.list('/auditLogs/directoryAudits', {
          query: {
            $filter: f.and(
              f.ge('activityDateTime', new Date(baseline.startedAt)),
              f.eq('category', 'Policy'),
            ),
          },
          schema: rowSchema,
          maxItems: 50,
          signal: ctx.signal,
        });
        auditEvents = list.items.map((row) => {
          const target = row.targetResources?.[0];
          const user =
            (row.initiatedBy as
              | { user?: { userPrincipalName?: string }; app?: { displayName?: string } }
              | undefined) ?? {};
          return {
            activityDateTime: row.activityDateTime,
            activity: ctx.tenantText(row.activityDisplayName),
            initiatedBy: ctx.tenantText(user.user?.userPrincipalName ?? user.app?.displayName ?? 'unknown'),
            target: ctx.tenantText(target?.displayName ?? ''),
            modifiedProperties: (target?.modifiedProperties ?? []).slice(0, 20).map((p) => ({
              name: ctx.tenantText(p.displayName ?? ''),
              oldValue: ctx.tenantText(text(p.oldValue)),
              newValue: ctx.tenantText(text(p.newValue)),
            })),
          };
        });
        if (!list.complete) auditLogNote = 'Only the first 50 audit events are shown.';
      } catch (error) {
        if (!(error instanceof ForbiddenError)) throw error;
        auditLogNote =
          'Directory audit logs were not readable (AuditLog.Read.All missing); who-changed-what is not shown.';
      }
    }
    // Control ids, titles and evidence of an imported run, and settings' values at any depth, are
    // tenant data: one line each, bounded.
    const statusChanges = report.statusChanges.map(
      (c) => cleanTenantStrings(c, ctx.tenantText) as (typeof report.statusChanges)[number],
    );
    const settingChanges = report.settingChanges.slice(0, 200).map((c) => ({
      ...c,
      before: cleanTenantStrings(c.before, ctx.tenantText),
      after: cleanTenantStrings(c.after, ctx.tenantText),
    }));
    const lines = statusChanges.slice(0, 8).map((c) => `${c.controlId}: ${c.from} -> ${c.to}`);
    return {
      structured: {
        ...report,
        statusChanges,
        settingChanges,
        auditEvents,
        ...(auditLogNote ? { auditLogNote } : {}),
      },
      summary: `Drift ${baseline.id} -> ${current.id}: ${report.statusChanges.length} controls changed status, ${report.settingChanges.length} settings changed, ${auditEvents.length} audit events.${lines.length ? ` ${lines.join('; ')}.` : ''}`,
    };
  },
});
