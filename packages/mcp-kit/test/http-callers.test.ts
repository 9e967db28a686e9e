// What the HTTP layer does with the authenticator's answer (the seam in http-authenticator.ts):
// refusals keep their status and challenge, public documents are served without a token, the
// caller's identity reaches the audit line, only a writer applies a plan (the write gate's check,
// with the caller the HTTP layer handed the SDK), and a caller with an
// assertion gets the delegated (on-behalf-of) connection. Through real MCP clients over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpAuthenticator } from '../src/http/http-authenticator.js';
import type { CallerRole, HttpCaller } from '../src/http/principal.js';
import { writeResultSchema } from '../src/index.js';
import type { DelegatedConnectionSource } from '../src/server/server-runtime.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { connectClient, postHeaders, rawRequest, type SampleHttp, startSampleHttp } from './http-harness.js';

let t: SampleHttp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const tenantId = '11111111-1111-1111-1111-111111111111';

/** Entra-like callers by token: `reader-token`, `writer-token`, `obo-token` (with an assertion). */
function rolesAuthenticator(): HttpAuthenticator {
  const caller = (name: string, roles: CallerRole[], assertion?: string): HttpCaller => ({
    principal: `entra:${tenantId}/${name}`,
    auditName: `entra:${name}@contoso.example`,
    identity: { kind: 'user', tenantId, objectId: name, userPrincipalName: `${name}@contoso.example` },
    roles,
    ...(assertion === undefined ? {} : { assertion }),
  });
  const callers = new Map<string, HttpCaller>([
    ['Bearer reader-token', caller('reader', ['reader'])],
    ['Bearer writer-token', caller('writer', ['reader', 'writer'])],
    ['Bearer obo-token', caller('obo', ['reader'], 'obo-token')],
  ]);
  return {
    kind: 'entra',
    async authenticate(authorization) {
      const found = authorization === undefined ? undefined : callers.get(authorization);
      if (found) return { kind: 'ok', caller: found };
      if (authorization === 'Bearer scopeless-token') {
        return {
          kind: 'refused',
          status: 403,
          wwwAuthenticate: 'Bearer error="insufficient_scope", scope="api://sample/.default"',
          reason: 'no scope',
        };
      }
      return {
        kind: 'refused',
        status: 401,
        wwwAuthenticate:
          'Bearer resource_metadata="http://127.0.0.1/.well-known/oauth-protected-resource/mcp"',
        reason: 'bad token',
      };
    },
    documents(mcpUrl) {
      return new Map([
        ['/.well-known/oauth-protected-resource/mcp', { resource: mcpUrl.href, authorization_servers: [] }],
      ]);
    },
  };
}

function enabledMember(server: SampleHttp) {
  const user = server.sim.tenant.directory.users.find((u) => u.accountEnabled && u.userType === 'Member');
  if (!user) throw new Error('the demo tenant has no enabled member');
  return user;
}

describe('the HTTP layer and its authenticator', () => {
  it("answers a refusal with the authenticator's status and WWW-Authenticate", async () => {
    t = await startSampleHttp({ authenticator: rolesAuthenticator() });
    const list = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const missing = await rawRequest(t.url, { headers: postHeaders(undefined), body: list });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/resource_metadata=/);
    const scopeless = await rawRequest(t.url, { headers: postHeaders('scopeless-token'), body: list });
    expect(scopeless.status).toBe(403);
    expect(scopeless.headers['www-authenticate']).toMatch(/insufficient_scope/);
    expect(t.logs.join('')).toMatch(/refused a request from 127\.0\.0\.1: no scope/);
  });

  it('serves its documents on GET without a token; the Host check still applies', async () => {
    t = await startSampleHttp({ authenticator: rolesAuthenticator() });
    const path = '/.well-known/oauth-protected-resource/mcp';
    const document = await rawRequest(t.url, { method: 'GET', path });
    expect(document.status).toBe(200);
    expect(document.headers['content-type']).toBe('application/json');
    expect(JSON.parse(document.body)).toEqual({ resource: t.url.href, authorization_servers: [] });
    const foreign = await rawRequest(t.url, { method: 'GET', path, headers: { Host: 'evil.example' } });
    expect(foreign.status).toBe(403);
  });

  it('names the caller and its identity in the audit line', async () => {
    t = await startSampleHttp({ authenticator: rolesAuthenticator() });
    const { client } = await connectClient(t.url, 'reader-token');
    expect((await callTool(client, 'list_users', { limit: 1 })).isError).toBeFalsy();
    const [line] = await readAudit(t.auditLogPath);
    expect(line?.caller).toBe('entra:reader@contoso.example@127.0.0.1');
    expect(line?.detail).toMatchObject({
      identity: { kind: 'user', tenantId, objectId: 'reader', userPrincipalName: 'reader@contoso.example' },
    });
    await client.close();
  });

  it('lets a reader make a plan but only a writer apply it; the refusal is audited and sends nothing', async () => {
    t = await startSampleHttp({ allowWrites: true, authenticator: rolesAuthenticator() });
    const user = enabledMember(t);
    const reader = await connectClient(t.url, 'reader-token', {});
    const plan = writeResultSchema.parse(
      (await callTool(reader.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    expect(plan.status).toBe('planned');
    const refused = await callTool(reader.client, 'disable_user', { planId: plan.planId });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/you lack the write role/);
    expect(user.accountEnabled).toBe(true);
    const lines = await readAudit(t.auditLogPath);
    expect(lines.map((line) => line.outcome)).toEqual(['planned', 'refused']);
    expect(lines[1]?.detail).toMatchObject({ planId: plan.planId, why: 'the caller lacks the write role' });

    // A writer applies its own plan.
    const writer = await connectClient(t.url, 'writer-token', {});
    const own = writeResultSchema.parse(
      (await callTool(writer.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    const applied = await callTool(writer.client, 'disable_user', { planId: own.planId });
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(user.accountEnabled).toBe(false);
    await reader.client.close();
    await writer.client.close();
  });

  it("gives a caller with an assertion the delegated connection, and others the app's", async () => {
    const asked: { principal: string; assertion: string | undefined }[] = [];
    let server: SampleHttp | undefined;
    const delegated: DelegatedConnectionSource = {
      async connection(caller) {
        asked.push({ principal: caller.principal, assertion: caller.assertion });
        // The same real Graph client over HTTPS: what matters here is who is asked for it.
        if (!server) throw new Error('not started');
        return { graph: server.graph, admin: undefined };
      },
    };
    server = await startSampleHttp({ authenticator: rolesAuthenticator(), delegated });
    t = server;
    const obo = await connectClient(server.url, 'obo-token');
    expect((await callTool(obo.client, 'list_users', { limit: 1 })).isError).toBeFalsy();
    const app = await connectClient(server.url, 'reader-token');
    expect((await callTool(app.client, 'list_users', { limit: 1 })).isError).toBeFalsy();
    expect(asked).toEqual([{ principal: `entra:${tenantId}/obo`, assertion: 'obo-token' }]);
    // The assertion is a secret: never in the audit log.
    const audit = JSON.stringify(await readAudit(server.auditLogPath));
    expect(audit).not.toContain('obo-token');
    await obo.client.close();
    await app.client.close();
  });
});
