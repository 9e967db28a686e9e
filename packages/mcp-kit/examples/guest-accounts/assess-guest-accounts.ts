// tools/: one tool a file. The tool reads (graph/), judges (analysis/) and answers: structured
// content that matches `output`, and a short summary for the model.
import { assessmentShape, defineTool, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { guestFindings, guestStatus, guestStatusRule } from './guest-findings.js';
import { readGuestAccounts } from './read-guest-accounts.js';

// #region define
export const assessGuestAccounts = defineTool({
  name: 'assess_guest_accounts',
  title: 'Assess guest accounts',
  description:
    'Counts the guest accounts in the tenant and reports whether any can sign in, as a finding with ' +
    'a reference. Use it for "who from outside can get in?". One paged Graph read of the users.',
  input: {},
  output: {
    ...assessmentShape,
    guests: z.number().int().describe('Guest accounts read'),
    complete: z.boolean().describe('False when the tenant has more users than were read'),
  },
  // #region annotate
  annotations: readOnlyAnnotations,
  // #endregion annotate
  assessment: true,
  async handler(_args, ctx) {
    const { guests, complete } = await readGuestAccounts(ctx.graph, ctx.signal);
    const findings = guestFindings(guests, 'tenant');
    const status = guestStatus(findings);
    const enabled = Number(findings[0]?.evidence.enabledGuests ?? 0);
    return {
      structured: {
        status,
        statusRule: guestStatusRule,
        findings,
        nextActions: enabled > 0 ? ['Review the guests who can sign in.'] : [],
        guests: guests.length,
        complete,
      },
      summary: `${status.toUpperCase()}: ${enabled} of ${guests.length} guest accounts can sign in.`,
    };
  },
});
// #endregion define
