// One server, many tenants (a tenants registry): through a real MCP client against one graph-sim
// hosting Contoso and a generated tenant, with one multi-tenant app consented in both.
import type { TenantRegistry } from '@m365-mcp/auth';
import { type GraphSim, generateTenant, startGraphSim, type Tenant } from '@m365-mcp/graph-sim';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { simulatorUrls } from '../src/cli/demo-tenant.js';
import { callTool, startTestServer, type TestServer } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { sampleServer } from './sample-server.js';

const SECRET_VARIABLE = 'MSP_APP_SECRET';

let sim: GraphSim;
let fabrikam: Tenant;
let clientId: string;
let registry: TenantRegistry;
let env: Record<string, string>;
let t: TestServer | undefined;

beforeAll(async () => {
  fabrikam = generateTenant({ seed: 7, name: 'fabrikam' });
  sim = await startGraphSim({ tenants: [fabrikam] });
  const app = sim.registerApp({
    displayName: 'MSP app (multi-tenant)',
    roles: ['User.Read.All', 'User.ReadWrite.All'],
  });
  clientId = app.clientId;
  sim.consent(fabrikam.id, clientId);
  registry = {
    source: 'tenants.test.json',
    signIn: { clientId, secretEnv: SECRET_VARIABLE },
    tenants: [
      { name: 'contoso', tenantId: sim.tenantId, displayName: 'Contoso Ltd' },
      { name: 'fabrikam', tenantId: fabrikam.id },
    ],
  };
  env = { ...simulatorUrls(sim), [SECRET_VARIABLE]: app.secret ?? '' };
});
afterAll(() => sim.close());
beforeEach(() => sim.requests.clear());
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(options: { allowWrites?: boolean; maxRequestsInFlight?: number } = {}) {
  t = await startTestServer(sampleServer, {
    sim,
    tenants: { registry, env },
    allowWrites: options.allowWrites ?? false,
    config: { outputSchemas: true },
    ...(options.maxRequestsInFlight === undefined
      ? {}
      : { maxRequestsInFlight: options.maxRequestsInFlight }),
  });
  return t;
}

function upnsOf(tenant: Tenant): string[] {
  return tenant.directory.users.map((u) => u.userPrincipalName).sort();
}

