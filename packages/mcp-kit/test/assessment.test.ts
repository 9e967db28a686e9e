import { definePermissions } from '@m365-mcp/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assessmentMetaKey, assessmentShape, defineTool, type ServerDefinition } from '../src/index.js';
import { startTestServer, type TestServer } from '../src/testing/index.js';

// A server whose assessment tool counts disabled users: enough to show the contract end to end.
const assessUsers = defineTool({
  name: 'assess_user_posture',
  title: 'Assess users',
  description: 'WARNING when any user is disabled.',
  input: {},
  output: { ...assessmentShape, disabledUsers: z.number().int() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  assessment: true,
  async handler(_args, ctx) {
    const { items } = await ctx.graph.list<{ accountEnabled: boolean }>('/users', {
      query: { $select: 'id,accountEnabled' },
    });
    const disabled = items.filter((u) => !u.accountEnabled).length;
    return {
      structured: {
        status: disabled > 0 ? ('warning' as const) : ('ok' as const),
        statusRule: 'WARNING when any user is disabled; otherwise OK.',
        findings: [],
        nextActions: [],
        disabledUsers: disabled,
      },
      summary: `${disabled} disabled users`,
    };
  },
});

const listNothing = defineTool({
  name: 'list_nothing',
  title: 'List nothing',
  description: 'Not an assessment.',
  input: {},
  output: { count: z.number() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler() {
    return { structured: { count: 0 }, summary: 'nothing' };
  },
});

const definition: ServerDefinition = {
  name: 'm365-assess-sample',
  title: 'Assessment sample',
  version: '0.0.0',
  instructions: 'test',
  permissions: definePermissions('m365-assess-sample', [
    { permission: 'User.Read.All', reason: 'count disabled users', access: 'read' },
  ]),
  tools: [assessUsers, listNothing],
};

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(definition);
});
afterAll(async () => {
  await t.close();
});

describe('the assessment contract', () => {
  it('marks only the assessment tool in tools/list, and its result carries the shared fields', async () => {
    const { tools } = await t.client.listTools();
    const marked = tools.filter((tool) => tool._meta?.[assessmentMetaKey] === true).map((tool) => tool.name);
    expect(marked).toEqual(['assess_user_posture']);
    const result = await t.client.callTool({ name: 'assess_user_posture', arguments: {} });
    expect(result.isError).toBeFalsy();
    const structured = z.object(assessmentShape).loose().parse(result.structuredContent);
    // The demo tenant has a disabled but licensed user (Lynne).
    expect(structured.status).toBe('warning');
  });
});
