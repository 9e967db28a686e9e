// Defender XDR routes over HTTPS against the demo tenant: shapes, filters, $expand, writes that
// show in later reads, and 403 without the role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO_TENANT_ID, demoPeople } from '../../../src/index.js';
import { DEMO_ATTACK_INCIDENT_ID } from '../../../src/tenant/demo/security.js';
import { type AppClient, type DemoSim, readAll, startDemoSim } from '../sharepoint/support/demo-sim.js';

let demo: DemoSim;
let reader: AppClient;
let responder: AppClient;

beforeAll(async () => {
  demo = await startDemoSim();
  reader = await demo.as(['SecurityEvents.Read.All', 'SecurityAlert.Read.All', 'SecurityIncident.Read.All']);
  responder = await demo.as(['SecurityAlert.ReadWrite.All', 'SecurityIncident.ReadWrite.All']);
});
afterAll(() => demo.close());

describe('secure score', () => {
  it('lists 90 days newest first; $top=1 is today, with a nextLink to the rest', async () => {
    const all = await readAll(reader, '/v1.0/security/secureScores');
    expect(all.items).toHaveLength(90);
    expect(all.items[0]).toMatchObject({
      id: `${CONTOSO_TENANT_ID}_2026-06-15`,
      currentScore: 412,
      maxScore: 697,
    });
    const latest = (await reader.get('/v1.0/security/secureScores?$top=1')).json();
    expect(latest['@odata.context']).toMatch(/\$metadata#security\/secureScores$/);
    expect(latest.value).toHaveLength(1);
    expect(latest.value[0].controlScores[0]).toHaveProperty('controlName');
    expect(latest['@odata.nextLink']).toContain('$skiptoken=');
  });

  it('lists control profiles, each with its gap-relevant fields', async () => {
    const profiles = await readAll(reader, '/v1.0/security/secureScoreControlProfiles');
    expect(profiles.items.length).toBeGreaterThanOrEqual(20);
    expect(profiles.items.find((p) => p.id === 'BlockLegacyAuthentication')).toMatchObject({
      maxScore: 40,
      userImpact: 'Moderate',
      implementationCost: 'Moderate',
      controlStateUpdates: [expect.objectContaining({ state: 'Default' })],
    });
    const one = await reader.get('/v1.0/security/secureScoreControlProfiles/AdminMFAV2');
    expect(one.json()).toMatchObject({ id: 'AdminMFAV2', rank: 1 });
  });

  it('answers 403 to an app without SecurityEvents.Read.All', async () => {
    const other = await demo.as(['SecurityAlert.Read.All']);
    const denied = await other.get('/v1.0/security/secureScores');
    expect(denied.status).toBe(403);
    expect(denied.json().error.code).toBe('Authorization_RequestDenied');
  });
});

describe('alerts_v2', () => {
  it('filters by severity, status and service source', async () => {
    const high = await readAll(
      reader,
      "/v1.0/security/alerts_v2?$filter=severity eq 'high' and status ne 'resolved'",
    );
    expect(high.items.map((a) => a.title).sort()).toEqual([
      'Possible MFA fatigue attack',
      'Suspicious inbox manipulation rule',
    ]);
    const office = await readAll(
      reader,
      "/v1.0/security/alerts_v2?$filter=serviceSource eq 'microsoftDefenderForOffice365'",
    );
    expect(office.items.length).toBe(3);
    const recent = await readAll(
      reader,
      '/v1.0/security/alerts_v2?$filter=createdDateTime ge 2026-06-14T00:00:00Z',
    );
    expect(recent.items.every((a) => a.createdDateTime >= '2026-06-14')).toBe(true);
    expect(recent.items.length).toBe(6);
    const assigned = await readAll(
      reader,
      "/v1.0/security/alerts_v2?$filter=assignedTo eq 'LeeG@contoso.com'",
    );
    expect(new Set(assigned.items.map((a) => a.incidentId)).size).toBeGreaterThan(1);
  });

  it('refuses a filter on a property Graph does not filter on', async () => {
    const bad = await reader.get("/v1.0/security/alerts_v2?$filter=description eq 'x'");
    expect(bad.status).toBe(400);
  });

  it('returns one alert with polymorphic evidence', async () => {
    const list = await readAll(
      reader,
      "/v1.0/security/alerts_v2?$filter=title eq 'Suspicious inbox manipulation rule'",
    );
    const id = list.items[0].id;
    const alert = (await reader.get(`/v1.0/security/alerts_v2/${id}`)).json();
    expect(alert['@odata.type']).toBe('#microsoft.graph.security.alert');
    expect(alert.mitreTechniques).toEqual(['T1564.008']);
    const mailbox = alert.evidence.find((e: { '@odata.type': string }) =>
      e['@odata.type'].endsWith('mailboxEvidence'),
    );
    expect(mailbox).toMatchObject({
      primaryAddress: demoPeople.isaiah.userPrincipalName,
      userAccount: { azureAdUserId: demoPeople.isaiah.id },
    });
    expect((await reader.get('/v1.0/security/alerts_v2/no-such-alert')).status).toBe(404);
  });

  it('updates an alert only with the ReadWrite role, validates the body, and shows the change afterwards', async () => {
    const [target] = (
      await readAll(reader, "/v1.0/security/alerts_v2?$filter=title eq 'Suspicious process discovery'")
    ).items;
    const path = `/v1.0/security/alerts_v2/${target.id}`;
    expect((await reader.send('PATCH', path, { status: 'inProgress' })).status).toBe(403);
    expect((await responder.send('PATCH', path, { status: 'closed' })).status).toBe(400);
    expect((await responder.send('PATCH', path, { severity: 'low' })).status).toBe(400);
    const patched = await responder.send('PATCH', path, {
      status: 'resolved',
      classification: 'truePositive',
      determination: 'malware',
      assignedTo: 'LeeG@contoso.com',
    });
    expect(patched.status).toBe(200);
    expect(patched.json()).toMatchObject({
      status: 'resolved',
      classification: 'truePositive',
      assignedTo: 'LeeG@contoso.com',
    });
    const after = (await reader.get(path)).json();
    expect(after).toMatchObject({ status: 'resolved', determination: 'malware' });
    expect(after.resolvedDateTime).not.toBeNull();
    expect(after.lastUpdateDateTime > target.lastUpdateDateTime).toBe(true);
  });

  it('adds a comment, attributed to the calling app', async () => {
    const [target] = (
      await readAll(reader, "/v1.0/security/alerts_v2?$filter=title eq 'Impossible travel activity'")
    ).items;
    const posted = await responder.send('POST', `/v1.0/security/alerts_v2/${target.id}/comments`, {
      '@odata.type': 'microsoft.graph.security.alertComment',
      comment: 'Checked with the user: not them.',
    });
    expect(posted.status).toBe(200);
    expect(posted.json().value.at(-1)).toMatchObject({
      comment: 'Checked with the user: not them.',
      createdByDisplayName: `API-App:${responder.clientId}`,
    });
    expect((await reader.get(`/v1.0/security/alerts_v2/${target.id}`)).json().comments).toHaveLength(1);
    expect(
      (await responder.send('POST', `/v1.0/security/alerts_v2/${target.id}/comments`, { comment: '' }))
        .status,
    ).toBe(400);
  });
});

describe('incidents', () => {
  it('filters active high-severity incidents and expands their alerts', async () => {
    const page = await reader.get(
      "/v1.0/security/incidents?$filter=status eq 'active' and severity eq 'high'&$expand=alerts",
    );
    expect(page.status).toBe(200);
    const [incident, ...rest] = page.json().value;
    expect(rest).toHaveLength(0);
    expect(incident).toMatchObject({
      id: DEMO_ATTACK_INCIDENT_ID,
      assignedTo: null,
      '@odata.type': '#microsoft.graph.security.incident',
    });
    expect(incident.alerts).toHaveLength(4);
    const plain = (await reader.get(`/v1.0/security/incidents/${DEMO_ATTACK_INCIDENT_ID}`)).json();
    expect(plain).not.toHaveProperty('alerts');
    expect(plain['@odata.context']).toMatch(/security\/incidents\/\$entity$/);
    expect((await reader.get('/v1.0/security/incidents?$expand=evidence')).status).toBe(400);
  });

  it('assigns and resolves an incident: the change shows, and reaches its alerts', async () => {
    const path = '/v1.0/security/incidents/3051317';
    expect((await reader.send('PATCH', path, { assignedTo: 'x' })).status).toBe(403);
    const assigned = await responder.send('PATCH', path, {
      assignedTo: 'LeeG@contoso.com',
      status: 'inProgress',
    });
    expect(assigned.json()).toMatchObject({ assignedTo: 'LeeG@contoso.com', status: 'inProgress' });
    const resolved = await responder.send('PATCH', `${path}?$expand=alerts`, {
      status: 'resolved',
      classification: 'falsePositive',
      determination: 'notMalicious',
      resolvingComment: 'Admin script',
    });
    expect(resolved.status).toBe(200);
    const incident = resolved.json();
    expect(incident).toMatchObject({ status: 'resolved', resolvingComment: 'Admin script' });
    for (const alert of incident.alerts)
      expect(alert).toMatchObject({ status: 'resolved', assignedTo: 'LeeG@contoso.com' });
    // The alert resolved on its own earlier keeps its own classification; the other takes the incident's.
    const byTitle = Object.fromEntries(
      incident.alerts.map((a: { title: string; classification: string }) => [a.title, a.classification]),
    );
    expect(byTitle).toEqual({
      'Suspicious PowerShell command line': 'falsePositive',
      'Suspicious process discovery': 'truePositive',
    });
    const stillActive = await readAll(reader, "/v1.0/security/incidents?$filter=status eq 'active'");
    expect(stillActive.items.map((i) => i.id)).not.toContain('3051317');
  });

  it('adds a comment to an incident', async () => {
    const posted = await responder.send(
      'POST',
      `/v1.0/security/incidents/${DEMO_ATTACK_INCIDENT_ID}/comments`,
      { comment: 'Taking this.' },
    );
    expect(posted.status).toBe(200);
    const incident = (await reader.get(`/v1.0/security/incidents/${DEMO_ATTACK_INCIDENT_ID}`)).json();
    expect(incident.comments.map((c: { comment: string }) => c.comment)).toContain('Taking this.');
    expect(
      (await responder.send('POST', '/v1.0/security/incidents/404/comments', { comment: 'x' })).status,
    ).toBe(404);
  });

  it('records each call as security workload in the request log', () => {
    const entries = demo.sim.requests.all().filter((e) => e.path.startsWith('/security/'));
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.every((e) => e.workload === 'security')).toBe(true);
  });
});
