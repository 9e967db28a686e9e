// The built sample bin with --http, as a user runs it: a real process, real signals.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAuditLog } from '@m365-mcp/audit-log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFingerprint } from '../src/http/index.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { buildSampleBin } from './build-sample-bin.js';
import { type RunningBin, startHttpBin } from './http-bin-process.js';
import { connectClient, initializeBody, makeToken, postHeaders, rawRequest } from './http-harness.js';

let dir: string;
let bin: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-kit-http-bin-'));
  bin = await buildSampleBin(dir);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the bin with only PATH, HOME and `env` in its environment. */
function startBin(args: string[], env: Record<string, string>): Promise<RunningBin> {
  return startHttpBin(bin, args, { PATH: process.env.PATH ?? '', HOME: dir, ...env });
}

describe('the built bin with --http', () => {
  it('--demo --http --port 0 serves a real client, refuses one without the token, and exits 0 on SIGTERM', async () => {
    const token = makeToken();
    const auditLog = join(dir, 'audit-http.jsonl');
    const running = await startBin(['--demo', '--http', '--port', '0', '--audit-log', auditLog], {
      M365_MCP_HTTP_TOKEN: token,
    });
    expect(running.url.hostname).toBe('127.0.0.1');
    expect(running.url.port).not.toBe('0');

    const refused = await rawRequest(running.url, { headers: postHeaders(undefined), body: initializeBody });
    expect(refused.status).toBe(401);

    const { client } = await connectClient(running.url, token);
    const result = await callTool(client, 'list_users', { limit: 2 });
    expect(result.isError).toBeFalsy();
    expect(result.text).toMatch(/^2 of \d+ users/);

    // The client is still connected when the signal comes (stateless: no stream held open).
    running.child.kill('SIGTERM');
    expect(await running.exit).toEqual({ code: 0, signal: null });
    await client.close();

    const stderr = running.stderr();
    expect(stderr).toMatch(
      /m365-sample 0\.0\.1: MCP server on Streamable HTTP at http:\/\/127\.0\.0\.1:\d+\/mcp, read-only, demo tenant/,
    );
    expect(stderr).toMatch(/SIGTERM: shutting down \(0 running request\(s\)\)/);
    expect(stderr).toMatch(/m365-sample: stopped/);
    expect(stderr).not.toContain(token);
    expect(stderr).not.toMatch(/WARNING/);

    const audit = await readAudit(auditLog);
    expect(audit.map((line) => line.tool)).toEqual(['list_users']);
    expect(audit[0]?.caller).toBe(`http:${tokenFingerprint(token)}@127.0.0.1`);
    expect(await readFile(auditLog, 'utf8')).not.toContain(token);
    // Closed properly: the hash chain verifies.
    expect((await verifyAuditLog(auditLog)).ok).toBe(true);
  });

  it('warns that a non-loopback --host is plain HTTP, and still exits 0 on SIGINT', async () => {
    const token = makeToken();
    const running = await startBin(
      ['--demo', '--http', '--host', '0.0.0.0', '--port', '0', '--audit-log', join(dir, 'audit-any.jsonl')],
      { M365_MCP_HTTP_TOKEN: token },
    );
    expect(running.stderr()).toMatch(
      /WARNING: listening on 0\.0\.0\.0, reachable from other machines, over plain HTTP/,
    );
    // Reached through the loopback interface: an address of this machine is an accepted Host.
    const loopback = new URL(`http://127.0.0.1:${running.url.port}/mcp`);
    const { client } = await connectClient(loopback, token);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
    running.child.kill('SIGINT');
    expect(await running.exit).toEqual({ code: 0, signal: null });
  });

  it('--http-no-auth on loopback serves without a token, loudly', async () => {
    const running = await startBin(
      ['--demo', '--http', '--http-no-auth', '--port', '0', '--audit-log', join(dir, 'audit-open.jsonl')],
      {},
    );
    expect(running.stderr()).toMatch(/WARNING: --http-no-auth: NO AUTHENTICATION/);
    const { client } = await connectClient(running.url, undefined);
    expect((await callTool(client, 'list_users', { limit: 1 })).isError).toBeFalsy();
    await client.close();
    running.child.kill('SIGTERM');
    expect(await running.exit).toEqual({ code: 0, signal: null });
    const audit = await readAudit(join(dir, 'audit-open.jsonl'));
    expect(audit[0]?.caller).toBe('http:no-auth@127.0.0.1');
  });
});
