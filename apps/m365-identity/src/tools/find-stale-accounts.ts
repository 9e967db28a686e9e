import { cursorSchema, defineTool, limitSchema, paginate, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { findStaleAccounts, staleFindings, staleReasons } from '../analysis/stale-accounts.js';
import { readUsersWithSignIn } from '../graph/read-directory.js';
import { findingsOutput, problemLines, sortFindings, truncate } from './support/shared.js';

const staleOutput = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  userType: z.string(),
  accountEnabled: z.boolean(),
  reason: z.enum(staleReasons),
  lastSignInDateTime: z.string().nullable(),
  daysInactive: z.number().int().nullable(),
  createdDateTime: z.string().nullable(),
  licensed: z.boolean(),
});

export const findStaleAccountsTool = defineTool({
  name: 'find_stale_accounts',
  title: 'Find stale accounts',
  description:
    'Accounts nobody uses but an attacker could: enabled members and guests with no sign-in (interactive or not) for more than N days, enabled accounts never signed in and created more than N days ago, and disabled accounts still holding licences. Use it for account clean-up or "who has not signed in for 90 days?". Cost: one paged read of all users with signInActivity (500 per page). Needs Entra ID P1.',
  input: {
    days: z.number().int().min(7).max(730).default(90).describe('Inactivity threshold for members, in days'),
    guestDays: z.number().int().min(7).max(730).optional().describe('Threshold for guests (default: days)'),
    reasons: z.array(z.enum(staleReasons)).max(4).optional().describe('Only these kinds of stale account'),
    limit: limitSchema,
    cursor: cursorSchema,
  },
  output: {
    accounts: z.array(staleOutput),
    total: z.number().int(),
    counts: z.record(z.enum(staleReasons), z.number().int()),
    usersReviewed: z.number().int(),
    complete: z.boolean(),
    findings: findingsOutput,
    cursor: z.string().optional(),
  },
  annotations: readOnlyAnnotations,
  tenantData: true,
  async handler({ days, guestDays, reasons, limit, cursor }, ctx) {
    const users = await readUsersWithSignIn(ctx.graph, ctx.signal);
    const options = { now: new Date(), days, guestDays: guestDays ?? days };
    const all = findStaleAccounts(ctx.tenantText, users.items, options);
    const findings = sortFindings(staleFindings(all, options));
    const shown = reasons ? all.filter((a) => reasons.includes(a.reason)) : all;
    const { page, cursor: next } = paginate(shown, { limit, cursor });
    const counts = Object.fromEntries(
      staleReasons.map((r) => [r, all.filter((a) => a.reason === r).length]),
    ) as Record<(typeof staleReasons)[number], number>;
    const lines = [
      `${all.length} stale account(s) among ${users.items.length} users: ${counts.inactiveMember} inactive members, ${counts.inactiveGuest} inactive guests (> ${options.guestDays} days), ${counts.neverSignedIn} never signed in, ${counts.disabledLicensed} disabled but licensed.${users.complete ? '' : ' PARTIAL: the user read was capped.'}`,
      ...page
        .slice(0, 6)
        .map(
          (a) =>
            `- ${a.userPrincipalName}: ${a.reason}${a.daysInactive === null ? '' : `, ${a.daysInactive} days`}`,
        ),
      ...problemLines(findings, 4),
      ...(next ? ['More accounts: pass the cursor.'] : []),
    ];
    return {
      structured: {
        accounts: page,
        total: shown.length,
        counts,
        usersReviewed: users.items.length,
        complete: users.complete,
        findings,
        ...(next ? { cursor: next } : {}),
      },
      summary: truncate(lines.join('\n')),
    };
  },
});
