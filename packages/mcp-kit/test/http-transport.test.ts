import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenFingerprint } from '../src/http/index.js';
import { writeResultSchema } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { postHeaders, rawRequest, type SampleHttp, startSampleHttp } from './http-harness.js';
import { manualTimers } from './manual-timers.js';

let t: SampleHttp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(options: Parameters<typeof startSampleHttp>[0] = {}): Promise<SampleHttp> {
  t = await startSampleHttp(options);
  return t;
}

/**
 * Makes the client's user answer a write confirmation only when the test says so: `asked`
 * resolves when the server asks, `confirm()` accepts.
 */
function heldConfirmation(client: Client): { asked: Promise<void>; confirm(): void } {
  let ask: () => void = () => undefined;
  let accept: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => {
    ask = resolve;
  });
  const accepted = new Promise<void>((resolve) => {
    accept = resolve;
  });
  client.setRequestHandler(ElicitRequestSchema, async () => {
    ask();
    await accepted;
    return { action: 'accept', content: { confirm: true } };
  });
  return { asked, confirm: accept };
}

/** The HTTP status of a request in the session `sessionId`. */
async function postToSession(server: SampleHttp, sessionId: string): Promise<number> {
  const response = await rawRequest(server.url, {
    headers: postHeaders(server.token, { 'Mcp-Session-Id': sessionId }),
    body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
  });
  return response.status;
}

function enabledMember(server: SampleHttp) {
  const user = server.sim.tenant.directory.users.find((u) => u.accountEnabled && u.userType === 'Member');
  if (!user) throw new Error('the demo tenant has no enabled member');
  return user;
}

