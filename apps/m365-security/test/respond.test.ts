// respond_to_incident through the write gate: absent without writes; with them, a plan listing the
// exact Graph requests, nothing changed until the plan id comes back, the change in graph-sim, and
// plan and apply in the audit log.
import { DEMO_ATTACK_INCIDENT_ID } from '@m365-mcp/graph-sim';
import { writeResultSchema } from '@m365-mcp/mcp-kit';
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { securityServer } from '../src/index.js';
import { readAudit } from './audit.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function writesTo(server: TestServer, path: string) {
  return server.sim.requests.all().filter((r) => r.method !== 'GET' && r.path.startsWith(path));
}

describe('respond_to_incident', () => {
  it('does not exist without --allow-writes', async () => {
    t = await startTestServer(securityServer);
    const { tools } = await t.client.listTools();
    expect(tools.map((tool) => tool.name)).not.toContain('respond_to_incident');
    // An unknown tool is a protocol error (-32602), saying why this one is not there.
    await expect(
      callTool(t.client, 'respond_to_incident', { target: 'incident', id: DEMO_ATTACK_INCIDENT_ID }),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/--allow-writes/) });
  });

  it('plans the exact requests, changes nothing, then applies with the plan id; audited', async () => {
    t = await startTestServer(securityServer, { allowWrites: true, clientCapabilities: {} });
    const incident = t.sim.tenant.security.incidents.find((i) => i.id === DEMO_ATTACK_INCIDENT_ID);
    if (!incident) throw new Error('demo incident missing');
    const args = {
      target: 'incident',
      id: DEMO_ATTACK_INCIDENT_ID,
      status: 'inProgress',
      assignedTo: 'MeganB@contoso.com',
      comment: 'Taking this one: MFA fatigue on a Global Administrator.',
    };
    const planned = await callTool(t.client, 'respond_to_incident', args);
    expect(planned.isError).toBeFalsy();
    const plan = writeResultSchema.parse(planned.structuredContent);
    expect(plan.status).toBe('planned');
    expect(plan.plan.requests).toEqual([
      {
        method: 'PATCH',
        path: `/security/incidents/${DEMO_ATTACK_INCIDENT_ID}`,
        body: { status: 'inProgress', assignedTo: 'MeganB@contoso.com' },
      },
      {
        method: 'POST',
        path: `/security/incidents/${DEMO_ATTACK_INCIDENT_ID}/comments`,
        body: { '@odata.type': 'microsoft.graph.security.alertComment', comment: args.comment },
      },
    ]);
    expect(plan.plan.blastRadius).toMatch(/assignment to its 4 alerts/);
    expect(plan.plan.reversible).toBe(false);
    expect(incident.status).toBe('active');
    expect(incident.assignedTo).toBeNull();
    expect(writesTo(t, '/security/')).toHaveLength(0);

    const applied = await callTool(t.client, 'respond_to_incident', { planId: plan.planId });
    const result = writeResultSchema.parse(applied.structuredContent);
    expect(result.status).toBe('applied');
    expect(incident.status).toBe('inProgress');
    expect(incident.assignedTo).toBe('MeganB@contoso.com');
    expect(incident.comments.at(-1)?.comment).toBe(args.comment);
    const alerts = t.sim.tenant.security.alerts.filter((a) => a.incidentId === DEMO_ATTACK_INCIDENT_ID);
    expect(alerts.every((a) => a.assignedTo === 'MeganB@contoso.com')).toBe(true);
    expect(writesTo(t, '/security/').map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `PATCH /security/incidents/${DEMO_ATTACK_INCIDENT_ID} 200`,
      `POST /security/incidents/${DEMO_ATTACK_INCIDENT_ID}/comments 200`,
    ]);

    const audit = (await readAudit(t.auditLogPath)).filter((line) => line.tool === 'respond_to_incident');
    expect(audit.map((line) => line.outcome)).toEqual(['planned', 'applied']);
    expect(audit[0]?.detail).toMatchObject({ planId: plan.planId, plan: { requests: plan.plan.requests } });
    expect(audit[1]?.arguments).toEqual({ planId: plan.planId });
  });

  it('updates an alert (PATCH alerts_v2) and offers the undo', async () => {
    t = await startTestServer(securityServer, { allowWrites: true, clientCapabilities: {} });
    const alert = t.sim.tenant.security.alerts.find((a) => a.incidentId === '3051317');
    if (!alert) throw new Error('demo alert missing');
    const planned = await callTool(t.client, 'respond_to_incident', {
      target: 'alert',
      id: alert.id,
      status: 'resolved',
      classification: 'falsePositive',
      determination: 'notMalicious',
    });
    const plan = writeResultSchema.parse(planned.structuredContent);
    expect(plan.plan.requests).toEqual([
      {
        method: 'PATCH',
        path: `/security/alerts_v2/${alert.id}`,
        body: { status: 'resolved', classification: 'falsePositive', determination: 'notMalicious' },
      },
    ]);
    expect(plan.plan.reversible).toBe(true);
    expect(plan.plan.undo).toContain('"status":"new"');
    await callTool(t.client, 'respond_to_incident', { planId: plan.planId });
    expect(alert).toMatchObject({
      status: 'resolved',
      classification: 'falsePositive',
      determination: 'notMalicious',
    });
  });

  it('refuses invalid input before any Graph call: a wrong status, a hostile id, nothing to do', async () => {
    t = await startTestServer(securityServer, { allowWrites: true, clientCapabilities: {} });
    const wrongStatus = await callTool(t.client, 'respond_to_incident', {
      target: 'alert',
      id: 'da1_2',
      status: 'awaitingAction',
    });
    expect(wrongStatus.isError).toBe(true);
    expect(wrongStatus.text).toMatch(/status can be new, inProgress, resolved/);
    const hostile = await callTool(t.client, 'respond_to_incident', {
      target: 'incident',
      id: '1/../../users/x',
      status: 'resolved',
    });
    expect(hostile.isError).toBe(true);
    const nothing = await callTool(t.client, 'respond_to_incident', { target: 'incident', id: '3051317' });
    expect(nothing.text).toMatch(/Nothing to do/);
    expect(
      t.sim.requests.all().filter((r) => r.side === 'graph' && r.path.startsWith('/security')),
    ).toHaveLength(0);
  });
});
