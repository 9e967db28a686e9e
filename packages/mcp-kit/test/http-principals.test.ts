// One token per client: each token's fingerprint is a principal, and write plans are bound to the
// principal that made them. There are no sessions (every request is authenticated on its own), so
// a plan is what a principal owns. Through real MCP clients over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { tokenFingerprint } from '../src/http/index.js';
import { writeResultSchema } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { type SampleHttp, startSampleHttp } from './http-harness.js';

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

describe('HTTP write plans bound to the token that made them', () => {
  it('another token cannot apply a plan: answered as an unknown plan id, and nothing changes', async () => {
    const server = await start({ allowWrites: true, tokenCount: 2 });
    const [alice, mallory] = server.tokens as [string, string];
    const a = await server.connect({ token: alice, capabilities: {} });
    const user = enabledMember(server);
    const plan = writeResultSchema.parse(
      (await callTool(a.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    expect(plan.status).toBe('planned');

    const m = await server.connect({ token: mallory, capabilities: {} });
    const stolen = await callTool(m.client, 'disable_user', { planId: plan.planId });
    const madeUp = await callTool(m.client, 'disable_user', { planId: 'plan_made-up' });
    expect(stolen.isError).toBe(true);
    expect(stolen.text).toMatch(/was not issued by this server/);
    expect(stolen.text.replace(plan.planId ?? '', 'ID')).toBe(madeUp.text.replace('plan_made-up', 'ID'));
    expect(user.accountEnabled).toBe(true);

    // The owner still applies it, from another connection: the plan is the principal's.
    const again = await server.connect({ token: alice, capabilities: {} });
    const applied = await callTool(again.client, 'disable_user', { planId: plan.planId });
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(user.accountEnabled).toBe(false);

    // Each audit line names its caller by fingerprint, never by token.
    const callers = (await readAudit(server.auditLogPath)).map((line) => line.caller);
    expect(callers).toEqual([
      `http:${tokenFingerprint(alice)}@127.0.0.1`,
      `http:${tokenFingerprint(mallory)}@127.0.0.1`,
      `http:${tokenFingerprint(mallory)}@127.0.0.1`,
      `http:${tokenFingerprint(alice)}@127.0.0.1`,
    ]);
    const logs = server.logs.join('');
    for (const token of server.tokens) expect(logs).not.toContain(token);
  });

  it('with a single token, as before: every client holding it is the same principal', async () => {
    const server = await start({ allowWrites: true });
    const first = await server.connect({ capabilities: {} });
    const user = enabledMember(server);
    const plan = writeResultSchema.parse(
      (await callTool(first.client, 'disable_user', { userId: user.id })).structuredContent,
    );
    const second = await server.connect({ capabilities: {} });
    const applied = await callTool(second.client, 'disable_user', { planId: plan.planId });
    expect(writeResultSchema.parse(applied.structuredContent).status).toBe('applied');
    expect(server.logs.join('')).not.toContain('refused a request');
  });
});