describe('a server with a tenants registry', () => {
  it('lists a required tenant on every tool, and list_tenants to find the names', async () => {
    const server = await start({ allowWrites: true });
    const { tools } = await server.client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain('list_tenants');
    expect(names).toContain('disable_user');
    for (const tool of tools.filter((candidate) => candidate.name !== 'list_tenants')) {
      expect(tool.inputSchema.required, tool.name).toContain('tenant');
      expect(Object.keys(tool.inputSchema.properties ?? {})[0], tool.name).toBe('tenant');
    }
    const listTenants = tools.find((tool) => tool.name === 'list_tenants');
    expect(listTenants?.inputSchema.required ?? []).not.toContain('tenant');

    const listed = await callTool(server.client, 'list_tenants');
    expect(listed.isError).toBeFalsy();
    expect(listed.structured).toEqual({
      total: 2,
      tenants: [
        { name: 'contoso', displayName: 'Contoso Ltd', tenantId: sim.tenantId },
        { name: 'fabrikam', displayName: 'fabrikam', tenantId: fabrikam.id },
      ],
    });
    expect(listed.text).toContain('fabrikam: fabrikam');
  });

  it("answers each tenant's own data for its name or its id", async () => {
    const server = await start();
    const contoso = await callTool(server.client, 'list_users', { tenant: 'contoso', limit: 100 });
    const other = await callTool(server.client, 'list_users', { tenant: fabrikam.id, limit: 100 });
    expect(contoso.isError).toBeFalsy();
    expect(other.isError).toBeFalsy();
    const upns = (answer: typeof contoso) =>
      (answer.structured.users as { userPrincipalName: string }[]).map((u) => u.userPrincipalName).sort();
    expect(contoso.structured.total).toBe(sim.tenant.directory.users.length);
    expect(other.structured.total).toBe(fabrikam.directory.users.length);
    expect(upns(contoso).every((upn) => upnsOf(sim.tenant).includes(upn))).toBe(true);
    expect(upns(other).every((upn) => upnsOf(fabrikam).includes(upn))).toBe(true);
    expect(upns(other).some((upn) => upnsOf(sim.tenant).includes(upn))).toBe(false);
    // Each tenant's token came from its own tenant.
    const tenantsAsked = new Set(
      sim.requests
        .all()
        .filter((entry) => entry.path === '/users')
        .map((entry) => entry.tenantId),
    );
    expect(tenantsAsked).toEqual(new Set([sim.tenantId, fabrikam.id]));
  });

  it('refuses a missing or unknown tenant with the valid names, and audits the refusal', async () => {
    const server = await start();
    const unknown = await callTool(server.client, 'list_users', { tenant: 'northwind' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toMatch(/No tenant "northwind" in the registry/);
    expect(unknown.text).toContain('contoso, fabrikam');
    const missing = await callTool(server.client, 'list_users', {});
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/"tenant" is missing.*list_tenants/);
    const wrongType = await callTool(server.client, 'list_users', { tenant: 42 });
    expect(wrongType.text).toMatch(/"tenant" must be a string, not number/);
    const audit = await readAudit(server.auditLogPath);
    expect(audit.map((line) => line.outcome)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(audit[0]?.arguments).toEqual({ tenant: 'northwind' });
    // Nothing reached Graph (nor Entra) for a refused tenant.
    expect(sim.requests.all()).toHaveLength(0);
  });

  it('records the tenant (name and id) on the audit line of every call made with one', async () => {
    const server = await start();
    await callTool(server.client, 'list_users', { tenant: 'FABRIKAM', limit: 1 });
    await callTool(server.client, 'list_alerts', { tenant: 'contoso' });
    const [read, refused] = await readAudit(server.auditLogPath);
    expect(read?.outcome).toBe('ok');
    expect(read?.arguments).toEqual({ tenant: 'FABRIKAM', limit: 1 });
    expect(read?.detail).toEqual({ tenant: { name: 'fabrikam', tenantId: fabrikam.id } });
    expect(read?.requestIds.length).toBeGreaterThan(0);
    // A failed call keeps its own detail beside the tenant.
    expect(refused?.outcome).toBe('error');
    expect(refused?.detail).toMatchObject({
      tenant: { name: 'contoso', tenantId: sim.tenantId },
      kind: 'graph',
      status: 403,
    });
  });

  it('applies a plan only to the tenant it was made for', async () => {
    const server = await start({ allowWrites: true });
    const prompts: string[] = [];
    server.client.setRequestHandler(ElicitRequestSchema, async (request) => {
      prompts.push(request.params.message);
      return { action: 'accept', content: { confirm: true } };
    });
    const victim = fabrikam.directory.users.find((u) => u.accountEnabled && u.userType === 'Member');
    if (victim === undefined) throw new Error('the generated tenant has no enabled member');
    const planned = await callTool(server.client, 'disable_user', { tenant: 'fabrikam', userId: victim.id });
    expect(planned.structured.status).toBe('planned');
    expect(planned.text).toMatch(/call disable_user with planId "plan_[^"]+" and tenant "fabrikam"/);
    const planId = planned.structured.planId as string;

    const elsewhere = await callTool(server.client, 'disable_user', { tenant: 'contoso', planId });
    expect(elsewhere.isError).toBe(true);
    expect(elsewhere.text).toContain(`was made for tenant "fabrikam" (${fabrikam.id})`);
    expect(elsewhere.text).toContain(`this call names tenant "contoso" (${sim.tenantId})`);
    expect(sim.requests.all().filter((entry) => entry.method === 'PATCH')).toHaveLength(0);

    // The plan is still there for its own tenant.
    const applied = await callTool(server.client, 'disable_user', { tenant: 'fabrikam', planId });
    expect(applied.structured.status).toBe('applied');
    // The person confirming is told which tenant changes.
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain(`tenant "fabrikam" (fabrikam, ${fabrikam.id})`);
    const patches = sim.requests.all().filter((entry) => entry.method === 'PATCH');
    expect(patches.map((entry) => entry.tenantId)).toEqual([fabrikam.id]);
    const audit = await readAudit(server.auditLogPath);
    expect(
      audit.map((line) => [line.outcome, (line.detail as { tenant?: { name: string } }).tenant?.name]),
    ).toEqual([
      ['planned', 'fabrikam'],
      ['invalid', 'contoso'],
      ['applied', 'fabrikam'],
    ]);
  });

  it("keeps a tenant throttled hard to itself: the other tenant's calls complete meanwhile", async () => {
    // A budget of 2 requests in flight for the app as a whole: the throttled tenant's waiting
    // request must not hold a slot the other tenant needs.
    const server = await start({ maxRequestsInFlight: 2 });
    const hard = sim.throttlingOf(fabrikam.id);
    hard.setMode('faithful');
    hard.configure('directory', { capacity: 1, refillPerSecond: 0.001, retryAfterSeconds: 60 });
    try {
      // Fabrikam's first directory request spends its one unit.
      await callTool(server.client, 'list_users', { tenant: 'fabrikam', limit: 1 });
      const cancel = new AbortController();
      let settled = false;
      const throttled = callTool(
        server.client,
        'list_users',
        { tenant: 'fabrikam', limit: 1 },
        { signal: cancel.signal },
      )
        .finally(() => {
          settled = true;
        })
        .catch((error: unknown) => error);
      // Wait for the event: the simulator has told fabrikam to come back in a minute.
      await vi.waitFor(() => {
        expect(sim.requests.all().some((entry) => entry.tenantId === fabrikam.id && entry.throttled)).toBe(
          true,
        );
      });
      const answers = await Promise.all(
        Array.from({ length: 3 }, () =>
          callTool(server.client, 'list_users', { tenant: 'contoso', limit: 1 }),
        ),
      );
      expect(answers.every((answer) => !answer.isError)).toBe(true);
      expect(settled).toBe(false);
      expect(server.connections?.budget.inFlight).toBe(0);
      cancel.abort(new Error('the test is done waiting'));
      await throttled;
    } finally {
      hard.reset();
      hard.setMode('off');
    }
  });

  it('fails the calls of a tenant whose consent was revoked, clearly, and only those', async () => {
    const server = await start();
    sim.revokeConsent(fabrikam.id, clientId);
    try {
      const revoked = await callTool(server.client, 'list_users', { tenant: 'fabrikam', limit: 1 });
      expect(revoked.isError).toBe(true);
      expect(revoked.text).toContain(
        `Tenant "fabrikam" (${fabrikam.id}): Signing in to Microsoft Entra ID failed.`,
      );
      expect(revoked.text).toContain('AADSTS700016');
      expect(revoked.text).toMatch(/admin consent in this tenant was revoked/);
      expect(revoked.text).not.toContain(env[SECRET_VARIABLE]);
      const fine = await callTool(server.client, 'list_users', { tenant: 'contoso', limit: 1 });
      expect(fine.isError).toBeFalsy();
      const audit = await readAudit(server.auditLogPath);
      expect(
        audit.map((line) => [line.outcome, (line.detail as { tenant: { name: string } }).tenant.name]),
      ).toEqual([
        ['error', 'fabrikam'],
        ['ok', 'contoso'],
      ]);
    } finally {
      sim.consent(fabrikam.id, clientId);
    }
  });
});

describe('a tenant whose sign-in cannot be built', () => {
  it('fails its calls with what to set, and works once it is set (the failure is not kept)', async () => {
    const unset: Record<string, string> = { ...env };
    delete unset[SECRET_VARIABLE];
    t = await startTestServer(sampleServer, { sim, tenants: { registry, env: unset } });
    const failed = await callTool(t.client, 'list_users', { tenant: 'contoso', limit: 1 });
    expect(failed.isError).toBe(true);
    expect(failed.text).toContain(
      `Tenant "contoso" (${sim.tenantId}): The server is not configured correctly`,
    );
    expect(failed.text).toContain(`${SECRET_VARIABLE} is not set`);
    unset[SECRET_VARIABLE] = env[SECRET_VARIABLE] ?? '';
    const fixed = await callTool(t.client, 'list_users', { tenant: 'contoso', limit: 1 });
    expect(fixed.isError).toBeFalsy();
    const audit = await readAudit(t.auditLogPath);
    expect(audit.map((line) => [line.outcome, (line.detail as { kind?: string }).kind])).toEqual([
      ['error', 'configuration'],
      ['ok', undefined],
    ]);
  });
});

describe('a server without a tenants registry', () => {
  it('has no tenant argument and no list_tenants', async () => {
    t = await startTestServer(sampleServer, { sim, allowWrites: true });
    const { tools } = await t.client.listTools();
    expect(tools.map((tool) => tool.name)).not.toContain('list_tenants');
    for (const tool of tools) expect(Object.keys(tool.inputSchema.properties ?? {})).not.toContain('tenant');
    const answer = await callTool(t.client, 'list_users', { limit: 1 });
    expect(answer.isError).toBeFalsy();
    const [line] = await readAudit(t.auditLogPath);
    expect(line?.detail).toBeUndefined();
    // Naming a tenant to a one-tenant server is refused rather than answered with its one tenant.
    sim.requests.clear();
    const named = await callTool(t.client, 'list_users', { tenant: 'fabrikam', limit: 1 });
    expect(named.isError).toBe(true);
    expect(named.text).toMatch(/"tenant" is not an argument of this server, which serves one tenant/);
    expect(sim.requests.all()).toHaveLength(0);
  });
});
