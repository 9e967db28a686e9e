import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunStore } from '@m365-mcp/cis-bridge';
import { createDemoTenant, demoPeople, directoryPeople } from '@m365-mcp/graph-sim';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { complianceServer } from '../src/index.js';

const SAMPLES = '/work/shared/reference/sample-reports';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof startTestServer>[1] = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-db-'));
  server = await startTestServer(complianceServer, {
    ...options,
    config: { settings: { databasePath: join(dir, 'runs.db') }, ...options.config },
  });
  return server;
}

type Structured = Record<string, unknown> & {
  findings: { id: string; status: string; reason?: string; evidence: Record<string, unknown> }[];
};

function text(result: { content: unknown }): string {
  return (result.content as { text?: string }[]).map((c) => c.text ?? '').join('');
}

async function call(s: TestServer, name: string, args: Record<string, unknown> = {}) {
  const result = await s.client.callTool({ name, arguments: args });
  return result as {
    isError?: boolean;
    structuredContent: Structured;
    content: { type: string; text: string }[];
  };
}

describe('run_security_audit on the demo tenant', () => {
  it('finds the planted failures, counts add up, and reads each Graph resource once', async () => {
    const s = await start();
    const result = await call(s, 'run_security_audit', { limit: 200 });
    expect(result.isError).toBeFalsy();
    const { summary, findings } = result.structuredContent as unknown as Structured & {
      summary: { controls: number; byStatus: Record<string, number> };
    };
    const total = Object.values(summary.byStatus).reduce((a, b) => a + b, 0);
    expect(total).toBe(summary.controls);
    expect(findings.length).toBe(summary.controls);
    const status = (id: string) => findings.find((f) => f.id === id)?.status;
    for (const id of [
      'CIS.M365.5.1.2.2',
      'CIS.M365.5.1.2.3',
      'CIS.M365.5.1.5.2',
      'CIS.M365.5.1.6.3',
      'CIS.M365.5.2.2.3',
      'CIS.M365.5.2.3.5',
      'CIS.M365.1.3.4',
      'CIS.M365.1.3.5',
      'CIS.M365.5.3.4',
      'CIS.M365.5.3.2',
    ]) {
      expect(status(id), id).toBe('fail');
    }
    expect(status('CIS.M365.5.3.5')).toBe('pass');
    expect(status('CIS.M365.5.3.3')).toBe('pass');
    expect(status('CIS.M365.4.1')).toBe('manual');
    const text = result.content.map((c) => c.text).join('');
    expect(text.length).toBeLessThan(1500);
    const gets = s.sim.requests.all().filter((r) => r.side === 'graph' && r.method === 'GET');
    const paths = gets.map((r) => `${r.version} ${r.path}`);
    const counts = new Map<string, number>();
    for (const p of paths) counts.set(p, (counts.get(p) ?? 0) + 1);
    for (const [p, n] of counts) expect(n, p).toBe(1);
  });

  it('skips licence-gated controls on a tenant without Entra ID P2', async () => {
    const tenant = createDemoTenant();
    const { setEntraIdLicence } = await import('@m365-mcp/graph-sim');
    setEntraIdLicence(tenant.directory, 'P1');
    const s = await start({ tenant });
    const { findings } = (await call(s, 'run_security_audit', { limit: 200 })).structuredContent;
    for (const id of ['CIS.M365.5.3.1', 'CIS.M365.5.3.4', 'CIS.M365.5.2.2.6']) {
      expect(findings.find((f) => f.id === id)?.status, id).toBe('skipped');
    }
  });

  it('the fixed tenant passes the controls it failed', async () => {
    const tenant = createDemoTenant();
    const authz = tenant.directory.policies.authorizationPolicy as Record<string, unknown>;
    authz.allowInvitesFrom = 'adminsAndGuestInviters';
    (authz.defaultUserRolePermissions as Record<string, unknown>).allowedToCreateApps = false;
    tenant.compliance.formsSettings.isInOrgFormsPhishingScanEnabled = true;
    const s = await start({ tenant });
    const { findings } = (await call(s, 'run_security_audit', { ids: ['5.1.2.2', '5.1.6.3', '1.3.5'] }))
      .structuredContent;
    expect(findings.map((f) => f.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('a missing permission makes its controls skipped, naming the permission', async () => {
    const roles = complianceServer.permissions.permissions
      .filter((p) => p.access === 'read' && p.permission !== 'SharePointTenantSettings.Read.All')
      .map((p) => p.permission);
    const s = await start({ roles });
    const { findings } = (await call(s, 'run_security_audit', { sections: ['7'] }))
      .structuredContent as Structured & { findings: { reason?: string }[] };
    const statusOf = (f: unknown) => (f as { status: string }).status;
    const graphRead = findings.filter((f) => statusOf(f) === 'skipped');
    expect(graphRead.length).toBe(5);
    for (const f of graphRead) expect(f.reason).toContain('SharePointTenantSettings.Read.All');
    // The SharePoint admin API's controls need no Graph permission: still evaluated.
    expect(findings.filter((f) => ['pass', 'fail'].includes(statusOf(f)))).toHaveLength(8);
    expect(s.sim.requests.all().some((r) => r.path === '/admin/sharepoint/settings')).toBe(true);
  });
});

describe('drift', () => {
  it('reports exactly the settings that changed (resharing, seen through both SharePoint APIs)', async () => {
    const s = await start();
    await call(s, 'run_security_audit', { markAsBaseline: true });
    const authz = s.sim.tenant.directory.policies.authorizationPolicy as Record<string, unknown>;
    (authz.defaultUserRolePermissions as Record<string, unknown>).allowedToCreateApps = false;
    (s.sim.tenant.sharepoint.settings as Record<string, unknown>).isResharingByExternalUsersEnabled = false;
    await call(s, 'run_security_audit', {});
    const drift = (await call(s, 'detect_compliance_drift', {})).structuredContent as unknown as {
      settingChanges: { resource: string; path: string }[];
      statusChanges: { controlId: string }[];
    };
    expect(drift.settingChanges.map((c) => `${c.resource}:${c.path}`).sort()).toEqual([
      'authorizationPolicy:defaultUserRolePermissions.allowedToCreateApps',
      'sharePointTenant:PreventExternalUsersFromResharing',
      'sharepointSettings:isResharingByExternalUsersEnabled',
    ]);
    expect(drift.statusChanges.map((c) => c.controlId).sort()).toEqual([
      'CIS.M365.5.1.2.2',
      'CIS.M365.7.2.5',
    ]);
  });
});

describe('import_audit_report', () => {
  // Each with its own run database: a malformed import must leave it empty.
  const withSamples = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compliance-import-'));
    return start({ config: { settings: { databasePath: join(dir, 'runs.db'), importsDirectory: SAMPLES } } });
  };

  it('reads only inside the imports directory, and never echoes a file it cannot read as a report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compliance-imports-'));
    const imports = join(dir, 'imports');
    await mkdir(imports);
    await writeFile(join(imports, 'not-a-report.json'), 'root:x:0:0:root:/root:/bin/bash\n');
    await symlink('/etc/hostname', join(imports, 'escape.json'));
    const s = await start({
      config: { settings: { databasePath: join(dir, 'runs.db'), importsDirectory: imports } },
    });
    for (const path of ['/etc/passwd', '../runs.db', 'escape.json']) {
      const refused = await call(s, 'import_audit_report', { path });
      expect(refused.isError, path).toBe(true);
      expect(text(refused)).toMatch(/^Refused: .* is outside the imports directory/);
    }
    const garbage = await call(s, 'import_audit_report', { path: 'not-a-report.json', format: 'maester' });
    expect(garbage.isError).toBe(true);
    expect(text(garbage)).toMatch(/not JSON/);
    expect(text(garbage)).not.toMatch(/root:x/);
  });

  it.each([
    ['share-report/m365_cis_audit_20251110_225235.json', { pass: 7, fail: 6, manual: 2 }],
    ['maester/test-results.json', { pass: 120, fail: 138, skipped: 25 }],
    ['scubagear/ScubaResults_fa5589b7-d528-4f80.json', { pass: 57, fail: 14, warning: 12, manual: 9 }],
  ])('imports %s with the right counts', async (file, expected) => {
    const s = await withSamples();
    const result = await call(s, 'import_audit_report', { path: join(SAMPLES, file) });
    expect(result.isError).toBeFalsy();
    const byStatus = (
      result.structuredContent as unknown as { summary: { byStatus: Record<string, number> } }
    ).summary.byStatus;
    for (const [k, v] of Object.entries(expected)) expect(byStatus[k], k).toBe(v);
  });

  it('refuses a malformed file and stores nothing', async () => {
    const s = await withSamples();
    const result = await call(s, 'import_audit_report', { path: 'monkey365/export-json.md' });
    expect(result.isError).toBe(true);
    const status = await call(s, 'get_compliance_status', {});
    expect(status.isError).toBe(true);
  });
});

