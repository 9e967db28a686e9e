// Every read tool through a real MCP client against the demo tenant (graph-sim over HTTPS). The
// client validates structuredContent against each tool's output schema; these tests add the facts.

import { DEMO_ATTACK_INCIDENT_ID, DEMO_CONTROLS, demoPeople, demoScoreOn } from '@m365-mcp/graph-sim';
import { assessmentMetaKey } from '@m365-mcp/mcp-kit';
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityServer } from '../src/index.js';
import { results, structured } from './structured.js';
import { summaryOf } from './summary.js';

let t: TestServer;
beforeAll(async () => {
  // Output schemas listed, so the client checks every structuredContent against its tool's schema.
  t = await startTestServer(securityServer, { config: { outputSchemas: true } });
});
afterAll(async () => {
  await t.close();
});

// Summaries are for the model: a few lines. 1,500 characters is the budget for every tool.
const summaryBudget = 1500;

describe('tools/list', () => {
  it('lists the read tools (not respond_to_incident) and marks the assessment', async () => {
    const { tools } = await t.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'assess_security_posture',
      'get_security_alerts',
      'get_security_score',
      'investigate_incident',
      'list_incidents',
    ]);
    const assessment = tools.filter((tool) => tool._meta?.[assessmentMetaKey] === true);
    expect(assessment.map((tool) => tool.name)).toEqual(['assess_security_posture']);
    for (const tool of tools) {
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      expect(tool.outputSchema).toBeDefined();
    }
  });

  it('offers the two prompts', async () => {
    const { prompts } = await t.client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['investigate_latest_incident', 'security_posture']);
    const prompt = await t.client.getPrompt({ name: 'investigate_latest_incident', arguments: {} });
    const text = prompt.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('');
    expect(text).toContain('investigate_incident');
    expect(text).toContain('contain_user');
  });
});

describe('get_security_score', () => {
  it('reports 412 of 697 (59.1%), the 30-day decline, peers and the biggest gaps first', async () => {
    const r = await callTool(t.client, 'get_security_score', {});
    expect(r.isError).toBeFalsy();
    const s = structured(results.get_security_score, r);
    expect(s).toMatchObject({ currentScore: 412, maxScore: 697, percentage: 59.1, complete: true });
    expect(s.trend).toMatchObject({ days: 30, direction: 'declining', to: { score: 412 } });
    expect(s.trend?.changePoints).toBeLessThan(0);
    expect(s.comparisons.map((c) => c.basis)).toEqual(['AllTenants', 'TotalSeats', 'IndustryTypes']);
    expect(s.improvementActions).toHaveLength(5);
    expect(s.improvementActions[0]).toMatchObject({
      controlId: 'BlockLegacyAuthentication',
      gap: 40,
      earned: 0,
    });
    const gaps = s.improvementActions.map((a) => a.gap);
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    expect(s.totalGapPoints).toBeGreaterThan(0);
    expect(summaryOf(r.text).length).toBeLessThan(summaryBudget);
    expect(r.text).toMatch(/412 of 697 \(59\.1%\)/);
  });

  it('takes a window and a count', async () => {
    const r = await callTool(t.client, 'get_security_score', { days: 90, top: 2 });
    const s = structured(results.get_security_score, r);
    expect(s.trend?.days).toBe(90);
    expect(s.improvementActions).toHaveLength(2);
  });
});

