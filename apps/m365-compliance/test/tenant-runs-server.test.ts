import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { permissionsFor, type TenantRegistry } from '@m365-mcp/auth';
import { type GraphSim, generateTenant, startGraphSim } from '@m365-mcp/graph-sim';
import { simulatorUrls } from '@m365-mcp/mcp-kit/demo';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceServer } from '../src/index.js';
import { compliancePermissions } from '../src/permissions.js';

// One compliance server, one run store, two tenants (a tenants registry), through a real MCP
// client: each call sees its own tenant's runs only: its latest, its baseline, its runs by id.

const SECRET_VARIABLE = 'TENANT_RUNS_TEST_SECRET';

interface Answer {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent: Record<string, unknown> & { run?: { runId: string; tenantId?: string } };
}

let sim: GraphSim;
let server: TestServer;
let fabrikamId: string;

beforeAll(async () => {
  const fabrikam = generateTenant({ seed: 3, name: 'fabrikam' });
  fabrikamId = fabrikam.id;
  sim = await startGraphSim({ tenants: [fabrikam] });
  const roles = permissionsFor(compliancePermissions, { writes: false }).map((p) => p.permission);
  const app = sim.registerApp({ displayName: 'msp compliance', roles });
  sim.consent(fabrikam.id, app.clientId);
  const registry: TenantRegistry = {
    source: 'tenant-runs-server.test.json',
    signIn: { clientId: app.clientId, secretEnv: SECRET_VARIABLE },
    tenants: [
      { name: 'contoso', tenantId: sim.tenantId, displayName: 'Contoso Ltd' },
      { name: 'fabrikam', tenantId: fabrikam.id },
    ],
  };
  const dir = await mkdtemp(join(tmpdir(), 'compliance-tenant-runs-'));
  server = await startTestServer(complianceServer, {
    sim,
    tenants: { registry, env: { ...simulatorUrls(sim), [SECRET_VARIABLE]: app.secret ?? '' } },
    config: { settings: { databasePath: join(dir, 'runs.db') } },
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await sim?.close();
});

async function call(name: string, args: Record<string, unknown>): Promise<Answer> {
  return (await server.client.callTool({ name, arguments: args })) as unknown as Answer;
}

async function audit(tenant: string, extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await call('run_security_audit', { tenant, limit: 1, ...extra });
  expect(answer.isError, answer.content[0]?.text).toBeFalsy();
  return answer.structuredContent.run?.runId as string;
}

describe('stored runs with a tenants registry', () => {
  it("status, drift and reports read the call's tenant's runs only", async () => {
    const contoso = await audit('contoso', { markAsBaseline: true });
    const fabrikam1 = await audit('fabrikam');
    const fabrikam2 = await audit('fabrikam');

    const status = await call('get_compliance_status', { tenant: 'contoso', limit: 1 });
    expect(status.structuredContent.run).toMatchObject({ runId: contoso, tenantId: sim.tenantId });
    const theirs = await call('get_compliance_status', { tenant: 'fabrikam', limit: 1 });
    expect(theirs.structuredContent.run).toMatchObject({ runId: fabrikam2, tenantId: fabrikamId });

    // Another tenant's run is not found by id.
    const foreign = await call('get_compliance_status', { tenant: 'contoso', runId: fabrikam1 });
    expect(foreign.isError).toBe(true);
    expect(foreign.content[0]?.text).toContain(`No stored run ${fabrikam1}`);
    const report = await call('generate_compliance_report', {
      tenant: 'fabrikam',
      runId: contoso,
      format: 'json',
    });
    expect(report.isError).toBe(true);

    // Fabrikam's drift: its own two runs, not contoso's marked baseline.
    const drift = await call('detect_compliance_drift', { tenant: 'fabrikam', includeAuditLogs: false });
    expect(drift.isError, drift.content[0]?.text).toBeFalsy();
    expect(drift.structuredContent).toMatchObject({ baselineRunId: fabrikam1, currentRunId: fabrikam2 });
    // Contoso's baseline is its latest run: nothing to compare yet.
    const none = await call('detect_compliance_drift', { tenant: 'contoso', includeAuditLogs: false });
    expect(none.isError).toBe(true);
    expect(none.content[0]?.text).toContain('The baseline and the current run are the same run');
  }, 240_000);
});
