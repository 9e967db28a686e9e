// The planted problems are found, and the same tenant fixed gives no such finding.
import { DEMO_ATTACK_INCIDENT_ID, demoPeople } from '@m365-mcp/graph-sim';
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { securityServer } from '../src/index.js';
import { results, structured } from './structured.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function assess(server: TestServer) {
  return structured(
    results.assess_security_posture,
    await callTool(server.client, 'assess_security_posture', {}),
  );
}

function raiseScore(server: TestServer, percent: number) {
  for (const score of server.sim.tenant.security.secureScores) {
    score.currentScore = Math.round((score.maxScore * percent) / 100);
  }
}

describe('the planted misconfigurations, found and fixed', () => {
  it('planted: score under 70%, an unassigned high-severity incident on a compromised Global Administrator', async () => {
    t = await startTestServer(securityServer);
    const s = await assess(t);
    expect(s.status).toBe('critical');
    expect(s.findings.filter((f) => f.status === 'fail').map((f) => f.id)).toEqual([
      'security.secure-score.level',
      'security.incident.open',
      'security.incident.open',
      'security.incident.open',
    ]);
  });

  it('fixed: score at 86%, no open incident: OK with no failed finding', async () => {
    t = await startTestServer(securityServer);
    raiseScore(t, 86);
    for (const incident of t.sim.tenant.security.incidents) incident.status = 'resolved';
    const s = await assess(t);
    expect(s.status).toBe('ok');
    expect(s.reasons).toEqual([]);
    expect(s.findings.filter((f) => f.status !== 'pass')).toEqual([]);
    expect(s.findings.map((f) => f.id).sort()).toEqual([
      'security.incident.open',
      'security.secure-score.level',
      'security.secure-score.trend',
    ]);
  });

  it('each rule on its own: assigned incident, then no privileged account, then only the score', async () => {
    t = await startTestServer(securityServer);
    raiseScore(t, 86);
    const attack = t.sim.tenant.security.incidents.find((i) => i.id === DEMO_ATTACK_INCIDENT_ID);
    if (!attack) throw new Error('demo incident missing');
    attack.assignedTo = 'MeganB@contoso.com';
    let s = await assess(t);
    expect(s.reasons).toEqual([
      `incident ${DEMO_ATTACK_INCIDENT_ID} involves a compromised privileged account`,
    ]);
    expect(s.status).toBe('critical');

    // Isaiah loses Global Administrator: no longer critical, still a warning (open high-severity incident).
    const directory = t.sim.tenant.directory;
    directory.roleAssignments = directory.roleAssignments.filter(
      (a) => a.principalId !== demoPeople.isaiah.id,
    );
    s = await assess(t);
    expect(s.status).toBe('warning');
    expect(s.reasons).toContain(`high-severity incident ${DEMO_ATTACK_INCIDENT_ID} is open`);
    const investigation = structured(
      results.investigate_incident,
      await callTool(t.client, 'investigate_incident', { incidentId: DEMO_ATTACK_INCIDENT_ID }),
    );
    expect(investigation.impact.privilegedAccounts).toEqual([]);
    expect(investigation.users[0]?.privileged).toBe(false);
    expect(investigation.impact.level).toBe('high');

    for (const incident of t.sim.tenant.security.incidents) incident.status = 'resolved';
    raiseScore(t, 65);
    s = await assess(t);
    expect(s.status).toBe('critical');
    expect(s.reasons).toEqual(['Secure Score 65% is under 70%']);
  });

  it('the latest open incident moves on when the attack is resolved', async () => {
    t = await startTestServer(securityServer);
    const attack = t.sim.tenant.security.incidents.find((i) => i.id === DEMO_ATTACK_INCIDENT_ID);
    if (!attack) throw new Error('demo incident missing');
    attack.status = 'resolved';
    const s = structured(results.investigate_incident, await callTool(t.client, 'investigate_incident', {}));
    expect(s.incident.id).toBe('3051344');
    for (const incident of t.sim.tenant.security.incidents) incident.status = 'resolved';
    const none = await callTool(t.client, 'investigate_incident', {});
    expect(none.isError).toBe(true);
    expect(none.text).toMatch(/no open incident/);
  });
});
