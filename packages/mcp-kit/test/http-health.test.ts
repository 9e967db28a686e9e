// GET /healthz: what a container runtime or a load balancer probes, without a token.
import { afterEach, describe, expect, it } from 'vitest';
import { callTool } from '../src/testing/index.js';
import { heldTool } from './held-tool.js';
import { rawRequest, type SampleHttp, startSampleHttp } from './http-harness.js';
import { manualTimers } from './manual-timers.js';

let t: SampleHttp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function probe(server: SampleHttp, headers: Record<string, string> = {}) {
  return rawRequest(server.url, {
    method: 'GET',
    path: '/healthz',
    headers: { Host: server.url.host, ...headers },
  });
}

describe('GET /healthz', () => {
  it('answers 200 without a token, and says nothing about the server', async () => {
    t = await startSampleHttp();
    const answer = await probe(t);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
    expect(answer.headers['cache-control']).toBe('no-store');
    // Only GET, only that path: the MCP endpoint still wants its token.
    expect(
      (await rawRequest(t.url, { method: 'POST', path: '/healthz', headers: { Host: t.url.host } })).status,
    ).not.toBe(200);
    expect(
      (await rawRequest(t.url, { method: 'GET', path: '/healthz/x', headers: { Host: t.url.host } })).status,
    ).toBe(401);
  });

  it('refuses a foreign Host as every other path does', async () => {
    t = await startSampleHttp();
    expect((await probe(t, { Host: 'evil.example' })).status).toBe(403);
  });

  it('answers 503 while the server shuts down, so traffic moves elsewhere', async () => {
    const held = heldTool();
    t = await startSampleHttp({ timers: manualTimers(), extraTools: [held.tool] });
    const { client } = await t.connect();
    const call = callTool(client, 'wait_for_release', {});
    await held.started;
    const stopped = t.stop();
    await t.logged('waiting up to');
    const answer = await probe(t);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({ status: 'stopping' });
    held.release();
    await call;
    await stopped;
  });
});
