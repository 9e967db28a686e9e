import { cursorSchema, defineTool, limitSchema, paginate, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { mfaCoverage, mfaFindings } from '../analysis/mfa-coverage.js';
import { readRegistrationDetails } from '../graph/read-directory.js';
import { disabledUserIds, findingsOutput, problemLines, sortFindings, truncate } from './support/shared.js';

const userRef = z.object({ id: z.string(), userPrincipalName: z.string() });

export const getMfaCoverage = defineTool({
  name: 'get_mfa_coverage',
  title: 'Get MFA coverage',
  description:
    'MFA coverage from the authentication methods registration report (userRegistrationDetails): the share of member users who are MFA capable and registered, admins with no MFA method or with only phishable methods (SMS, voice, email), how registered methods are distributed, and who cannot sign in passwordless (paged with limit/cursor). Disabled accounts are left out (they cannot sign in). Use it for "who has no MFA?" or before enforcing MFA. Cost: one report read (the reports API allows 5 requests per 10 s; large tenants page) and one read of the ids of disabled accounts. Needs Entra ID P1.',
  input: { limit: limitSchema, cursor: cursorSchema },
  output: {
    totals: z.object({
      users: z.number().int(),
      members: z.number().int(),
      guests: z.number().int(),
      membersMfaCapable: z.number().int(),
      membersMfaRegistered: z.number().int(),
      membersPasswordlessCapable: z.number().int(),
      mfaCapableShare: z.number().describe('Share of members who are MFA capable, 0 to 1'),
      mfaRegisteredShare: z.number(),
      admins: z.number().int(),
      disabledExcluded: z.number().int().describe('Disabled accounts in the report, not counted'),
    }),
    methodDistribution: z.record(z.string(), z.number().int()).describe('Users per registered method'),
    adminsWithoutMfa: z.array(userRef),
    adminsWithWeakMethodsOnly: z.array(userRef.extend({ methods: z.array(z.string()) })),
    membersNotMfaCapable: z.array(userRef),
    membersNotPasswordlessCapable: z
      .array(userRef)
      .describe('This page of members who cannot go passwordless'),
    notPasswordlessTotal: z.number().int(),
    complete: z.boolean(),
    findings: findingsOutput,
    cursor: z.string().optional(),
  },
  annotations: readOnlyAnnotations,
  tenantData: true,
  async handler({ limit, cursor }, ctx) {
    const rows = await readRegistrationDetails(ctx.graph, ctx.signal);
    const disabled = await disabledUserIds(ctx);
    const coverage = mfaCoverage(ctx.tenantText, rows.items, disabled.ids);
    const findings = sortFindings(mfaFindings(ctx.tenantText, coverage));
    const { page, cursor: next } = paginate(coverage.membersNotPasswordlessCapable, { limit, cursor });
    const t = coverage.totals;
    const pct = (share: number) => `${Math.round(share * 100)}%`;
    const lines = [
      `${t.members} members: ${pct(t.mfaCapableShare)} MFA capable, ${pct(t.mfaRegisteredShare)} registered, ${t.membersPasswordlessCapable} passwordless capable.${t.disabledExcluded ? ` ${t.disabledExcluded} disabled account(s) not counted.` : ''}${rows.complete ? '' : ' PARTIAL: the report read was capped.'}`,
      `Admins: ${t.admins}; without MFA: ${coverage.adminsWithoutMfa.map((u) => u.userPrincipalName).join(', ') || 'none'}; SMS/voice/email only: ${coverage.adminsWithWeakMethodsOnly.map((u) => u.userPrincipalName).join(', ') || 'none'}.`,
      `Methods: ${Object.entries(coverage.methodDistribution)
        .sort((a, b) => b[1] - a[1])
        .map(([m, n]) => `${m} ${n}`)
        .join(', ')}.`,
      ...problemLines(findings, 4),
    ];
    return {
      structured: {
        totals: t,
        methodDistribution: coverage.methodDistribution,
        adminsWithoutMfa: coverage.adminsWithoutMfa,
        adminsWithWeakMethodsOnly: coverage.adminsWithWeakMethodsOnly,
        membersNotMfaCapable: coverage.membersNotMfaCapable.slice(0, 200),
        membersNotPasswordlessCapable: page,
        notPasswordlessTotal: coverage.membersNotPasswordlessCapable.length,
        complete: rows.complete && disabled.complete,
        findings,
        ...(next ? { cursor: next } : {}),
      },
      summary: truncate(lines.join('\n')),
    };
  },
});
