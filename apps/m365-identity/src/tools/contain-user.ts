import { directoryRoleTemplateIds, f } from '@m365-mcp/graph-core';
import {
  defineWriteTool,
  type PlannedRequest,
  refuse,
  refuseIfBreakGlass,
  refuseIfLastGlobalAdmin,
  type ToolContext,
  ToolInputError,
} from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { userSelect } from '../graph/read-directory.js';
import { roleInstanceSchema } from '../graph/schemas.js';

export const containActions = [
  'disable',
  'revokeSessions',
  'confirmCompromised',
  'dismissRisk',
  'enable',
] as const;
type ContainAction = (typeof containActions)[number];

const userSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable().optional(),
  userPrincipalName: z.string().nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
});

const memberSchema = z.object({
  '@odata.type': z.string().optional(),
  id: z.string(),
  accountEnabled: z.boolean().nullable().optional(),
});

/** Enabled users who are active Global Administrators, directly or through a role-assignable group. */
async function enabledGlobalAdminIds(ctx: ToolContext): Promise<string[]> {
  const assignments = await ctx.graph.list('/roleManagement/directory/roleAssignments', {
    schema: roleInstanceSchema,
    maxItems: 1000,
    query: {
      $filter: f.eq('roleDefinitionId', directoryRoleTemplateIds.globalAdministrator),
      $expand: 'principal',
    },
    signal: ctx.signal,
  });
  const ids = new Set<string>();
  for (const a of assignments.items) {
    const type = a.principal?.['@odata.type'];
    if (type === '#microsoft.graph.group') {
      const members = await ctx.graph.list(`/groups/${encodeURIComponent(a.principalId)}/transitiveMembers`, {
        schema: memberSchema,
        maxItems: 500,
        query: { $select: 'id,accountEnabled' },
        signal: ctx.signal,
      });
      // A disabled member holds the role but cannot sign in: it does not keep the tenant reachable.
      for (const m of members.items) {
        if (m['@odata.type'] === '#microsoft.graph.user' && m.accountEnabled !== false) ids.add(m.id);
      }
    } else if (type === '#microsoft.graph.user' || type === undefined) {
      if (a.principal?.accountEnabled !== false) ids.add(a.principalId);
    }
  }
  // Group members' enabled state needs their user record; a disabled one cannot sign in anyway.
  const unknown = [...ids].filter(
    (id) => !assignments.items.some((a) => a.principalId === id && a.principal?.accountEnabled != null),
  );
  for (const id of unknown) {
    const user = await ctx.graph.get(`/users/${encodeURIComponent(id)}`, {
      schema: userSchema,
      query: { $select: 'id,accountEnabled' },
      signal: ctx.signal,
    });
    if (user.accountEnabled === false) ids.delete(id);
  }
  return [...ids];
}

function checkCombination(actions: readonly ContainAction[]): void {
  if (actions.includes('disable') && actions.includes('enable')) {
    throw new ToolInputError('Choose either "disable" or "enable", not both.');
  }
  if (actions.includes('confirmCompromised') && actions.includes('dismissRisk')) {
    throw new ToolInputError('Choose either "confirmCompromised" or "dismissRisk", not both.');
  }
}

// Order matters: block sign-in first, then cut existing sessions, then tell Identity Protection.
const order: readonly ContainAction[] = [
  'disable',
  'revokeSessions',
  'confirmCompromised',
  'dismissRisk',
  'enable',
];

export const containUser = defineWriteTool({
  name: 'contain_user',
  title: 'Contain a user',
  description:
    'Incident containment for one user: disable the account (block sign-in), revoke all sign-in sessions and refresh tokens, confirm the user compromised in Identity Protection (raises their risk to high so risk policies apply), dismiss their risk (false positive), or re-enable the account. Refuses configured break-glass accounts and disabling the last enabled Global Administrator. Use it after analyze_risky_users or an incident points at a user.',
  input: {
    user: z.string().min(1).max(256).describe('Object id or user principal name of the user'),
    actions: z
      .array(z.enum(containActions))
      .min(1)
      .max(4)
      .describe('What to do: disable, revokeSessions, confirmCompromised, dismissRisk, enable'),
  },
  async plan({ user: userArg, actions: requested }, ctx) {
    const actions = order.filter((a) => requested.includes(a));
    checkCombination(actions);
    const user = await ctx.graph.get(`/users/${encodeURIComponent(userArg)}`, {
      schema: userSchema,
      query: { $select: userSelect },
      signal: ctx.signal,
    });
    const who = user.userPrincipalName ?? user.id;
    const account = { id: user.id, userPrincipalName: user.userPrincipalName };
    if (actions.some((a) => a !== 'enable')) {
      refuseIfBreakGlass(ctx.config, account, `${actions.filter((a) => a !== 'enable').join(', ')} on`);
    }
    if (actions.includes('disable')) {
      refuseIfLastGlobalAdmin(account, await enabledGlobalAdminIds(ctx), 'disabling');
    }
    const requests: PlannedRequest[] = [];
    const steps: string[] = [];
    const userPath = `/users/${user.id}`;
    for (const action of actions) {
      switch (action) {
        case 'disable':
          if (user.accountEnabled === false) {
            steps.push('account already disabled (no request)');
            break;
          }
          requests.push({ method: 'PATCH', path: userPath, body: { accountEnabled: false } });
          steps.push('disable the account');
          break;
        case 'enable':
          if (user.accountEnabled !== false) {
            steps.push('account already enabled (no request)');
            break;
          }
          requests.push({ method: 'PATCH', path: userPath, body: { accountEnabled: true } });
          steps.push('re-enable the account');
          break;
        case 'revokeSessions':
          requests.push({ method: 'POST', path: `${userPath}/revokeSignInSessions` });
          steps.push('revoke all sessions and refresh tokens');
          break;
        case 'confirmCompromised':
          requests.push({
            method: 'POST',
            path: '/identityProtection/riskyUsers/confirmCompromised',
            body: { userIds: [user.id] },
          });
          steps.push('confirm compromised in Identity Protection');
          break;
        case 'dismissRisk':
          requests.push({
            method: 'POST',
            path: '/identityProtection/riskyUsers/dismiss',
            body: { userIds: [user.id] },
          });
          steps.push('dismiss the user’s risk');
          break;
      }
    }
    if (requests.length === 0) refuse(`Nothing to do for ${who}: ${steps.join('; ')}.`);
    const reversible = actions.every((a) => a === 'disable' || a === 'enable');
    return {
      summary: `Contain ${who}: ${steps.join('; ')}.`,
      targets: [
        {
          type: 'user',
          id: user.id,
          ...(user.displayName ? { displayName: ctx.tenantText(user.displayName) } : {}),
        },
      ],
      requests,
      blastRadius: `One user (${who}): ${
        actions.includes('disable') || actions.includes('revokeSessions')
          ? 'they are signed out of every app and device and must sign in again (or cannot, while disabled); mail and files stay intact.'
          : 'their Identity Protection risk state changes; risk-based conditional access reacts to it.'
      }`,
      reversible,
      ...(reversible
        ? {
            undo: actions.includes('disable')
              ? `call contain_user with user "${user.id}" and actions ["enable"]`
              : `call contain_user with user "${user.id}" and actions ["disable"]`,
          }
        : {}),
    };
  },
});
