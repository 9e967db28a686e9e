import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { writeResultSchema } from '../src/index.js';
import { callTool, startTestServer, type TestServer } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { sampleServer } from './sample-server.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

type Answer = 'accept' | 'uncheck' | 'decline' | 'cancel';

async function start(
  options: { elicitation?: Answer | 'none'; breakGlass?: string[]; planTtlMs?: number } = {},
) {
  const server = await startTestServer(sampleServer, {
    allowWrites: true,
    ...(options.elicitation === 'none' ? { clientCapabilities: {} } : {}),
    // Output schemas listed, so the client checks each plan and apply result against the schema.
    config: {
      outputSchemas: true,
      ...(options.breakGlass ? { breakGlassAccounts: options.breakGlass } : {}),
    },
    ...(options.planTtlMs === undefined ? {} : { planTtlMs: options.planTtlMs }),
  });
  const prompts: string[] = [];
  if (options.elicitation !== 'none') {
    const answer = options.elicitation ?? 'accept';
    server.client.setRequestHandler(ElicitRequestSchema, async (request) => {
      prompts.push(request.params.message);
      if (answer === 'accept') return { action: 'accept', content: { confirm: true } };
      if (answer === 'uncheck') return { action: 'accept', content: { confirm: false } };
      return { action: answer };
    });
  }
  t = server;
  return { t: server, prompts };
}

function victim(server: TestServer) {
  const user = server.sim.tenant.directory.users.find((u) => u.accountEnabled && u.userType === 'Member');
  if (!user) throw new Error('the demo tenant has no enabled member');
  return user;
}

function patchesOf(server: TestServer, userId: string) {
  return server.sim.requests.all().filter((r) => r.method === 'PATCH' && r.path === `/users/${userId}`);
}

