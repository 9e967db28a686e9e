// One token per client: each token's fingerprint is a principal, and a session (with its write
// plans) answers only the principal that opened it. Through real MCP clients over HTTP.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenFingerprint } from '../src/http/index.js';
import { writeResultSchema } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import {
  postHeaders,
  type RawResponse,
  rawRequest,
  type SampleHttp,
  startSampleHttp,
} from './http-harness.js';

let t: SampleHttp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(options: Parameters<typeof startSampleHttp>[0] = {}): Promise<SampleHttp> {
  t = await startSampleHttp(options);
  return t;
}

function enabledMember(server: SampleHttp) {
  const user = server.sim.tenant.directory.users.find((u) => u.accountEnabled && u.userType === 'Member');
  if (!user) throw new Error('the demo tenant has no enabled member');
  return user;
}

/** What the server answers `method` on session `sessionId` with, sent with `token`. */
function toSession(
  server: SampleHttp,
  method: string,
  token: string,
  sessionId: string,
): Promise<RawResponse> {
  const headers = { 'Mcp-Session-Id': sessionId };
  if (method === 'POST') {
    return rawRequest(server.url, {
      headers: postHeaders(token, headers),
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list' }),
    });
  }
  return rawRequest(server.url, {
    method,
    headers: { ...headers, Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
  });
}

describe('HTTP sessions bound to the token that opened them', () => {
  it("another token's POST, GET and DELETE on a session get the 404 of an unknown session; the session lives on", async () => {
    const server = await start({ tokenCount: 2 });
    const [alice, mallory] = server.tokens as [string, string];
    const a = await server.connect({ token: alice });
    const sessionId = a.transport.sessionId ?? '';
    expect(sessionId).not.toBe('');

    for (const method of ['POST', 'GET', 'DELETE']) {
      const stolen = await toSession(server, method, mallory, sessionId);
      const unknown = await toSession(server, method, mallory, randomUUID());
      expect(stolen.status, method).toBe(404);
      // Exactly the answer to a session id nobody ever had: it reveals nothing.
      expect(stolen.body, method).toBe(unknown.body);
      expect(stolen.status, method).toBe(unknown.status);
      expect(stolen.headers['content-type'], method).toBe(unknown.headers['content-type']);
    }

    // A real client with the other token, joined to the session, cannot use or end it either.
    const joined = await server.connect({ token: mallory, sessionId });
    await expect(joined.client.listTools()).rejects.toThrow(/404|Not Found|Session not found/);
    await expect(joined.transport.terminateSession()).rejects.toThrow(/404|Not Found|Session not found/);

    expect(server.sessionCount()).toBe(1);
    const result = await callTool(a.client, 'list_users', { limit: 1 });
    expect(result.isError).toBeFalsy();

    // The refusals are logged with both fingerprints and neither token.
    const logs = server.logs.join('');
    expect(logs).toContain(
      `refused a request from token:${tokenFingerprint(mallory)}@127.0.0.1 for session ${sessionId}, which belongs to token:${tokenFingerprint(alice)}`,
    );
    for (const token of server.tokens) expect(logs).not.toContain(token);
  });

  it("another token cannot apply a plan, neither in the plan's session nor in its own", async () => {
    const server = await start({ allowWrites: true, tokenCount: 2 });
    const [alice, mallory] = server.tokens as [string, string];
    // No elicitation: the call with the plan id is the confirmation, the weakest case.
    const a = await server.connect({ token: alice, capabilities: {} });
    const user = enabledMember(server);
    const plan = writeResultSchema.parse(
      (await callTool(a.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    expect(plan.status).toBe('planned');

    // In the session that holds the plan: refused before the server sees the call.
    const joined = await server.connect({
      token: mallory,
      capabilities: {},
      sessionId: a.transport.sessionId ?? '',
    });
    await expect(callTool(joined.client, 'disable_user', { planId: plan.planId })).rejects.toThrow(
      /404|Session not found/,
    );
    // In its own session: the plan does not exist there, said as for any unknown plan id.
    const own = await server.connect({ token: mallory, capabilities: {} });
    const stolen = await callTool(own.client, 'disable_user', { planId: plan.planId });
    const madeUp = await callTool(own.client, 'disable_user', { planId: 'plan_made-up' });
    expect(stolen.isError).toBe(true);
    expect(stolen.text).toMatch(/was not issued by this server/);
    expect(stolen.text.replace(plan.planId ?? '', 'ID')).toBe(madeUp.text.replace('plan_made-up', 'ID'));
    expect(user.accountEnabled).toBe(true);

    // The owner still applies it.
    const applied = await callTool(a.client, 'disable_user', { planId: plan.planId });
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(user.accountEnabled).toBe(false);
  });

  it('with a single token, as before: every client holding it is the same principal', async () => {
    const server = await start();
    const first = await server.connect();
    const sessionId = first.transport.sessionId ?? '';
    const second = await server.connect({ sessionId });
    const { tools } = await second.client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('list_users');
    expect((await toSession(server, 'POST', server.token, sessionId)).status).toBe(200);
    expect(server.logs.join('')).not.toContain('refused a request');
  });
});
