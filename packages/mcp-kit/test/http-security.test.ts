import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ServerConfigError } from '../src/cli/startup.js';
import { startHttpServer, tokenFingerprint } from '../src/http/index.js';
import { callTool } from '../src/testing/index.js';
import {
  initializeBody,
  makeToken,
  postHeaders,
  rawRequest,
  type SampleHttp,
  startSampleHttp,
} from './http-harness.js';

const errorBody = z.object({
  jsonrpc: z.literal('2.0'),
  error: z.object({ code: z.number(), message: z.string() }),
  id: z.null(),
});

const maxBodyBytes = 64 * 1024;
let server: SampleHttp;
let authority: string;
beforeAll(async () => {
  server = await startSampleHttp({ maxBodyBytes });
  authority = server.url.host;
});
afterAll(async () => {
  await server.close();
});

describe('the HTTP endpoint refuses', () => {
  it('a request without a token: 401 with a Bearer challenge', async () => {
    const response = await rawRequest(server.url, { headers: postHeaders(undefined), body: initializeBody });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="m365-sample"');
    expect(errorBody.parse(JSON.parse(response.body)).error.message).toMatch(/bearer token is required/);
  });

  it.each([
    ['a wrong token', () => `Bearer ${makeToken()}`],
    ['the token with one character changed', () => `Bearer ${server.token.slice(0, -1)}x`],
    ['a token prefix', () => `Bearer ${server.token.slice(0, 32)}`],
    ['another scheme', () => `Basic ${server.token}`],
    ['the token alone', () => server.token],
  ])('%s: 401 invalid_token', async (_what, authorization) => {
    const response = await rawRequest(server.url, {
      headers: { ...postHeaders(undefined), Authorization: authorization() },
      body: initializeBody,
    });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="m365-sample", error="invalid_token"');
  });

  it('a real client with a wrong token cannot connect', async () => {
    await expect(server.connect({ token: makeToken() })).rejects.toThrow(/401|Unauthorized/);
    await expect(server.connect({ token: undefined })).rejects.toThrow(/401|Unauthorized/);
  });

  it.each([
    ['an attacker name', 'evil.example'],
    ['an attacker name on our port', 'evil.example:PORT'],
    ['our address on another port', '127.0.0.1:1'],
    ['a name with user info', 'evil.example@127.0.0.1:PORT'],
  ])('a foreign Host (%s): 403, even with the right token', async (_what, host) => {
    const response = await rawRequest(server.url, {
      headers: postHeaders(server.token, { Host: host.replace('PORT', server.url.port) }),
      body: initializeBody,
    });
    expect(response.status).toBe(403);
    expect(errorBody.parse(JSON.parse(response.body)).error.message).toMatch(/Host/);
  });

  it.each(['http://evil.example', 'https://evil.example:PORT', 'http://127.0.0.1:1', 'null', 'file://'])(
    'a foreign Origin (%s): 403, even with the right token',
    async (origin) => {
      const response = await rawRequest(server.url, {
        headers: postHeaders(server.token, { Origin: origin.replace('PORT', server.url.port) }),
        body: initializeBody,
      });
      expect(response.status).toBe(403);
      expect(errorBody.parse(JSON.parse(response.body)).error.message).toMatch(/Origin/);
    },
  );

  it('but accepts its own address and localhost as Host and Origin', async () => {
    for (const host of [authority, `localhost:${server.url.port}`]) {
      const response = await rawRequest(server.url, {
        headers: postHeaders(server.token, { Host: host, Origin: `http://${host}` }),
        body: initializeBody,
      });
      expect(response.status).toBe(200);
      expect(response.body).toContain('"protocolVersion":"2025-11-25"');
      // Stateless: no session is opened.
      expect(response.headers['mcp-session-id']).toBeUndefined();
    }
  });

  it('a body over the limit: 413, whether declared or streamed', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
      params: { pad: 'x'.repeat(maxBodyBytes * 4) },
    });
    const declared = await rawRequest(server.url, { headers: postHeaders(server.token), body: big });
    expect(declared.status).toBe(413);
    const streamed = await rawRequest(server.url, {
      headers: postHeaders(server.token, { 'Transfer-Encoding': 'chunked' }),
      body: big,
    });
    expect(streamed.status).toBe(413);
    expect(errorBody.parse(JSON.parse(streamed.body)).error.message).toMatch(/Payload Too Large/);
    // Just under the limit is read and answered (a ping).
    const fits = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
      params: { pad: 'x'.repeat(maxBodyBytes - 100) },
    });
    expect((await rawRequest(server.url, { headers: postHeaders(server.token), body: fits })).status).toBe(
      200,
    );
  });

  it('a wrong path: 404', async () => {
    for (const path of ['/', '/mcp/', '/mcp/x', '/sse', '/.well-known/oauth-protected-resource']) {
      const response = await rawRequest(server.url, {
        path,
        headers: postHeaders(server.token),
        body: initializeBody,
      });
      expect(response.status, path).toBe(404);
    }
  });

  it('other methods: 405 with Allow', async () => {
    for (const method of ['PUT', 'PATCH', 'OPTIONS', 'HEAD']) {
      const response = await rawRequest(server.url, { method, headers: postHeaders(server.token) });
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe('GET, POST, DELETE');
    }
  });

  it('a malformed JSON body: 400 with a JSON-RPC parse error', async () => {
    for (const body of ['{"jsonrpc": "2.0", "id": 1,', '', 'not json']) {
      const response = await rawRequest(server.url, { headers: postHeaders(server.token), body });
      expect(response.status).toBe(400);
      expect(errorBody.parse(JSON.parse(response.body)).error.code).toBe(-32700);
    }
  });

  it('a call without a session is answered: every request stands alone (no initialize needed)', async () => {
    const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    const none = await rawRequest(server.url, { headers: postHeaders(server.token), body: list });
    expect(none.status).toBe(200);
    expect(none.body).toContain('list_users');
  });

  it('and after all of that, still serves, and the token is in no log line nor the audit log', async () => {
    const { client } = await server.connect();
    expect((await callTool(client, 'list_users', { limit: 1 })).isError).toBeFalsy();
    expect((await callTool(client, 'break_on_purpose', { how: 'throw' })).isError).toBe(true);
    const logs = server.logs.join('');
    expect(logs).toMatch(/refused a request from 127\.0\.0\.1: missing bearer token/);
    expect(logs).toMatch(/refused a request from 127\.0\.0\.1: wrong bearer token/);
    expect(logs).not.toContain(server.token);
    expect(logs).not.toContain(server.token.slice(0, 32));
    const audit = await readFile(server.auditLogPath, 'utf8');
    expect(audit).toContain('list_users');
    expect(audit).not.toContain(server.token);
  });
});

