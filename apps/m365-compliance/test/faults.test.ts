import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { complianceServer } from '../src/index.js';

// run_security_audit through graph-sim faults: retried faults give the same results as a clean run;
// faults beyond the retry budget give a run that says plainly it is partial, never a crash.

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-faults-'));
  server = await startTestServer(complianceServer, {
    config: { settings: { databasePath: join(dir, 'runs.db') } },
  });
  return server;
}

interface AuditResult {
  isError?: boolean;
  content: { type: string; text: string }[];
  structuredContent: {
    complete: boolean;
    notEvaluated: { id: string; reason: string }[];
    summary: { controls: number; byStatus: Record<string, number> };
    findings: { id: string; status: string; reason?: string; evidence: Record<string, unknown> }[];
  };
}

const SECTIONS = ['1', '5.1', '7'];

async function audit(s: TestServer, progress?: { progress: number; total?: number }[]): Promise<AuditResult> {
  const result = await s.client.callTool(
    { name: 'run_security_audit', arguments: { sections: SECTIONS, limit: 200 } },
    undefined,
    progress ? { onprogress: (p) => void progress.push(p) } : undefined,
  );
  return result as unknown as AuditResult;
}

function statuses(r: AuditResult): Record<string, string> {
  return Object.fromEntries(r.structuredContent.findings.map((f) => [f.id, f.status]));
}

function graphLog(s: TestServer, path: string) {
  return s.sim.requests
    .all()
    .filter((r) => r.side === 'graph' && r.path.toLowerCase() === path.toLowerCase());
}