describe('remediate_control', () => {
  it('is absent without writes; plans then applies an allow-listed fix', async () => {
    const ro = await start();
    const tools = await ro.client.listTools();
    expect(tools.tools.map((t) => t.name)).not.toContain('remediate_control');
    await ro.close();
    server = undefined;
    const s = await start({ allowWrites: true });
    s.client.setRequestHandler(ElicitRequestSchema, async () => ({
      action: 'accept',
      content: { confirm: true },
    }));
    const plan = await s.client.callTool({
      name: 'remediate_control',
      arguments: { controlId: 'CIS.M365.5.1.2.2' },
    });
    const planId = (plan.structuredContent as { planId: string }).planId;
    expect(planId).toBeTruthy();
    const applied = await s.client.callTool({
      name: 'remediate_control',
      arguments: { controlId: 'CIS.M365.5.1.2.2', planId },
    });
    expect(applied.isError).toBeFalsy();
    const authz = s.sim.tenant.directory.policies.authorizationPolicy as unknown as {
      defaultUserRolePermissions: Record<string, unknown>;
    };
    expect(authz.defaultUserRolePermissions.allowedToCreateApps).toBe(false);
    const refused = await s.client.callTool({
      name: 'remediate_control',
      arguments: { controlId: 'CIS.M365.5.2.2.3' },
    });
    expect(refused.isError).toBe(true);
    const audit = await readFile(s.auditLogPath, 'utf8');
    expect(audit).toContain(planId);
  });
});

