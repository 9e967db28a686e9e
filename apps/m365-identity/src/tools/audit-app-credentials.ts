import { cursorSchema, defineTool, limitSchema, paginate, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { appFindings, auditApps } from '../analysis/app-credentials.js';
import { readApplications } from '../graph/read-applications.js';
import { findingsOutput, problemLines, sortFindings, truncate } from './support/shared.js';

const appOutput = z.object({
  id: z.string(),
  appId: z.string().nullable(),
  displayName: z.string(),
  objectType: z.enum(['application', 'servicePrincipal']),
  credentialIssues: z.array(
    z.object({
      kind: z.enum(['secret', 'certificate']),
      keyId: z.string().nullable(),
      displayName: z.string().nullable(),
      endDateTime: z.string().nullable(),
      daysToExpiry: z.number().int().nullable(),
      lifetimeDays: z.number().int().nullable(),
      issue: z.enum(['expired', 'expiringSoon', 'longLived']),
    }),
  ),
  validCredentials: z.number().int(),
  highRiskPermissions: z.array(
    z.object({
      permission: z.string(),
      risk: z.enum(['tier0', 'high']),
      grantedDateTime: z.string().nullable(),
    }),
  ),
  accountEnabled: z
    .boolean()
    .nullable()
    .describe('False: its service principal is disabled here (no active exposure); null: it has none'),
});

export const auditAppCredentials = defineTool({
  name: 'audit_app_credentials',
  title: 'Audit app credentials',
  description:
    'App registrations and service principals with expired, soon-expiring or long-lived client secrets and certificates, and apps holding high-risk Microsoft Graph application permissions (tier 0: Directory.ReadWrite.All, RoleManagement.ReadWrite.Directory, AppRoleAssignment.ReadWrite.All, Application.ReadWrite.All...; high: other *.ReadWrite.All, mail, files, sites). Apps whose service principal is disabled are not active exposure: they get one low finding when they still hold high-risk permissions or valid credentials. Use it for "which app secrets are about to expire or should not exist?". Cost: one paged read each of applications and service principals, and one of the permissions granted on Microsoft Graph.',
  input: {
    expiringWithinDays: z.number().int().min(1).max(365).default(30),
    maxSecretLifetimeDays: z
      .number()
      .int()
      .min(30)
      .max(3650)
      .default(365)
      .describe('Secrets valid for longer than this are reported as long-lived'),
    limit: limitSchema,
    cursor: cursorSchema,
  },
  output: {
    apps: z.array(appOutput).describe('Apps with at least one issue, riskiest first'),
    total: z.number().int(),
    applicationsReviewed: z.number().int(),
    servicePrincipalsReviewed: z.number().int(),
    complete: z.boolean(),
    findings: findingsOutput,
    cursor: z.string().optional(),
  },
  annotations: readOnlyAnnotations,
  tenantData: true,
  async handler({ expiringWithinDays, maxSecretLifetimeDays, limit, cursor }, ctx) {
    const data = await readApplications(ctx.graph, ctx.signal);
    const options = { now: new Date(), expiringWithinDays, maxSecretLifetimeDays };
    const reports = auditApps(ctx.tenantText, data, options);
    const findings = sortFindings(appFindings(reports, options));
    const { page, cursor: next } = paginate(reports, { limit, cursor });
    const lines = [
      `${reports.length} app(s) with issues among ${data.applications.length} app registrations and ${data.servicePrincipals.length} service principals.${data.complete ? '' : ' PARTIAL: a read was capped.'}`,
      ...problemLines(findings, 8),
      ...(next ? ['More apps: pass the cursor.'] : []),
    ];
    return {
      structured: {
        apps: page,
        total: reports.length,
        applicationsReviewed: data.applications.length,
        servicePrincipalsReviewed: data.servicePrincipals.length,
        complete: data.complete,
        findings,
        ...(next ? { cursor: next } : {}),
      },
      summary: truncate(lines.join('\n')),
    };
  },
});
