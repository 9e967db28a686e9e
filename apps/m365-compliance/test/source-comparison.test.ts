import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { complianceServer } from '../src/index.js';

// An imported Maester or ScubaGear report beside this server's run of the same tenant, through a
// real MCP client: import_audit_report and get_compliance_status show where the two disagree.

const SAMPLES = '/work/shared/reference/sample-reports';

interface Comparison {
  importedRunId: string;
  importedSource: string;
  evaluatedRunId: string;
  paired: number;
  agree: number;
  disagree: number;
  notCompared: number;
  disagreements: { id: string; theirId: string; via: string; ours: string; theirs: string }[];
  cisVersions?: { theirs: string; ours: string };
}
interface Answer {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent: {
    run: { runId: string; source: string; tenantId?: string };
    findings?: { id: string; status: string }[];
    comparison?: Comparison;
    comparisons?: Comparison[];
  };
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<{ s: TestServer; imports: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-compare-'));
  const imports = join(dir, 'imports');
  await mkdir(imports);
  server = await startTestServer(complianceServer, {
    config: { settings: { databasePath: join(dir, 'runs.db'), importsDirectory: imports } },
  });
  return { s: server, imports };
}

async function call(s: TestServer, name: string, args: Record<string, unknown> = {}): Promise<Answer> {
  return (await s.client.callTool({ name, arguments: args })) as unknown as Answer;
}

const text = (a: Answer) => a.content.map((c) => c.text).join('');

/** The sample Maester report, as if Maester had been run against `tenantId`. */
async function maesterFor(imports: string, tenantId: string): Promise<string> {
  const raw = await readFile(join(SAMPLES, 'maester', 'test-results.json'), 'utf8');
  const report = JSON.parse(raw.replace(/^\uFEFF/, '')) as { TenantId: string };
  report.TenantId = tenantId;
  await writeFile(join(imports, 'maester.json'), JSON.stringify(report));
  return 'maester.json';
}

describe('an imported report beside our run of the same tenant', () => {
  it('reports a Maester pass on a control we fail as a disagreement, on import and in the status', async () => {
    const { s, imports } = await start();
    const audit = await call(s, 'run_security_audit', { sections: ['5.1'], limit: 200 });
    expect(audit.isError).toBeFalsy();
    const ours = audit.structuredContent;
    const tenantId = ours.run.tenantId as string;
    // The demo tenant lets users consent to apps (a planted gap): we fail CIS 5.1.2.2.
    expect(ours.findings?.find((f) => f.id === 'CIS.M365.5.1.2.2')?.status).toBe('fail');

    const imported = await call(s, 'import_audit_report', { path: await maesterFor(imports, tenantId) });
    expect(imported.isError).toBeFalsy();
    const comparison = imported.structuredContent.comparison;
    expect(comparison).toMatchObject({
      importedRunId: imported.structuredContent.run.runId,
      importedSource: 'maester',
      evaluatedRunId: ours.run.runId,
    });
    // Maester passes the same setting as EIDSCA.AP10 and CISA.MS.AAD.5.1.
    expect(comparison?.disagreements).toContainEqual({
      id: 'CIS.M365.5.1.2.2',
      theirId: 'EIDSCA.AP10',
      via: 'EIDSCA AP10',
      ours: 'fail',
      theirs: 'pass',
    });
    expect(comparison?.disagreements).toContainEqual(
      expect.objectContaining({ id: 'CIS.M365.5.1.2.2', theirId: 'CISA.MS.AAD.5.1' }),
    );
    const counts = comparison as Comparison;
    expect(counts.agree + counts.disagree + counts.notCompared).toBe(counts.paired);
    expect(counts.disagreements).toHaveLength(counts.disagree);
    expect(text(imported)).toMatch(
      /maester run .* vs our run .*: \d+ controls in common, \d+ agree, \d+ DISAGREE \(.*CIS\.M365\.5\.1\.2\.2 ours fail, (EIDSCA\.AP10|CISA\.MS\.AAD\.5\.1) pass/,
    );

    // The newest run is the import: its status shows the comparison with our run.
    const latest = await call(s, 'get_compliance_status', {});
    expect(latest.structuredContent.run.source).toBe('maester');
    expect(latest.structuredContent.comparisons).toEqual([comparison]);
    expect(text(latest)).toContain('DISAGREE');

    // Our run's status shows the newest import of its tenant.
    const ourStatus = await call(s, 'get_compliance_status', { runId: ours.run.runId });
    expect(ourStatus.structuredContent.comparisons).toEqual([comparison]);
  });

  it('compares nothing when no run of ours is stored, or only one of another tenant, and says so', async () => {
    const { s, imports } = await start();
    const first = await call(s, 'import_audit_report', { path: await maesterFor(imports, 'any-tenant') });
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent.comparison).toBeUndefined();
    expect(text(first)).toContain('No evaluated run is stored to compare with');

    const audit = await call(s, 'run_security_audit', { sections: ['5.1'] });
    expect(audit.isError).toBeFalsy();
    // The sample ScubaGear report is of another tenant than the demo's.
    const raw = await readFile(join(SAMPLES, 'scubagear', 'ScubaResults_fa5589b7-d528-4f80.json'), 'utf8');
    await writeFile(join(imports, 'scuba.json'), raw);
    const scuba = await call(s, 'import_audit_report', { path: 'scuba.json' });
    expect(scuba.isError).toBeFalsy();
    expect(scuba.structuredContent.comparison).toBeUndefined();
    expect(text(scuba)).toMatch(/No evaluated run of this report's tenant \(.+\) is stored/);
    const status = await call(s, 'get_compliance_status', {});
    expect(status.structuredContent.comparisons).toBeUndefined();
  });
});