describe('assess_compliance_posture and retention', () => {
  it('states its status rule and reuses a fresh run', async () => {
    const s = await start();
    const first = (await call(s, 'assess_compliance_posture')).structuredContent as Record<string, unknown>;
    expect(first.status).toBe('critical');
    expect(String(first.statusRule)).toContain('critical');
    const second = (await call(s, 'assess_compliance_posture')).structuredContent as Record<string, unknown>;
    expect(second.reusedRun).toBe(true);
    const retention = (await call(s, 'check_retention_policies')).structuredContent as Record<
      string,
      unknown[]
    >;
    expect(retention.retentionEvents?.length).toBe(1);
  });

  it('charts the pass rate of the stored whole-catalogue runs, one point a day', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compliance-db-'));
    const databasePath = join(dir, 'runs.db');
    const s = await start({ config: { settings: { databasePath } } });
    const today = (await call(s, 'assess_compliance_posture')).structuredContent as unknown as {
      runId: string;
    };
    // Two earlier days: one where every evaluated control passed, one filtered run (not comparable).
    const store = new RunStore(databasePath);
    let todayDate = '';
    try {
      const run = store.get(today.runId);
      if (!run) throw new Error('the run was not stored');
      todayDate = run.startedAt.slice(0, 10);
      const allPass = structuredClone(run);
      allPass.id = 'earlier-all-pass';
      allPass.startedAt = '2026-11-01T08:00:00Z';
      for (const r of allPass.results) if (r.finding.status === 'fail') r.finding.status = 'pass';
      store.save(allPass);
      const filtered = { ...structuredClone(run), id: 'earlier-filtered', startedAt: '2026-11-02T08:00:00Z' };
      filtered.results = filtered.results.slice(0, 5);
      store.save(filtered);
    } finally {
      store.close();
    }
    const again = (await call(s, 'assess_compliance_posture')).structuredContent as unknown as {
      trends: { name: string; unit: string; max: number; points: { date: string; value: number }[] }[];
    };
    const [trend] = again.trends;
    expect(trend).toMatchObject({ name: 'CIS controls passing', unit: '%', max: 100 });
    expect(trend?.points.map((p) => p.date)).toEqual(['2026-11-01', todayDate]);
    expect(trend?.points[0]?.value).toBe(100);
    expect(trend?.points[1]?.value).toBeLessThan(50);
  });
});

describe('break-glass accounts in demo runs', () => {
  async function mfaForAllUsers(config: NonNullable<Parameters<typeof startTestServer>[1]>['config']) {
    const tenant = createDemoTenant();
    const ca002 = tenant.directory.conditionalAccessPolicies.find((p) =>
      String(p.displayName).startsWith('CA002'),
    );
    if (ca002) ca002.state = 'enabled';
    const s = await start({ tenant, ...(config ? { config } : {}) });
    const { findings } = (await call(s, 'run_security_audit', { ids: ['5.2.2.2', '1.1.2'] }))
      .structuredContent;
    await s.close();
    server = undefined;
    return Object.fromEntries(findings.map((f) => [f.id, f]));
  }

  it('are the demo tenant’s two accounts when none are configured, so exclusions of them are approved', async () => {
    const demo = await mfaForAllUsers(undefined);
    expect(demo['CIS.M365.5.2.2.2']?.status).toBe('pass');
    expect(demo['CIS.M365.1.1.2']).toMatchObject({ status: 'pass', evidence: { healthyAccounts: 2 } });
  });

  it('may be configured by UPN, in any case: exclusions of those users are approved', async () => {
    const byUpn = await mfaForAllUsers({
      breakGlassAccounts: [
        demoPeople.breakglass.userPrincipalName.toUpperCase(),
        directoryPeople.breakglass2.userPrincipalName,
      ],
    });
    expect(byUpn['CIS.M365.5.2.2.2']?.status).toBe('pass');
    expect(byUpn['CIS.M365.1.1.2']).toMatchObject({ status: 'pass', evidence: { healthyAccounts: 2 } });
  });

  it('are not assumed outside demo mode, nor when the operator configures some', async () => {
    const live = await mfaForAllUsers({ demo: false });
    expect(live['CIS.M365.5.2.2.2']?.status).toBe('fail');
    expect(live['CIS.M365.1.1.2']?.status).toBe('manual');
    const configured = await mfaForAllUsers({ breakGlassAccounts: [demoPeople.breakglass.id] });
    expect(configured['CIS.M365.5.2.2.2']?.status).toBe('fail');
    expect(configured['CIS.M365.1.1.2']).toMatchObject({ status: 'fail', evidence: { healthyAccounts: 1 } });
  });
});