describe('run_security_audit under faults', () => {
  it('a 429 storm, a 503 and a dropped connection are retried: same results as a clean run, with progress', async () => {
    const s = await start();
    await s.client.listTools();
    const clean = await audit(s);
    expect(clean.structuredContent.complete).toBe(true);

    s.sim.requests.clear();
    s.sim.faults.add({
      match: { path: '/policies/authorizationPolicy' },
      times: 4,
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    s.sim.faults.add({
      match: { path: '/admin/sharepoint/settings' },
      times: 1,
      fault: { kind: 'status', status: 503, retryAfter: 0 },
    });
    s.sim.faults.add({ match: { path: '/domains' }, times: 1, fault: { kind: 'drop' } });
    const progress: { progress: number; total?: number }[] = [];
    const faulted = await audit(s, progress);

    expect(faulted.isError).toBeFalsy();
    expect(faulted.structuredContent.complete).toBe(true);
    expect(statuses(faulted)).toEqual(statuses(clean));
    expect(graphLog(s, '/policies/authorizationPolicy').map((r) => r.status)).toEqual([
      429, 429, 429, 429, 200,
    ]);
    expect(graphLog(s, '/admin/sharepoint/settings').map((r) => r.status)).toEqual([503, 200]);
    // A dropped connection is logged with status 0, then the retry answers.
    expect(graphLog(s, '/domains').map((r) => r.status)).toEqual([0, 200]);
    // Progress: every ten controls and at the end, increasing, ending at the total.
    expect(progress.length).toBeGreaterThan(1);
    const last = progress.at(-1);
    expect(last?.progress).toBe(faulted.structuredContent.summary.controls);
    expect(last?.total).toBe(faulted.structuredContent.summary.controls);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]?.progress).toBeGreaterThan(progress[i - 1]?.progress ?? 0);
    }
  });

  it('a 503 that outlasts the retry budget gives a clearly partial run, not a crash', async () => {
    const s = await start();
    s.sim.faults.add({
      match: { path: '/admin/sharepoint/settings' },
      times: 50,
      fault: { kind: 'status', status: 503, retryAfter: 0 },
    });
    const result = await audit(s);
    expect(result.isError).toBeFalsy();
    // Section 7's Graph controls read /admin/sharepoint/settings; its SharePoint admin API controls
    // read their own API and are evaluated.
    const sharepoint = result.structuredContent.findings.filter((f) => f.id.startsWith('CIS.M365.7.'));
    const graphRead = sharepoint.filter((f) => f.status === 'error');
    expect(graphRead.length).toBe(5);
    expect(sharepoint.filter((f) => f.status === 'pass' || f.status === 'fail')).toHaveLength(8);
    for (const f of graphRead) {
      expect(f.status).toBe('error');
      expect(f.reason).toContain('/admin/sharepoint/settings');
      expect(f.reason).toContain('503');
    }
    expect(result.structuredContent.complete).toBe(false);
    expect(result.structuredContent.notEvaluated.map((n) => n.id).sort()).toEqual(
      graphRead.map((f) => f.id).sort(),
    );
    const text = result.content.map((c) => c.text).join('');
    expect(text).toContain('PARTIAL: 5 controls could not be evaluated');
    expect(text.length).toBeLessThan(1500);
    // The other controls are still evaluated from their own resources.
    expect(result.structuredContent.findings.find((f) => f.id === 'CIS.M365.5.1.2.2')?.status).toBe('fail');
    expect(result.structuredContent.summary.byStatus.error).toBe(5);
    const attempts = graphLog(s, '/admin/sharepoint/settings');
    expect(attempts.length).toBeGreaterThan(1);
    expect(attempts.every((r) => r.status === 503)).toBe(true);
  });

  // (A connection dropped on every attempt ends the same way, after graph-core's full backoff of
  // about 30 s, too slow for this suite; a 500, which is not retried, shows the outcome at once.)
  it('a server error on one resource is an error for its controls only; the assessment stays honest', async () => {
    const s = await start();
    s.sim.faults.add({ match: { path: '/domains' }, times: 50, fault: { kind: 'status', status: 500 } });
    const result = await s.client.callTool({
      name: 'run_security_audit',
      arguments: { ids: ['CIS.M365.1.3.1', 'CIS.M365.5.1.2.3'] },
    });
    const structured = (result as unknown as AuditResult).structuredContent;
    expect(result.isError).toBeFalsy();
    expect(statuses(result as unknown as AuditResult)).toEqual({
      'CIS.M365.1.3.1': 'error',
      'CIS.M365.5.1.2.3': 'fail',
    });
    expect(structured.complete).toBe(false);
    expect(graphLog(s, '/domains').map((r) => r.status)).toEqual([500]);
    // The assessment does not stand on that two-control run: it audits the whole catalogue.
    const assessment = await s.client.callTool({ name: 'assess_compliance_posture', arguments: {} });
    expect(assessment.isError).toBeFalsy();
    const posture = assessment.structuredContent as {
      reusedRun: boolean;
      status: string;
      nextActions: string[];
    };
    expect(posture.reusedRun).toBe(false);
    expect(posture.status).toBe('critical');
    expect(posture.nextActions.join('\n')).toContain('could not be read because Graph failed');
  });

  it.each([
    [400, 'BadRequest'],
    [404, 'ResourceNotFound'],
    [409, 'Conflict'],
    [500, 'generalException'],
  ])(
    'a %i on one resource: its controls say what failed, in Graph words, with the request-id',
    async (status, code) => {
      const s = await start();
      s.sim.faults.add({ match: { path: '/domains' }, times: 50, fault: { kind: 'status', status, code } });
      const result = (await s.client.callTool({
        name: 'run_security_audit',
        arguments: { ids: ['CIS.M365.1.3.1'] },
      })) as unknown as AuditResult;
      expect(result.isError).toBeFalsy();
      const [finding] = result.structuredContent.findings;
      expect(finding?.status).toBe('error');
      expect(finding?.reason).toContain(`GET /domains failed with ${status} ${code}`);
      expect(finding?.reason).toMatch(/request-id [0-9a-f-]{36}\)$/);
      expect(graphLog(s, '/domains').map((r) => r.status)).toEqual([status]);
    },
  );
});
