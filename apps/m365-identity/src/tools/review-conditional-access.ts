import { cursorSchema, defineTool, limitSchema, paginate, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { reviewConditionalAccess } from '../analysis/conditional-access.js';
import { readConditionalAccessPolicies, readSecurityDefaultsEnabled } from '../graph/read-directory.js';
import { readExcludedGroupMembers } from '../graph/read-group-members.js';
import { breakGlassIds, findingsOutput, problemLines, sortFindings, truncate } from './support/shared.js';

const policyOutput = z.object({
  id: z.string(),
  displayName: z.string(),
  state: z.string().describe('enabled, enabledForReportingButNotEnforced (report-only) or disabled'),
  grants: z.array(z.string()),
  targets: z.string(),
  excludes: z.object({ users: z.number().int(), groups: z.number().int(), roles: z.number().int() }),
  modifiedDateTime: z.string().nullable(),
});

export const reviewConditionalAccessTool = defineTool({
  name: 'review_conditional_access',
  title: 'Review conditional access',
  description:
    'Reviews the conditional access policies and reports the gaps that matter, each with the policies as evidence: no enforced MFA for admins or for all users, legacy authentication not blocked, no sign-in risk or user risk policy, policies left in report-only or disabled (a report-only trial beside an enforced policy that already meets the same requirement is not a gap), broad group/role/guest exclusions, break-glass accounts not excluded (configured via M365_BREAK_GLASS_ACCOUNTS). Only an enforced policy meets a requirement, and "all users" means nobody excluded but the break-glass accounts (directly or through a group of only them) with no condition (client apps, platforms, locations, device filter, risk) narrowing it; enforced policies that fall short are listed with their gaps. Where no policy is enforced it reports the Security Defaults state. Use it for "where are the gaps in conditional access?". Cost: one policy read (paced: about one request a second), one Security Defaults read, and one member read per excluded group.',
  input: { limit: limitSchema, cursor: cursorSchema },
  output: {
    policies: z.array(policyOutput),
    totalPolicies: z.number().int(),
    enabledPolicies: z.number().int(),
    securityDefaultsEnabled: z.boolean().nullable(),
    excludedFromEveryEnabledPolicy: z
      .array(z.string())
      .describe('User ids excluded from all enabled policies'),
    complete: z.boolean(),
    findings: findingsOutput,
    cursor: z.string().optional(),
  },
  annotations: readOnlyAnnotations,
  tenantData: true,
  async handler({ limit, cursor }, ctx) {
    const policies = await readConditionalAccessPolicies(ctx.graph, ctx.signal);
    let securityDefaults: boolean | null = null;
    try {
      securityDefaults = await readSecurityDefaultsEnabled(ctx.graph, ctx.signal);
    } catch (error) {
      ctx.log.warning('Security Defaults state could not be read', { error: String(error) });
    }
    const review = reviewConditionalAccess(ctx.tenantText, policies.items, securityDefaults, {
      configured: await breakGlassIds(ctx),
      excludedGroupMembers: await readExcludedGroupMembers(ctx.graph, policies.items, ctx.signal),
    });
    const findings = sortFindings(review.findings);
    const { page, cursor: next } = paginate(review.policies, { limit, cursor });
    const lines = [
      `${review.policies.length} conditional access policies, ${review.enabledCount} enforced; Security Defaults ${securityDefaults === null ? 'unknown' : securityDefaults ? 'on' : 'off'}.${policies.complete ? '' : ' PARTIAL: the policy read was capped.'}`,
      ...problemLines(findings, 8),
      ...(next ? ['More policies: pass the cursor.'] : []),
    ];
    return {
      structured: {
        policies: page,
        totalPolicies: review.policies.length,
        enabledPolicies: review.enabledCount,
        securityDefaultsEnabled: securityDefaults,
        excludedFromEveryEnabledPolicy: review.excludedFromAll,
        complete: policies.complete,
        findings,
        ...(next ? { cursor: next } : {}),
      },
      summary: truncate(lines.join('\n')),
    };
  },
});