describe('the HTTP server refuses to start', () => {
  const base = { name: 'm365-sample', port: 0, createSession: () => unreachable() };
  function unreachable(): never {
    throw new Error('no session should be created');
  }

  it('with a token shorter than 32 characters, or with spaces', async () => {
    await expect(
      startHttpServer({ ...base, auth: { kind: 'bearer', tokens: ['x'.repeat(31)] } }),
    ).rejects.toThrow(/at least 32 characters/);
    await expect(
      startHttpServer({ ...base, auth: { kind: 'bearer', tokens: [`${'x'.repeat(20)} ${'y'.repeat(20)}`] } }),
    ).rejects.toThrow(ServerConfigError);
  });

  it('with two tokens of the same fingerprint, which could not tell their clients apart', async () => {
    // Found by counting: the first two of these tokens whose fingerprints collide.
    const byFingerprint = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i += 1) {
      const token = `collision-${'x'.repeat(32)}-${i}`;
      const other = byFingerprint.get(tokenFingerprint(token));
      if (other) pair = [other, token];
      byFingerprint.set(tokenFingerprint(token), token);
    }
    const attempt = startHttpServer({ ...base, auth: { kind: 'bearer', tokens: [makeToken(), ...pair] } });
    await expect(attempt).rejects.toThrow(/tokens 2 and 3 have the same fingerprint/);
    await expect(attempt).rejects.not.toThrow(pair[0]);
  });

  it('with no token at all', async () => {
    await expect(startHttpServer({ ...base, auth: { kind: 'bearer', tokens: [] } })).rejects.toThrow(
      /the list is empty: give at least one token/,
    );
  });

  it('without authentication anywhere but on a loopback address', async () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', 'example.com']) {
      await expect(startHttpServer({ ...base, host, auth: { kind: 'none' } }), host).rejects.toThrow(
        /loopback/,
      );
    }
  });

  it('with an allowed host that is not a host', async () => {
    await expect(
      startHttpServer({
        ...base,
        auth: { kind: 'bearer', tokens: [makeToken()] },
        allowedHosts: ['https://proxy.example/'],
      }),
    ).rejects.toThrow(/not a host name/);
  });
});