describe('get_security_alerts', () => {
  it('lists alerts newest first with counts, filtered by severity', async () => {
    const all = await callTool(t.client, 'get_security_alerts', { limit: 200 });
    const s = structured(results.get_security_alerts, all);
    expect(s.total).toBe(t.sim.tenant.security.alerts.length);
    const times = s.alerts.map((a) => a.createdDateTime);
    expect(times).toEqual([...times].sort().reverse());
    const high = await callTool(t.client, 'get_security_alerts', { severity: ['high'], status: ['new'] });
    const h = structured(results.get_security_alerts, high);
    expect(h.total).toBe(2);
    expect(h.alerts.every((a) => a.incidentId === DEMO_ATTACK_INCIDENT_ID)).toBe(true);
    expect(summaryOf(high.text).length).toBeLessThan(summaryBudget);
  });

  it('filters by service source and time window, and pages with a cursor', async () => {
    const dlp = await callTool(t.client, 'get_security_alerts', { serviceSource: ['dataLossPrevention'] });
    expect(structured(results.get_security_alerts, dlp).total).toBe(1);
    const recent = await callTool(t.client, 'get_security_alerts', { days: 1 });
    const r = structured(results.get_security_alerts, recent);
    // The attack's 4 alerts and the phishing click (0.95 days ago); the phishing mail alert was raised
    // exactly one day before the tenant was built, so it is just outside the window by now.
    expect(r.total).toBe(5);
    const first = await callTool(t.client, 'get_security_alerts', { limit: 4 });
    const f = structured(results.get_security_alerts, first);
    expect(f.alerts).toHaveLength(4);
    expect(f.cursor).toEqual(expect.any(String));
    const second = await callTool(t.client, 'get_security_alerts', { limit: 4, cursor: f.cursor });
    const ids = structured(results.get_security_alerts, second).alerts.map((a) => a.id);
    expect(ids).not.toContain(f.alerts[0]?.id);
  });

  it('returns one alert in full, with its evidence', async () => {
    const alert = t.sim.tenant.security.alerts.find((a) => a.title === 'Suspicious inbox manipulation rule');
    const r = await callTool(t.client, 'get_security_alerts', { alertId: alert?.id });
    const s = structured(results.get_security_alerts, r);
    expect(s.alert).toMatchObject({ id: alert?.id, incidentId: DEMO_ATTACK_INCIDENT_ID, severity: 'high' });
    expect(s.alert?.evidence.map((e) => e.type)).toEqual(
      expect.arrayContaining(['userEvidence', 'mailboxEvidence', 'ipEvidence']),
    );
    expect(s.alert?.evidence.map((e) => e.subject)).toContain('203.0.113.45');
    expect(summaryOf(r.text).length).toBeLessThan(summaryBudget);
  });
});

describe('list_incidents', () => {
  it('lists incidents with alert counts, and filters by status, severity and assignment', async () => {
    const r = await callTool(t.client, 'list_incidents', {});
    const s = structured(results.list_incidents, r);
    expect(s.total).toBe(7);
    expect(s.incidents[0]).toMatchObject({ id: DEMO_ATTACK_INCIDENT_ID, alertCount: 4, assignedTo: null });
    expect(summaryOf(r.text).length).toBeLessThan(summaryBudget);

    const open = await callTool(t.client, 'list_incidents', {
      status: ['active'],
      severity: ['high', 'medium'],
    });
    expect(structured(results.list_incidents, open).incidents.map((i) => i.id)).toEqual([
      DEMO_ATTACK_INCIDENT_ID,
      '3051302',
    ]);
    const lee = await callTool(t.client, 'list_incidents', { assignedTo: 'LeeG@contoso.com' });
    expect(structured(results.list_incidents, lee).total).toBe(3);
    const nobody = await callTool(t.client, 'list_incidents', { assignedTo: 'unassigned' });
    expect(structured(results.list_incidents, nobody).total).toBe(3);
  });
});

