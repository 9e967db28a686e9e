// A small server built the way every m365-mcp server is, to drive mcp-kit through a real client.
import { definePermissions } from '@m365-mcp/auth';
import { z } from 'zod';
import {
  cursorSchema,
  definePrompt,
  defineTool,
  defineWriteTool,
  limitSchema,
  paginate,
  refuse,
  refuseIfBreakGlass,
  type ServerDefinition,
} from '../src/index.js';

export const samplePermissions = definePermissions('m365-sample', [
  { permission: 'User.Read.All', reason: 'list users', access: 'read' },
  { permission: 'User.ReadWrite.All', reason: 'disable a compromised user', access: 'write' },
]);

const graphUserSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable(),
  userPrincipalName: z.string(),
  accountEnabled: z.boolean().nullable().optional(),
});

const userOutput = z.object({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  accountEnabled: z.boolean(),
});

export const listUsersOutputShape = {
  users: z.array(userOutput),
  total: z.number().int(),
  cursor: z.string().optional(),
};

export const listUsers = defineTool({
  name: 'list_users',
  title: 'List users',
  description: 'Lists the users of the tenant, a page at a time. One Graph call per 999 users.',
  input: { limit: limitSchema, cursor: cursorSchema },
  output: listUsersOutputShape,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler({ limit, cursor }, ctx) {
    const { items } = await ctx.graph.list('/users', {
      query: { $select: 'id,displayName,userPrincipalName,accountEnabled' },
      schema: graphUserSchema,
      maxItems: 5000,
    });
    const { page, cursor: next } = paginate(items, { limit, cursor });
    const users = page.map((u) => ({
      id: u.id,
      displayName: ctx.tenantText(u.displayName ?? ''),
      userPrincipalName: ctx.tenantText(u.userPrincipalName),
      accountEnabled: u.accountEnabled ?? true,
    }));
    return {
      structured: { users, total: items.length, ...(next ? { cursor: next } : {}) },
      summary: `${users.length} of ${items.length} users${next ? '; pass the cursor for more' : ''}.`,
    };
  },
});

export const listAlerts = defineTool({
  name: 'list_alerts',
  title: 'List alerts',
  description: 'Lists Defender alerts (this sample app deliberately lacks the permission).',
  input: {},
  output: { count: z.number() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(_args, ctx) {
    const { items } = await ctx.graph.list('/security/alerts_v2', { maxItems: 10 });
    return { structured: { count: items.length }, summary: `${items.length} alerts.` };
  },
});

export const countSlowly = defineTool({
  name: 'count_slowly',
  title: 'Count slowly',
  description: 'Counts to n, reporting progress. No Graph calls.',
  input: { n: z.number().int().min(1).max(20) },
  output: { counted: z.number() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ n }, ctx) {
    ctx.log.info(`counting to ${n}`);
    for (let i = 1; i <= n; i++) await ctx.progress(i, n, `counted ${i}`);
    return { structured: { counted: n }, summary: `Counted to ${n}.` };
  },
});

export const breakOnPurpose = defineTool({
  name: 'break_on_purpose',
  title: 'Break on purpose',
  description: 'Fails in the ways a buggy tool can.',
  input: { how: z.enum(['throw', 'bad-output']) },
  output: { ok: z.boolean() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ how }) {
    if (how === 'throw') throw new Error('secret internals: stack and all');
    return { structured: { ok: 'yes' as unknown as boolean }, summary: 'bad' };
  },
});

export const disableUser = defineWriteTool({
  name: 'disable_user',
  title: 'Disable a user',
  description: 'Blocks sign-in for one user (accountEnabled = false). Reversible.',
  input: { userId: z.string().min(1).describe('Object id or UPN of the user') },
  annotations: { idempotentHint: true },
  async plan({ userId }, ctx) {
    const user = await ctx.graph.get(`/users/${encodeURIComponent(userId)}`, {
      query: { $select: 'id,displayName,userPrincipalName,accountEnabled' },
      schema: graphUserSchema,
    });
    refuseIfBreakGlass(ctx.config, user, 'disabling');
    if (user.accountEnabled === false) refuse(`${user.userPrincipalName} is already disabled.`);
    const name = ctx.tenantText(user.displayName ?? user.userPrincipalName);
    return {
      summary: `Disable ${name} (${user.userPrincipalName}).`,
      targets: [{ type: 'user', id: user.id, displayName: name }],
      requests: [{ method: 'PATCH', path: `/users/${user.id}`, body: { accountEnabled: false } }],
      blastRadius: 'One user can no longer sign in; existing sessions continue until tokens expire.',
      reversible: true,
      undo: `PATCH /users/${user.id} with accountEnabled = true`,
    };
  },
});

export const investigatePrompt = definePrompt({
  name: 'review_users',
  title: 'Review users',
  description: 'Guides a review of the tenant users.',
  args: { focus: z.string().optional() },
  messages: ({ focus }) => [
    {
      role: 'user',
      text: `Call list_users and review the accounts${focus ? `, focusing on ${focus}` : ''}.`,
    },
  ],
});

export const sampleServer: ServerDefinition = {
  name: 'm365-sample',
  title: 'M365 sample',
  version: '0.0.1',
  instructions: 'A sample server for mcp-kit tests.',
  permissions: samplePermissions,
  tools: [listUsers, listAlerts, countSlowly, breakOnPurpose, disableUser],
  prompts: [investigatePrompt],
};
