// Through graph-sim's faults (a 429 storm, 503s, a dropped connection): correct results after
// retries, or a clear partial result; never a crash.
import { createDemoTenant, DEMO_ATTACK_INCIDENT_ID, demoPeople } from '@m365-mcp/graph-sim';
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { securityServer } from '../src/index.js';
import { results, structured } from './structured.js';
import { summaryOf } from './summary.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const statusesOf = (server: TestServer, path: string) =>
  server.sim.requests
    .all()
    .filter((r) => r.path === path)
    .map((r) => r.status);

describe('faults', () => {
  it('a 429 storm on incidents: waits Retry-After, retries, and answers correctly', async () => {
    t = await startTestServer(securityServer);
    t.sim.faults.add({
      match: { path: '/security/incidents' },
      times: 4,
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    const r = await callTool(t.client, 'list_incidents', {});
    expect(r.isError).toBeFalsy();
    expect(structured(results.list_incidents, r)).toMatchObject({ total: 7, complete: true });
    expect(statusesOf(t, '/security/incidents')).toEqual([429, 429, 429, 429, 200]);
  });

  it('a dropped connection on alerts is retried', async () => {
    t = await startTestServer(securityServer);
    t.sim.faults.add({ match: { path: '/security/alerts_v2' }, fault: { kind: 'drop' } });
    const r = await callTool(t.client, 'get_security_alerts', {});
    expect(r.isError).toBeFalsy();
    expect(structured(results.get_security_alerts, r).total).toBe(t.sim.tenant.security.alerts.length);
    expect(statusesOf(t, '/security/alerts_v2')).toEqual([0, 200]);
  });

  it('control profiles down (503s past every retry): the score comes back, marked partial', async () => {
    t = await startTestServer(securityServer);
    t.sim.faults.add({
      match: { path: '/security/secureScoreControlProfiles' },
      times: 50,
      fault: { kind: 'status', status: 503, retryAfter: 0 },
    });
    const r = await callTool(t.client, 'get_security_score', {});
    expect(r.isError).toBeFalsy();
    const s = structured(results.get_security_score, r);
    expect(s).toMatchObject({ currentScore: 412, complete: false, improvementActions: [] });
    expect(s.notice).toMatch(/control profiles could not be read/);
    expect(summaryOf(r.text)).toMatch(/PARTIAL/);
  });

  it('incidents down: the assessment still reports the score, says what it could not read', async () => {
    t = await startTestServer(securityServer);
    t.sim.faults.add({
      match: { path: '/security/incidents' },
      times: 50,
      fault: { kind: 'status', status: 503, retryAfter: 0 },
    });
    const r = await callTool(t.client, 'assess_security_posture', {});
    expect(r.isError).toBeFalsy();
    const s = structured(results.assess_security_posture, r);
    // The score alone is critical; the missing incidents are said, not guessed.
    expect(s.status).toBe('critical');
    expect(s.complete).toBe(false);
    expect(s.findings.find((f) => f.id === 'security.incident.open')?.status).toBe('error');
    expect(summaryOf(r.text)).toMatch(/Incidents not read.*\n.*PARTIAL/s);
  });

  it('a Secure Score day with an unreadable date is left out of the trend, not fatal', async () => {
    t = await startTestServer(securityServer);
    const history = t.sim.tenant.security.secureScores;
    const odd = history[3];
    if (!odd) throw new Error('demo has no score history');
    odd.createdDateTime = 'yesterday';
    const r = await callTool(t.client, 'assess_security_posture', {});
    expect(r.isError).toBeFalsy();
    const points = structured(results.assess_security_posture, r).trends?.[0]?.points ?? [];
    expect(points).toHaveLength(29);
    expect(points.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.date))).toBe(true);
  });

  it('a persistent outage is an error result that says what failed, and the server keeps serving', async () => {
    t = await startTestServer(securityServer);
    t.sim.faults.add({
      match: { path: `/security/incidents/${DEMO_ATTACK_INCIDENT_ID}` },
      times: 50,
      fault: { kind: 'status', status: 503, retryAfter: 0 },
    });
    const r = await callTool(t.client, 'investigate_incident', { incidentId: DEMO_ATTACK_INCIDENT_ID });
    expect(r.isError).toBe(true);
    // graph-core treats a 503 that outlasts its retries like throttling: wait, then ask again.
    expect(r.text).toMatch(/Microsoft Graph is throttling this app \(.*\/security\/incidents\/3051359\)/);
    expect(r.text).not.toMatch(/at .*\.ts:\d+/);
    const again = await callTool(t.client, 'list_incidents', { limit: 1 });
    expect(again.isError).toBeFalsy();
  });

  describe("Microsoft's privileged flag (beta only)", () => {
    const isaiahIsPrivileged = async (server: TestServer) => {
      const r = await callTool(server.client, 'investigate_incident', {
        incidentId: DEMO_ATTACK_INCIDENT_ID,
      });
      expect(r.isError).toBeFalsy();
      return structured(results.investigate_incident, r).users[0]?.privileged;
    };

    it('beta failing: role definitions come from v1.0 and the built-in list still knows a Global Administrator', async () => {
      t = await startTestServer(securityServer);
      t.sim.faults.add({
        match: { path: '/roleManagement/directory/roleDefinitions', version: 'beta' },
        times: 50,
        fault: { kind: 'status', status: 500 },
      });
      expect(await isaiahIsPrivileged(t)).toBe(true);
      const reads = t.sim.requests
        .all()
        .filter((r) => r.path === '/roleManagement/directory/roleDefinitions')
        .map((r) => `${r.version} ${r.status}`);
      expect(reads).toEqual(['beta 500', 'v1.0 200']);
    });

    it('a custom role Microsoft flags privileged counts (only beta can say so)', async () => {
      const tenant = createDemoTenant();
      const { directory } = tenant;
      const custom = {
        id: '3f0e2c55-1d7a-4c1e-9f2b-6a1c0d9e8b71',
        templateId: '3f0e2c55-1d7a-4c1e-9f2b-6a1c0d9e8b71',
        displayName: 'Contoso Helpdesk Elevated',
        description: 'Resets passwords of anyone, admins included',
        isBuiltIn: false,
        isEnabled: true,
        isPrivileged: true,
        rolePermissions: [
          { allowedResourceActions: ['microsoft.directory/users/password/update'], condition: null },
        ],
      };
      directory.roleDefinitions.push(custom as (typeof directory.roleDefinitions)[number]);
      directory.roleAssignments = directory.roleAssignments.filter(
        (a) => a.principalId !== demoPeople.isaiah.id,
      );
      directory.roleAssignments.push({
        ...(directory.roleAssignments[0] as (typeof directory.roleAssignments)[number]),
        id: 'custom-helpdesk-isaiah',
        principalId: demoPeople.isaiah.id,
        roleDefinitionId: custom.id,
      });
      t = await startTestServer(securityServer, { tenant });
      expect(await isaiahIsPrivileged(t)).toBe(true);
      // Without beta, nothing could tell: the fallback says not privileged (a known limit of v1.0).
      t.sim.faults.add({
        match: { path: '/roleManagement/directory/roleDefinitions', version: 'beta' },
        times: 50,
        fault: { kind: 'status', status: 500 },
      });
      expect(await isaiahIsPrivileged(t)).toBe(false);
    });
  });
});