describe('investigate_incident', () => {
  it('investigates the latest open incident: entities, IoCs, MITRE, a privileged Global Administrator, a tagged plan', async () => {
    const r = await callTool(t.client, 'investigate_incident', {});
    expect(r.isError).toBeFalsy();
    const s = structured(results.investigate_incident, r);
    expect(s.incident).toMatchObject({ id: DEMO_ATTACK_INCIDENT_ID, severity: 'high', status: 'active' });
    expect(s.alerts).toHaveLength(4);
    expect(s.users).toEqual([
      expect.objectContaining({
        userId: demoPeople.isaiah.id,
        userPrincipalName: demoPeople.isaiah.userPrincipalName,
        compromised: true,
        privileged: true,
      }),
    ]);
    expect(s.devices.map((d) => d.hostName)).toEqual(['CONTOSO-LT-0142']);
    expect(s.mailboxes.map((m) => m.primaryAddress)).toEqual([demoPeople.isaiah.userPrincipalName]);
    expect(s.ips.map((i) => i.address).sort()).toEqual(['198.51.100.10', '203.0.113.45']);
    expect(s.indicators).toEqual([
      expect.objectContaining({ type: 'ip', value: '203.0.113.45', verdict: 'malicious' }),
    ]);
    expect(s.mitreTechniques.map((m) => m.id).sort()).toEqual(['T1078', 'T1110', 'T1564.008', 'T1621']);
    expect(s.impact).toMatchObject({
      level: 'critical',
      privilegedStatus: 'known',
      privilegedAccounts: [
        { userId: demoPeople.isaiah.id, roles: ['Global Administrator'], compromised: true },
      ],
      recency: 'ongoing',
    });
    const steps = s.responsePlan;
    expect(new Set(steps.map((step) => step.automation))).toEqual(
      new Set(['safe-to-automate', 'needs-a-human']),
    );
    const contain = steps.filter((step) => step.tool?.name === 'contain_user');
    expect(contain.map((step) => step.tool?.server)).toEqual(['m365-identity', 'm365-identity']);
    expect(contain.find((step) => step.automation === 'needs-a-human')?.why).toMatch(/privileged/);
    expect(steps.some((step) => step.tool?.name === 'respond_to_incident')).toBe(true);
    expect(summaryOf(r.text).length).toBeLessThan(summaryBudget);
    expect(r.text).toMatch(/Global Administrator/);
  });

  it('investigates a given incident (phishing: mailboxes, URL and sender indicators)', async () => {
    const r = await callTool(t.client, 'investigate_incident', { incidentId: '3051344' });
    const s = structured(results.investigate_incident, r);
    expect(s.chosenBecause).toBe('asked for incident 3051344');
    expect(s.mailboxes.length).toBeGreaterThanOrEqual(2);
    expect(s.indicators.map((i) => i.type)).toEqual(expect.arrayContaining(['url', 'emailSender', 'domain']));
    expect(s.impact.privilegedAccounts).toEqual([]);
  });

  it('says so clearly for an incident that does not exist', async () => {
    const r = await callTool(t.client, 'investigate_incident', { incidentId: '999' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/404|not found/i);
  });
});

describe('assess_security_posture', () => {
  it('reports progress: the reads, then the privileged check', async () => {
    const progress: { progress: number; total?: number }[] = [];
    const r = await t.client.callTool({ name: 'assess_security_posture', arguments: {} }, undefined, {
      onprogress: (p) => void progress.push(p),
    });
    expect(r.isError).toBeFalsy();
    expect(progress.map((p) => [p.progress, p.total])).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('is CRITICAL for the demo tenant, with the rule, findings and next actions', async () => {
    const r = await callTool(t.client, 'assess_security_posture', {});
    const s = structured(results.assess_security_posture, r);
    expect(s.status).toBe('critical');
    expect(s.statusRule).toMatch(/under 70%/);
    expect(s.reasons).toEqual(
      expect.arrayContaining([
        'Secure Score 59.1% is under 70%',
        `high-severity incident ${DEMO_ATTACK_INCIDENT_ID} is open and unassigned`,
        `incident ${DEMO_ATTACK_INCIDENT_ID} involves a compromised privileged account`,
      ]),
    );
    const attack = s.findings.find((f) => f.resource.id === DEMO_ATTACK_INCIDENT_ID);
    expect(attack).toMatchObject({ severity: 'critical', status: 'fail' });
    expect(attack?.references.map((ref) => ref.framework)).toContain('MITRE-ATTACK');
    expect(s.nextActions.join(' ')).toContain(`incident ${DEMO_ATTACK_INCIDENT_ID}`);
    expect(s.complete).toBe(true);
    expect(summaryOf(r.text).length).toBeLessThan(summaryBudget);
  });

  it('carries the last 30 days of Secure Score as a trend, oldest first, for posture to chart', async () => {
    const s = structured(
      results.assess_security_posture,
      await callTool(t.client, 'assess_security_posture', {}),
    );
    const maxScore = DEMO_CONTROLS.reduce((n, c) => n + c.maxScore, 0);
    expect(s.trends).toHaveLength(1);
    const trend = s.trends?.[0];
    expect(trend).toMatchObject({ name: 'Secure Score', unit: 'points', max: maxScore });
    const days = t.sim.tenant.security.secureScores.slice(0, 30).map((d) => d.createdDateTime.slice(0, 10));
    expect(trend?.points.map((p) => p.date)).toEqual([...days].reverse());
    expect(trend?.points.map((p) => p.value)).toEqual(
      Array.from({ length: 30 }, (_, i) => demoScoreOn(29 - i)),
    );
    // The same numbers as the evidence: today's score is the trend's last point.
    expect(trend?.points.at(-1)?.value).toBe(s.evidence.secureScore?.current);
  });
});
