import { afterEach, describe, expect, it } from 'vitest';
import { tokenFingerprint } from '../src/http/index.js';
import { writeResultSchema } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { heldTool } from './held-tool.js';
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

function enabledMember(server: SampleHttp) {
  const user = server.sim.tenant.directory.users.find((u) => u.accountEnabled && u.userType === 'Member');
  if (!user) throw new Error('the demo tenant has no enabled member');
  return user;
}

describe('Streamable HTTP (stateless: a server per request)', () => {
  it('serves tools to a 2025-11-25 client with the bearer token, and audits the caller without the token', async () => {
    const server = await start();
    expect(server.url.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const { client, transport } = await server.connect();
    // No session: every request stands on its own, authenticated by its token.
    expect(transport.sessionId).toBeUndefined();
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
    });
    expect(tokenFingerprint(server.token)).toMatch(/^[0-9a-f]{8}$/);
    expect(server.token).not.toContain(tokenFingerprint(server.token));
  });

  it('runs the write gate across requests: the plan made by one is applied by the next (one plan store)', async () => {
    const server = await start({ allowWrites: true });
    const { client } = await server.connect();
    const user = enabledMember(server);

    const plan = writeResultSchema.parse(
      (await callTool(client, 'disable_user', { userId: user.id })).structuredContent,
    );
    expect(plan.status).toBe('planned');
    expect(user.accountEnabled).toBe(true);

    // A stateless request cannot wait for the client's answer to an elicitation: the plan id
    // round trip is the confirmation.
    const applied = await callTool(client, 'disable_user', { planId: plan.planId });
    expect(applied.isError).toBeFalsy();
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(user.accountEnabled).toBe(false);
    const lines = await readAudit(server.auditLogPath);
    expect(lines.map((line) => line.outcome)).toEqual(['planned', 'applied']);
    expect(lines[1]?.detail).toMatchObject({ confirmedBy: 'plan-id' });
  });

  it('serves a 2025-06-18 client too', async () => {
    const server = await start();
    const { client } = await server.connect({ protocolVersion: '2025-06-18' });
    expect((await callTool(client, 'list_users', { limit: 1 })).isError).toBeFalsy();
  });

  it('has no sessions: GET (event stream) and DELETE (end session) are 405', async () => {
    const server = await start();
    for (const method of ['GET', 'DELETE']) {
      const response = await rawRequest(server.url, {
        method,
        headers: { Authorization: `Bearer ${server.token}`, Accept: 'text/event-stream, application/json' },
      });
      expect(response.status).toBe(405);
    }
  });

  it('on shutdown lets a running call finish', async () => {
    // Time stands still: the grace period cannot run out however slowly the call finishes.
    const held = heldTool();
    const server = await start({ timers: manualTimers(), extraTools: [held.tool] });
    const { client } = await server.connect();
    const call = callTool(client, 'wait_for_release', {});
    await held.started;
    const stopped = server.stop();
    await server.logged('waiting up to');
    // New requests are refused while the running one finishes.
    const refused = await rawRequest(server.url, {
      headers: postHeaders(server.token),
      body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list' }),
    });
    expect(refused.status).toBe(503);
    held.release();
    const result = await call;
    await stopped;
    expect(result.isError).toBeFalsy();
    expect(server.runningCount()).toBe(0);
    expect((await readAudit(server.auditLogPath)).map((line) => line.outcome)).toEqual(['ok']);
  });

  it('on shutdown cancels a call still running after the grace period', async () => {
    const timers = manualTimers();
    const held = heldTool();
    const server = await start({ shutdownGraceMs: 50, timers, extraTools: [held.tool] });
    const { client } = await server.connect();
    const call = callTool(client, 'wait_for_release', {});
    await held.started;
    const stopped = server.stop();
    await server.logged('waiting up to 50 ms for 1 running request');
    // The grace period runs out with the call still running.
    timers.advance(50);
    await stopped;
    // The client hears at once that its call was cancelled, instead of waiting for its timeout.
    await expect(call).rejects.toThrow(/Cancelled: the server is shutting down/);
    expect(server.runningCount()).toBe(0);
  });

  it('shuts down cleanly: the port released', async () => {
    const server = await startSampleHttp();
    try {
      const { client } = await server.connect();
      await client.listTools();
    } finally {
      await server.close();
    }
    await expect(rawRequest(server.url, { headers: postHeaders(server.token) })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});
