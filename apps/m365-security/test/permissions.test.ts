// Least privilege: the manifest is exactly what the calls need, 403s name the missing permission,
// and without the directory-role permission the investigation still works (privileged: unknown).
import { DEMO_ATTACK_INCIDENT_ID } from '@m365-mcp/graph-sim';
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { securityPermissions } from '../src/index.js';
import { securityServer } from '../src/server.js';
import { results, structured } from './structured.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const reads = [
  'SecurityEvents.Read.All',
  'SecurityAlert.Read.All',
  'SecurityIncident.Read.All',
  'RoleManagement.Read.Directory',
];
const writes = ['SecurityIncident.ReadWrite.All', 'SecurityAlert.ReadWrite.All'];

describe('the permission manifest', () => {
  it('is the read set and, apart, the write set', () => {
    const byAccess = (access: string) =>
      securityPermissions.permissions.filter((p) => p.access === access).map((p) => p.permission);
    expect(byAccess('read')).toEqual(reads);
    expect(byAccess('write')).toEqual(writes);
    for (const p of securityPermissions.permissions) expect(p.reason.length).toBeGreaterThan(20);
  });

  it('covers every Graph call a full read session makes (graph-sim answers no 403)', async () => {
    t = await startTestServer(securityServer);
    for (const [tool, args] of [
      ['assess_security_posture', {}],
      ['get_security_score', { days: 90 }],
      ['get_security_alerts', {}],
      ['list_incidents', {}],
      ['investigate_incident', {}],
    ] as const) {
      expect((await callTool(t.client, tool, args)).isError).toBeFalsy();
    }
    const graph = t.sim.requests.all().filter((r) => r.side === 'graph');
    expect(graph.length).toBeGreaterThan(5);
    expect(graph.filter((r) => r.status === 403)).toEqual([]);
    expect(graph.every((r) => r.method === 'GET' || r.path === '/$batch')).toBe(true);
  });
});

describe('403s', () => {
  it('name the missing permission', async () => {
    t = await startTestServer(securityServer, { roles: reads.filter((r) => r !== 'SecurityAlert.Read.All') });
    const r = await callTool(t.client, 'get_security_alerts', {});
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/403 Forbidden\): this app lacks SecurityAlert\.Read\.All/);
    const score = await callTool(t.client, 'get_security_score', {});
    expect(score.isError).toBeFalsy();
  });

  it('the assessment marks an unreadable source skipped, never pass or fail, and says unknown', async () => {
    t = await startTestServer(securityServer, {
      roles: reads.filter((r) => r !== 'SecurityIncident.Read.All' && r !== 'SecurityEvents.Read.All'),
    });
    const r = await callTool(t.client, 'assess_security_posture', {});
    const s = structured(results.assess_security_posture, r);
    expect(s.status).toBe('unknown');
    expect(s.complete).toBe(false);
    expect(s.findings.map((f) => [f.id, f.status])).toEqual([
      ['security.secure-score.level', 'skipped'],
      ['security.incident.open', 'skipped'],
    ]);
    expect(s.findings[1]?.reason).toMatch(/SecurityIncident\.Read\.All/);
    // No score read, so no trend to chart (never an invented one).
    expect(s.trends).toEqual([]);
  });

  it('without RoleManagement.Read.Directory the investigation reports privileged status unknown', async () => {
    t = await startTestServer(securityServer, {
      roles: reads.filter((r) => r !== 'RoleManagement.Read.Directory'),
    });
    const r = await callTool(t.client, 'investigate_incident', { incidentId: DEMO_ATTACK_INCIDENT_ID });
    expect(r.isError).toBeFalsy();
    const s = structured(results.investigate_incident, r);
    expect(s.impact.privilegedStatus).toBe('unknown');
    expect(s.impact.privilegedStatusNote).toMatch(/m365-identity/);
    expect(s.users[0]?.privileged).toBeNull();
    // Still high: an open high-severity incident, whatever the roles.
    expect(s.impact.level).toBe('high');
    expect(r.text).toMatch(/Privileged status UNKNOWN/);
  });
});
