// How alerts leave the server: a compact row for lists, and the full alert with a digest of its
// evidence. Every tenant string goes through ctx.tenantText.
import type { ToolContext } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import type { Alert } from '../../graph/schemas.js';

export const alertRowSchema = z.object({
  id: z.string(),
  incidentId: z.string().nullable(),
  title: z.string(),
  severity: z.string(),
  status: z.string(),
  serviceSource: z.string(),
  category: z.string().nullable(),
  assignedTo: z.string().nullable(),
  createdDateTime: z.string(),
  mitreTechniques: z.array(z.string()),
});
export type AlertRow = z.infer<typeof alertRowSchema>;

export function alertRow(alert: Alert, ctx: ToolContext): AlertRow {
  return {
    id: alert.id,
    incidentId: alert.incidentId ?? null,
    title: ctx.tenantText(alert.title),
    severity: alert.severity,
    status: alert.status,
    serviceSource: alert.serviceSource,
    category: alert.category ?? null,
    assignedTo: alert.assignedTo ? ctx.tenantText(alert.assignedTo) : null,
    createdDateTime: alert.createdDateTime,
    mitreTechniques: alert.mitreTechniques ?? [],
  };
}

export const evidenceDigestSchema = z.object({
  type: z.string(),
  verdict: z.string(),
  roles: z.array(z.string()),
  remediationStatus: z.string().nullable(),
  /** The identifying value: a UPN, host name, address, URL, file name or command line. */
  subject: z.string(),
});

export const alertDetailSchema = alertRowSchema.extend({
  description: z.string().nullable(),
  recommendedActions: z.string().nullable(),
  classification: z.string().nullable(),
  determination: z.string().nullable(),
  detectionSource: z.string().nullable(),
  firstActivityDateTime: z.string().nullable(),
  lastActivityDateTime: z.string().nullable(),
  threatDisplayName: z.string().nullable(),
  alertWebUrl: z.string().nullable(),
  evidence: z.array(evidenceDigestSchema),
  comments: z.array(z.object({ by: z.string().nullable(), comment: z.string() })),
});

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const rec = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

function subjectOf(e: Record<string, unknown>): string {
  const account = rec(e.userAccount);
  return (
    str(account.userPrincipalName) ??
    str(e.primaryAddress) ??
    str(e.hostName) ??
    str(e.ipAddress) ??
    str(e.url) ??
    str(rec(e.fileDetails).fileName) ??
    str(e.processCommandLine) ??
    str(e.subject) ??
    str(e.displayName) ??
    ''
  );
}

export function alertDetail(alert: Alert, ctx: ToolContext): z.infer<typeof alertDetailSchema> {
  const text = (v: string | null | undefined, max?: number) => (v ? ctx.tenantText(v, max) : null);
  return {
    ...alertRow(alert, ctx),
    description: text(alert.description, 1000),
    recommendedActions: text(alert.recommendedActions, 1000),
    classification: alert.classification ?? null,
    determination: alert.determination ?? null,
    detectionSource: alert.detectionSource ?? null,
    firstActivityDateTime: alert.firstActivityDateTime ?? null,
    lastActivityDateTime: alert.lastActivityDateTime ?? null,
    threatDisplayName: text(alert.threatDisplayName),
    alertWebUrl: alert.alertWebUrl ?? null,
    evidence: (alert.evidence ?? []).slice(0, 50).map((e) => ({
      type: e['@odata.type'].replace(/^#microsoft\.graph\.security\./, ''),
      verdict: e.verdict ?? 'unknown',
      roles: e.roles ?? [],
      remediationStatus: e.remediationStatus ?? null,
      subject: ctx.tenantText(subjectOf(e as Record<string, unknown>), 300),
    })),
    comments: (alert.comments ?? []).slice(-20).map((c) => ({
      by: text(c.createdByDisplayName),
      comment: ctx.tenantText(c.comment ?? '', 1000),
    })),
  };
}
