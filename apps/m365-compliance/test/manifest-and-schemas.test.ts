import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resources } from '@m365-mcp/cis-bridge';
import { permissionsFor } from '@m365-mcp/graph-core';
import { demoPeople } from '@m365-mcp/graph-sim';
import { runServerCli } from '@m365-mcp/mcp-kit/cli';
import { startTestServer } from '@m365-mcp/mcp-kit/testing';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { complianceServer } from '../src/index.js';

const SAMPLES = '/work/shared/reference/sample-reports';
const FAKE_PWSH = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'packages',
  'cis-bridge',
  'test',
  'fixtures',
  'fake-pwsh.mjs',
);

/** Graph reads the tools make besides the control resources, with the permission each needs. */
const TOOL_READS: Record<string, string> = {
  'check_retention_policies: /security/triggers/retentionEvents, /security/triggerTypes/retentionEventTypes':
    'RecordsManagement.Read.All',
  'detect_compliance_drift: /auditLogs/directoryAudits': 'AuditLog.Read.All',
};
const WRITES = ['Policy.ReadWrite.Authorization', 'Policy.ReadWrite.ConsentRequest'];

async function cliJson(args: string[]): Promise<{ permissions: { permission: string }[] }> {
  let out = '';
  const code = await runServerCli(complianceServer, ['node', 'm365-compliance', ...args], {
    stdout: (text) => {
      out += text;
    },
    stderr: () => {},
  });
  expect(code).toBe(0);
  return JSON.parse(out) as { permissions: { permission: string }[] };
}

describe('m365-compliance permissions --json', () => {
  it('lists exactly the union of what the control resources and the tools read', async () => {
    const expected = new Set<string>([
      ...Object.values(resources).map((r) => r.permission),
      ...Object.values(TOOL_READS),
    ]);
    const listed = (await cliJson(['permissions', '--json'])).permissions.map((p) => p.permission);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...expected].sort());
    const withWrites = (await cliJson(['permissions', '--json', '--writes'])).permissions.map(
      (p) => p.permission,
    );
    expect([...withWrites].sort()).toEqual([...expected, ...WRITES].sort());
  });

  it("names, for each resource, a permission Microsoft's catalogue accepts for its endpoint", () => {
    for (const [key, spec] of Object.entries(resources)) {
      const known = permissionsFor('GET', spec.path);
      // Paths the bundled catalogue does not list (beta org settings, onPremisesSynchronization)
      // are checked by graph-sim, which knows their permissions from Microsoft's reference.
      if (known.all.length === 0) continue;
      expect(known.all, key).toContain(spec.permission);
    }
    // The narrower PIM permissions are the least-privileged ones for their endpoints.
    expect(permissionsFor('GET', resources.roleEligibilities.path).least).toEqual([
      'RoleEligibilitySchedule.Read.Directory',
    ]);
    expect(permissionsFor('GET', resources.roleAssignmentSchedules.path).least).toEqual([
      'RoleAssignmentSchedule.Read.Directory',
    ]);
    // Members of role-assignable groups are read under Group.Read.All, already needed for groups.
    expect(permissionsFor('GET', '/groups/{id}/transitiveMembers').all).toContain('Group.Read.All');
  });
});

