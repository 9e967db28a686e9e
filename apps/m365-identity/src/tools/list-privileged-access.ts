import { cursorSchema, defineTool, limitSchema, paginate, readOnlyAnnotations } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { privilegedAccessFindings, summarisePrivilegedAccess } from '../analysis/privileged-access.js';
import { readPrivilegedAccess } from '../graph/read-privileged-access.js';
import { breakGlassIds, findingsOutput, problemLines, sortFindings, truncate } from './support/shared.js';

const assignmentOutput = z.object({
  principalId: z.string(),
  principal: z.string(),
  principalType: z.string(),
  userType: z.string().nullable(),
  role: z.string(),
  roleId: z.string(),
  privileged: z.boolean(),
  kind: z.enum(['active', 'eligible']),
  duration: z.enum(['permanent', 'activated', 'timeBound']),
  endDateTime: z.string().nullable(),
  viaGroup: z.string().nullable().describe('Role-assignable group the role comes through'),
  synced: z.boolean(),
  guest: z.boolean().describe('A guest, or an external (#EXT#) identity made a member'),
  accountEnabled: z.boolean().nullable().describe('False: disabled, so not counted as exposure'),
});

export const listPrivilegedAccess = defineTool({
  name: 'list_privileged_access',
  title: 'List privileged access',
  description:
    'Who holds which directory role: active (standing or PIM-activated) versus eligible (PIM), with role-assignable groups expanded to their members; counts Global Administrators (CIS: 2 to 4), privileged guests and external identities, admins synced from on-premises, and permanent privileged assignments outside the break-glass accounts; disabled accounts are not counted as exposure but reported when they still hold a privileged role. Use it for "who holds standing admin rights?". Privileged-only by default. Cost: a few role reads, one per role-holding group, and one $batch.',
  input: {
    privilegedOnly: z.boolean().default(true).describe('Only privileged roles (default true)'),
    limit: limitSchema,
    cursor: cursorSchema,
  },
  output: {
    assignments: z.array(assignmentOutput),
    total: z.number().int(),
    counts: z.object({
      assignments: z.number().int(),
      privilegedUsers: z.number().int(),
      globalAdmins: z.number().int(),
      globalAdminsActive: z.number().int(),
      globalAdminsEligible: z.number().int(),
      privilegedGuests: z.number().int(),
      syncedAdmins: z.number().int(),
      standingPrivileged: z.number().int(),
      disabledPrivileged: z
        .number()
        .int()
        .describe('Disabled accounts holding privileged roles, not counted above'),
    }),
    pim: z.enum(['available', 'notLicensed']).describe('notLicensed: no eligibilities (Entra ID P2 absent)'),
    complete: z.boolean(),
    findings: findingsOutput,
    cursor: z.string().optional(),
  },
  annotations: readOnlyAnnotations,
  tenantData: true,
  async handler({ privilegedOnly, limit, cursor }, ctx) {
    const access = await readPrivilegedAccess(ctx.graph, ctx.signal);
    const breakGlass = new Set(await breakGlassIds(ctx));
    const summary = summarisePrivilegedAccess(ctx.tenantText, access.holdings, breakGlass);
    const findings = sortFindings(
      privilegedAccessFindings(ctx.tenantText, access.holdings, summary, breakGlass),
    );
    const shown = privilegedOnly ? summary.assignments.filter((a) => a.privileged) : summary.assignments;
    const { page, cursor: next } = paginate(shown, { limit, cursor });
    const c = summary.counts;
    const lines = [
      `${c.privilegedUsers} privileged user(s); ${c.globalAdmins} Global Administrators (${c.globalAdminsActive} active, ${c.globalAdminsEligible} eligible); ${c.privilegedGuests} privileged guest(s); ${c.syncedAdmins} synced admin(s); ${c.standingPrivileged} with permanent privileged roles${c.disabledPrivileged ? `; ${c.disabledPrivileged} disabled account(s) still holding privileged roles (not counted)` : ''}.${access.pim === 'notLicensed' ? ' PIM not licensed: no eligibilities.' : ''}${access.complete ? '' : ' PARTIAL: a read was capped or failed.'}`,
      ...problemLines(findings, 6),
      ...(next ? ['More assignments: pass the cursor.'] : []),
    ];
    return {
      structured: {
        assignments: page,
        total: shown.length,
        counts: c,
        pim: access.pim,
        complete: access.complete,
        findings,
        ...(next ? { cursor: next } : {}),
      },
      summary: truncate(lines.join('\n')),
    };
  },
});