describe('the write gate', () => {
  it('lists the write tool with allowWrites, with planId and honest annotations', async () => {
    const { t } = await start();
    const { tools } = await t.client.listTools();
    const tool = tools.find((candidate) => candidate.name === 'disable_user');
    expect(tool?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(Object.keys(tool?.inputSchema.properties ?? {})).toEqual(['userId', 'planId']);
    expect(tool?.outputSchema?.properties).toHaveProperty('plan');
    expect(tool?.description).toMatch(/Two steps/);
    expect(t.client.getInstructions()).toMatch(/Write tools are enabled/);
  });

  it('plans without changing anything, then applies exactly the plan once, after confirmation', async () => {
    const { t, prompts } = await start();
    const user = victim(t);

    const planned = await callTool(t.client, 'disable_user', { userId: user.id });
    expect(planned.isError).toBeFalsy();
    const plan = writeResultSchema.parse(planned.structuredContent);
    expect(plan.status).toBe('planned');
    expect(plan.plan.requests).toEqual([
      { method: 'PATCH', path: `/users/${user.id}`, body: { accountEnabled: false } },
    ]);
    expect(plan.planId).toMatch(/^plan_/);
    expect(planned.text).toMatch(/nothing changed yet/);
    expect(user.accountEnabled).toBe(true);
    expect(patchesOf(t, user.id)).toHaveLength(0);

    const applied = await callTool(t.client, 'disable_user', { planId: plan.planId });
    expect(applied.isError).toBeFalsy();
    const result = writeResultSchema.parse(applied.structuredContent);
    expect(result.status).toBe('applied');
    expect(result.applied).toHaveLength(1);
    expect(user.accountEnabled).toBe(false);
    expect(patchesOf(t, user.id)).toHaveLength(1);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain(`PATCH /users/${user.id}`);

    const again = await callTool(t.client, 'disable_user', { planId: plan.planId });
    expect(again.isError).toBe(true);
    expect(again.text).toMatch(/cannot be applied: .*already applied/);
    expect(patchesOf(t, user.id)).toHaveLength(1);

    const audit = await readAudit(t.auditLogPath);
    const [planLine, applyLine, refusedLine] = audit.filter((line) => line.tool === 'disable_user');
    expect(planLine).toMatchObject({ outcome: 'planned', arguments: { userId: user.id } });
    expect(planLine?.detail).toMatchObject({ planId: plan.planId, plan: { requests: plan.plan.requests } });
    expect(applyLine).toMatchObject({
      outcome: 'applied',
      arguments: { planId: plan.planId },
      detail: { planId: plan.planId, confirmedBy: 'elicitation' },
    });
    // The apply line carries the request-ids of what the apply sent (the fresh read its guardrails
    // re-check, then the PATCH) and nothing the plan call caused.
    expect(applyLine?.requestIds).toHaveLength(2);
    expect(applyLine?.requestIds.at(-1)).toBe(result.applied?.[0]?.requestId);
    for (const id of applyLine?.requestIds ?? []) expect(planLine?.requestIds).not.toContain(id);
    expect(refusedLine).toMatchObject({ outcome: 'invalid', detail: { kind: 'input' } });
  });

  it.each([
    ['decline', 'declined'],
    ['cancel', 'cancelled'],
    ['uncheck', 'unchecked'],
  ] as const)('applies nothing when the user answers %s, and discards the plan', async (answer, why) => {
    const { t } = await start({ elicitation: answer });
    const user = victim(t);
    const plan = writeResultSchema.parse(
      (await callTool(t.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    const cancelled = await callTool(t.client, 'disable_user', { planId: plan.planId });
    expect(cancelled.isError).toBeFalsy();
    expect(writeResultSchema.parse(cancelled.structuredContent).status).toBe('cancelled');
    expect(cancelled.text).toContain(why);
    expect(user.accountEnabled).toBe(true);
    expect(patchesOf(t, user.id)).toHaveLength(0);
    expect((await callTool(t.client, 'disable_user', { planId: plan.planId })).isError).toBe(true);
    const last = (await readAudit(t.auditLogPath)).filter((line) => line.outcome === 'cancelled');
    expect(last).toHaveLength(1);
  });

  it('without elicitation support, the plan id round trip is the confirmation', async () => {
    const { t } = await start({ elicitation: 'none' });
    const user = victim(t);
    const plan = writeResultSchema.parse(
      (await callTool(t.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    const applied = await callTool(t.client, 'disable_user', { planId: plan.planId, userId: user.id });
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(user.accountEnabled).toBe(false);
    const line = (await readAudit(t.auditLogPath)).at(-1);
    expect(line?.detail).toMatchObject({ confirmedBy: 'plan-id' });
  });

  it('refuses to apply a plan with different arguments, and keeps the plan', async () => {
    const { t } = await start();
    const [first, second] = t.sim.tenant.directory.users.filter(
      (u) => u.accountEnabled && u.userType === 'Member',
    );
    if (!first || !second) throw new Error('need two enabled members');
    const plan = writeResultSchema.parse(
      (await callTool(t.client, 'disable_user', { userId: first.id })).structuredContent,
    );
    const swapped = await callTool(t.client, 'disable_user', { planId: plan.planId, userId: second.id });
    expect(swapped.isError).toBe(true);
    expect(swapped.text).toMatch(/arguments differ/);
    expect(second.accountEnabled).toBe(true);
    const applied = await callTool(t.client, 'disable_user', { planId: plan.planId });
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(first.accountEnabled).toBe(false);
    expect(second.accountEnabled).toBe(true);
  });

  it('refuses a break-glass account at planning time, and audits the refusal', async () => {
    const probe = await startTestServer(sampleServer);
    const upn = victim(probe).userPrincipalName;
    await probe.close();
    const { t } = await start({ breakGlass: [upn.toUpperCase()] });
    const user = victim(t);
    const refused = await callTool(t.client, 'disable_user', { userId: user.id });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/^Refused by a guardrail: .*break-glass account.*Nothing was changed\./);
    expect(user.accountEnabled).toBe(true);
    expect((await readAudit(t.auditLogPath)).at(-1)).toMatchObject({
      tool: 'disable_user',
      outcome: 'refused',
      detail: { kind: 'guardrail' },
    });
  });

  it('an expired plan does not apply', async () => {
    const { t } = await start({ planTtlMs: 1 });
    const user = victim(t);
    const plan = writeResultSchema.parse(
      (await callTool(t.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const late = await callTool(t.client, 'disable_user', { planId: plan.planId });
    expect(late.isError).toBe(true);
    expect(late.text).toMatch(/expired/);
    expect(user.accountEnabled).toBe(true);
  });

  it('refuses a plan whose target is gone by apply time: the re-check reads the tenant, nothing is sent', async () => {
    const { t } = await start();
    const user = victim(t);
    const plan = writeResultSchema.parse(
      (await callTool(t.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    const index = t.sim.tenant.directory.users.indexOf(user);
    t.sim.tenant.directory.users.splice(index, 1);
    const gone = await callTool(t.client, 'disable_user', { planId: plan.planId });
    expect(gone.isError).toBe(true);
    expect(gone.text).toMatch(/404 Not Found/);
    expect(patchesOf(t, user.id)).toHaveLength(0);
    expect((await readAudit(t.auditLogPath)).at(-1)).toMatchObject({ outcome: 'error' });
  });

  it('reports a failed apply precisely: what failed and that nothing else was sent', async () => {
    const { t } = await start();
    const user = victim(t);
    const plan = writeResultSchema.parse(
      (await callTool(t.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    // Graph refuses the write itself (the re-check's read still succeeds).
    t.sim.faults.add({
      match: { method: 'PATCH', path: `/users/${user.id}` },
      fault: { kind: 'status', status: 404 },
    });
    const failed = await callTool(t.client, 'disable_user', { planId: plan.planId });
    expect(failed.isError).toBe(true);
    const result = writeResultSchema.parse(failed.structuredContent);
    expect(result.status).toBe('failed');
    expect(result.failed).toMatchObject({ method: 'PATCH', path: `/users/${user.id}` });
    expect(result.failed?.error).toMatch(/404 Not Found/);
    expect((await readAudit(t.auditLogPath)).at(-1)).toMatchObject({
      outcome: 'error',
      detail: { applied: [] },
    });
  });

  it.each([
    ['a lone surrogate', '\ud800', 'contains a lone UTF-16 surrogate (not valid text)'],
    ['a NUL', 'a\u0000b', 'contains a NUL character'],
  ])('refuses text with %s as invalid input, naming the argument, audited', async (_, userId, why) => {
    const { t } = await start();
    const result = await callTool(t.client, 'disable_user', { userId });
    expect(result.isError).toBe(true);
    expect(result.text.split('\n')[0]).toBe(`Invalid argument "userId": it ${why}.`);
    expect((await readAudit(t.auditLogPath)).at(-1)).toMatchObject({
      tool: 'disable_user',
      outcome: 'invalid',
      detail: { kind: 'input' },
    });
  });
});