describe('Streamable HTTP', () => {
  it('serves tools to a real client with the bearer token, and audits the caller without the token', async () => {
    const server = await start();
    expect(server.url.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const { client, transport } = await server.connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('list_users');
    // Read-only unless writes are allowed, as on stdio.
    expect(tools.map((tool) => tool.name)).not.toContain('disable_user');

    const result = await callTool(client, 'list_users', { limit: 2 });
    expect(result.isError).toBeFalsy();
    expect(result.text).toMatch(/^2 of \d+ users/);

    const [line] = await readAudit(server.auditLogPath);
    expect(line).toMatchObject({
      tool: 'list_users',
      outcome: 'ok',
      caller: `http:${tokenFingerprint(server.token)}@127.0.0.1`,
      session: transport.sessionId,
    });
    expect(tokenFingerprint(server.token)).toMatch(/^[0-9a-f]{8}$/);
    expect(server.token).not.toContain(tokenFingerprint(server.token));
  });

  it('runs the write gate over HTTP: plan, confirmation by elicitation, apply', async () => {
    const server = await start({ allowWrites: true });
    const { client } = await server.connect();
    const prompts: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      prompts.push(request.params.message);
      return { action: 'accept', content: { confirm: true } };
    });
    const user = enabledMember(server);

    const plan = writeResultSchema.parse(
      (await callTool(client, 'disable_user', { userId: user.id })).structuredContent,
    );
    expect(plan.status).toBe('planned');
    expect(user.accountEnabled).toBe(true);

    const applied = await callTool(client, 'disable_user', { planId: plan.planId });
    expect(applied.isError).toBeFalsy();
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(user.accountEnabled).toBe(false);
    // The confirmation really went to the client, over the call's event stream.
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain(`PATCH /users/${user.id}`);
    const outcomes = (await readAudit(server.auditLogPath)).map((line) => line.outcome);
    expect(outcomes).toEqual(['planned', 'applied']);
  });

  it('keeps write plans per session: another session cannot apply a plan it did not make', async () => {
    const server = await start({ allowWrites: true });
    const alice = await server.connect({ capabilities: {} });
    const mallory = await server.connect({ capabilities: {} });
    expect(alice.transport.sessionId).not.toBe(mallory.transport.sessionId);
    const user = enabledMember(server);

    const plan = writeResultSchema.parse(
      (await callTool(alice.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    const stolen = await callTool(mallory.client, 'disable_user', { planId: plan.planId, userId: user.id });
    expect(stolen.isError).toBe(true);
    expect(user.accountEnabled).toBe(true);

    // Without elicitation support the plan id round trip is the confirmation, in its own session.
    const applied = await callTool(alice.client, 'disable_user', { planId: plan.planId, userId: user.id });
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(user.accountEnabled).toBe(false);
  });

  it('ends a session on DELETE: its id is then unknown (404)', async () => {
    const server = await start();
    const { transport } = await server.connect();
    const sessionId = transport.sessionId ?? '';
    expect(server.sessionCount()).toBe(1);
    await transport.terminateSession();
    expect(server.sessionCount()).toBe(0);
    const after = await rawRequest(server.url, {
      headers: postHeaders(server.token, { 'Mcp-Session-Id': sessionId }),
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(after.status).toBe(404);
  });

  it('closes a session left idle, but not one whose call is still running', async () => {
    const idleMs = 100;
    const timers = manualTimers();
    const server = await start({ allowWrites: true, idleTimeoutMs: idleMs, timers });

    // A session that does nothing once connected: its idle timer starts.
    const idle = await server.connect({ capabilities: {} });
    const idleId = idle.transport.sessionId ?? '';
    await timers.untilPending(1);

    // A session whose call waits for the user's confirmation, so it is still running.
    const busy = await server.connect();
    const busyId = busy.transport.sessionId ?? '';
    const user = enabledMember(server);
    const confirmation = heldConfirmation(busy.client);
    const plan = writeResultSchema.parse(
      (await callTool(busy.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    const call = callTool(busy.client, 'disable_user', { planId: plan.planId });
    await confirmation.asked;
    // Only the idle session's timer runs: a session has none while a call of it runs.
    expect(timers.pending).toBe(1);
    expect(server.sessionCount()).toBe(2);

    timers.advance(idleMs - 1);
    expect(server.sessionCount()).toBe(2);
    timers.advance(1);
    await server.logged(`session ${idleId} closed\n`);
    expect(server.logs.join('')).toContain(`session ${idleId} of http:`);
    expect(server.sessionCount()).toBe(1);
    expect(await postToSession(server, idleId)).toBe(404);

    // Far past the idle time, the session whose call still runs stays open.
    timers.advance(100 * idleMs);
    expect(server.sessionCount()).toBe(1);
    expect(server.logs.join('')).not.toContain(`session ${busyId} of http:`);

    // Once the call completes the session sits idle, and only then is it closed.
    confirmation.confirm();
    const applied = await call;
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    await timers.untilPending(1);
    timers.advance(idleMs - 1);
    expect(server.sessionCount()).toBe(1);
    timers.advance(1);
    await server.logged(`session ${busyId} closed\n`);
    expect(server.logs.join('')).toContain(`session ${busyId} of http:`);
    expect(server.sessionCount()).toBe(0);
    expect(await postToSession(server, busyId)).toBe(404);
  });

  it('on shutdown lets a running call finish before closing its session', async () => {
    // Time stands still: the grace period cannot run out however slowly the call finishes.
    const server = await start({ allowWrites: true, timers: manualTimers() });
    const { client } = await server.connect();
    const user = enabledMember(server);
    const confirmation = heldConfirmation(client);
    const plan = writeResultSchema.parse(
      (await callTool(client, 'disable_user', { userId: user.id })).structuredContent,
    );
    const call = callTool(client, 'disable_user', { planId: plan.planId });
    await confirmation.asked;
    // The call waits for the user; shutdown starts now and must wait for it.
    const stopped = server.stop();
    confirmation.confirm();
    const applied = await call;
    await stopped;
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(user.accountEnabled).toBe(false);
    expect(server.sessionCount()).toBe(0);
    expect((await readAudit(server.auditLogPath)).map((line) => line.outcome)).toEqual([
      'planned',
      'applied',
    ]);
  });

  it('on shutdown cancels a call still running after the grace period, applying nothing', async () => {
    const timers = manualTimers();
    const server = await start({ allowWrites: true, shutdownGraceMs: 50, timers });
    const { client } = await server.connect();
    const user = enabledMember(server);
    let asked: () => void = () => undefined;
    const question = new Promise<void>((resolve) => {
      asked = resolve;
    });
    // A user who never answers.
    client.setRequestHandler(ElicitRequestSchema, async () => {
      asked();
      return new Promise(() => undefined);
    });
    const plan = writeResultSchema.parse(
      (await callTool(client, 'disable_user', { userId: user.id })).structuredContent,
    );
    const call = callTool(client, 'disable_user', { planId: plan.planId });
    await question;
    const stopped = server.stop();
    await server.logged('waiting up to 50 ms for 1 running request');
    // The grace period runs out with the call still waiting for its user.
    timers.advance(50);
    await stopped;
    expect(server.sessionCount()).toBe(0);
    // The client hears at once that its call was cancelled, instead of waiting for its timeout.
    await expect(call).rejects.toThrow(/Cancelled: the server is shutting down/);
    expect(user.accountEnabled).toBe(true);
    expect(server.logs.join('')).toMatch(/waiting up to 50 ms for 1 running request/);
  });

  it('refuses a session beyond the limit with 503, and takes one again when a session ends', async () => {
    const server = await start({ maxSessions: 1 });
    const first = await server.connect();
    await expect(server.connect()).rejects.toThrow(/503|too many open sessions/);
    await first.transport.terminateSession();
    const second = await server.connect();
    expect((await second.client.listTools()).tools.length).toBeGreaterThan(0);
  });

  it('shuts down cleanly: sessions closed, the port released', async () => {
    const server = await startSampleHttp();
    try {
      await server.connect();
      await server.connect();
      expect(server.sessionCount()).toBe(2);
    } finally {
      await server.close();
    }
    expect(server.sessionCount()).toBe(0);
    await expect(rawRequest(server.url, { headers: postHeaders(server.token) })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