describe('every tool on the demo tenant, with exactly the manifest granted', () => {
  it('answers with structuredContent valid against its output schema, and Graph refuses nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compliance-all-tools-'));
    const s = await startTestServer(complianceServer, {
      allowWrites: true,
      config: {
        settings: {
          databasePath: join(dir, 'runs.db'),
          importsDirectory: SAMPLES,
          powershell: {
            executable: FAKE_PWSH,
            script: 'Invoke-M365CISAudit.ps1',
            args: ['success', dir],
            outputPath: join(dir, 'm365_cis_audit.json'),
          },
        },
      },
    });
    s.client.setRequestHandler(ElicitRequestSchema, async () => ({
      action: 'accept',
      content: { confirm: true },
    }));
    try {
      // listTools first: the SDK client then validates every structuredContent against its schema.
      const tools = (await s.client.listTools()).tools;
      const listed = tools.map((t) => t.name).sort();
      expect(listed).toEqual(complianceServer.tools.map((t) => t.name).sort());
      // The read tools' hints as a client sees them; get_compliance_status reads only the run store.
      const hints = new Map(tools.map((t) => [t.name, t.annotations]));
      const readsTenant = {
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      };
      expect(hints.get('check_retention_policies')).toMatchObject(readsTenant);
      expect(hints.get('detect_compliance_drift')).toMatchObject(readsTenant);
      expect(hints.get('get_compliance_status')).toMatchObject({ ...readsTenant, openWorldHint: false });

      const calls: [string, Record<string, unknown>][] = [
        ['run_security_audit', { markAsBaseline: true, limit: 5 }],
        ['get_compliance_status', {}],
        ['check_retention_policies', {}],
        ['import_audit_report', { path: join(SAMPLES, 'maester', 'test-results.json') }],
        ['run_powershell_audit', {}],
        ['remediate_control', { controlId: 'CIS.M365.5.1.5.2', consentReviewerUserId: demoPeople.megan.id }],
      ];
      const results = new Map<string, Record<string, unknown>>();
      for (const [name, args] of calls) {
        const result = await s.client.callTool({ name, arguments: args });
        expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
        results.set(name, result.structuredContent as Record<string, unknown>);
      }
      const planId = (results.get('remediate_control') as { planId: string }).planId;
      const applied = await s.client.callTool({
        name: 'remediate_control',
        arguments: { controlId: 'CIS.M365.5.1.5.2', consentReviewerUserId: demoPeople.megan.id, planId },
      });
      expect(applied.isError, JSON.stringify(applied.content)).toBeFalsy();
      expect(s.sim.tenant.directory.policies.adminConsentRequestPolicy.isEnabled).toBe(true);
      results.set('remediate_control', applied.structuredContent as Record<string, unknown>);
      for (const [name, args] of [
        ['run_security_audit', { limit: 5 }],
        ['detect_compliance_drift', {}],
        ['assess_compliance_posture', {}],
        ['generate_compliance_report', {}],
      ] as const) {
        const result = await s.client.callTool({ name, arguments: args });
        expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
        results.set(name, result.structuredContent as Record<string, unknown>);
      }
      const drift = results.get('detect_compliance_drift') as {
        statusChanges: { controlId: string }[];
      };
      expect(drift.statusChanges.map((c) => c.controlId)).toContain('CIS.M365.5.1.5.2');

      // Independently of the SDK: each read tool's output parses with its own zod shape (the write
      // tool's plan/apply shape is mcp-kit's, checked by the SDK against its outputSchema).
      for (const tool of complianceServer.tools) {
        const structured = results.get(tool.name);
        expect(structured, tool.name).toBeDefined();
        if (!('output' in tool)) continue;
        const parsed = z.object(tool.output).safeParse(structured);
        expect(parsed.success, `${tool.name}: ${parsed.error?.message}`).toBe(true);
      }

      const graph = s.sim.requests.all().filter((r) => r.side === 'graph');
      expect(graph.length).toBeGreaterThan(20);
      expect(graph.filter((r) => r.status === 401 || r.status === 403)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('a permission missing from the grant', () => {
  it('makes the controls that need it skipped, naming it (CIS 5.1.8.1 without OnPremDirectorySynchronization.Read.All)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compliance-missing-'));
    const roles = complianceServer.permissions.permissions
      .filter((p) => p.access === 'read' && p.permission !== 'OnPremDirectorySynchronization.Read.All')
      .map((p) => p.permission);
    const s = await startTestServer(complianceServer, {
      roles,
      config: { settings: { databasePath: join(dir, 'runs.db') } },
    });
    try {
      const result = await s.client.callTool({
        name: 'run_security_audit',
        arguments: { ids: ['CIS.M365.5.1.8.1', 'CIS.M365.5.1.2.3'] },
      });
      const findings = (
        result.structuredContent as { findings: { id: string; status: string; reason?: string }[] }
      ).findings;
      const sync = findings.find((f) => f.id === 'CIS.M365.5.1.8.1');
      expect(sync?.status).toBe('skipped');
      expect(sync?.reason).toContain('OnPremDirectorySynchronization.Read.All');
      expect(findings.find((f) => f.id === 'CIS.M365.5.1.2.3')?.status).toBe('fail');
      const refused = s.sim.requests.all().filter((r) => r.status === 403);
      expect(refused.map((r) => r.path)).toEqual(['/directory/onPremisesSynchronization']);
    } finally {
      await s.close();
    }
  });
});
