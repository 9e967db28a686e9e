// The facts the demo's Defender XDR data must hold, because the security server's demo and tests
// rely on them.
import { describe, expect, it } from 'vitest';
import { CONTOSO_TENANT_ID, createDemoTenant, demoPeople } from '../../src/index.js';
import { DEMO_ATTACK_INCIDENT_ID } from '../../src/tenant/demo/security.js';

const now = new Date('2026-06-15T12:00:00Z');
const { security } = createDemoTenant({ now });

describe('demo tenant: Secure Score', () => {
  it('has 90 days of history, newest first, with ids <tenantId>_<yyyy-MM-dd>', () => {
    expect(security.secureScores).toHaveLength(90);
    expect(security.secureScores[0]?.id).toBe(`${CONTOSO_TENANT_ID}_2026-06-15`);
    expect(security.secureScores[89]?.id).toBe(`${CONTOSO_TENANT_ID}_2026-03-18`);
    const dates = security.secureScores.map((s) => s.createdDateTime);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('is below 70% today and slipped over the last 30 days', () => {
    const [today] = security.secureScores;
    expect(today?.currentScore).toBe(412);
    expect(today?.maxScore).toBe(697);
    expect((today?.currentScore ?? 0) / (today?.maxScore ?? 1)).toBeLessThan(0.7);
    const monthAgo = security.secureScores[30];
    expect(monthAgo?.currentScore).toBeGreaterThan(today?.currentScore ?? 0);
    expect((monthAgo?.currentScore ?? 0) - (today?.currentScore ?? 0)).toBeLessThan(30);
    expect(today?.averageComparativeScores.map((s) => s.basis)).toEqual([
      'AllTenants',
      'TotalSeats',
      'IndustryTypes',
    ]);
  });

  it('agrees with itself: control scores add up to the score, profile maxima to the maximum', () => {
    for (const day of security.secureScores) {
      expect(day.controlScores.reduce((n, c) => n + c.score, 0)).toBe(day.currentScore);
    }
    expect(security.controlProfiles.reduce((n, p) => n + p.maxScore, 0)).toBe(697);
    const names = security.controlProfiles.map((p) => p.id);
    for (const name of [
      'AdminMFAV2',
      'BlockLegacyAuthentication',
      'MFARegistrationV2',
      'SelfServicePasswordReset',
      'SigninRiskPolicy',
      'UserRiskPolicy',
      'OneAdmin',
      'PWAgePolicyNew',
      'IntegratedApps',
    ]) {
      expect(names).toContain(name);
    }
    for (const score of security.secureScores[0]?.controlScores ?? []) {
      const profile = security.controlProfiles.find((p) => p.id === score.controlName);
      expect(profile, score.controlName).toBeDefined();
      expect(score.score).toBeLessThanOrEqual(profile?.maxScore ?? 0);
    }
  });
});

describe('demo tenant: incidents and alerts', () => {
  it('has an active, high-severity, unassigned incident touching Isaiah Langer (a Global Administrator)', () => {
    const incident = security.incidents.find((i) => i.id === DEMO_ATTACK_INCIDENT_ID);
    expect(incident).toMatchObject({ status: 'active', severity: 'high', assignedTo: null });
    const alerts = security.alerts.filter((a) => a.incidentId === DEMO_ATTACK_INCIDENT_ID);
    expect(alerts.length).toBeGreaterThanOrEqual(3);
    const titles = alerts.map((a) => a.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Impossible travel activity',
        'Suspicious inbox manipulation rule',
        'Possible MFA fatigue attack',
      ]),
    );
    const techniques = new Set(alerts.flatMap((a) => a.mitreTechniques));
    for (const t of ['T1078', 'T1110', 'T1564.008']) expect(techniques).toContain(t);
    const evidence = alerts.flatMap((a) => a.evidence);
    const types = new Set(evidence.map((e) => e['@odata.type']));
    for (const t of ['userEvidence', 'mailboxEvidence', 'ipEvidence', 'deviceEvidence']) {
      expect(types).toContain(`#microsoft.graph.security.${t}`);
    }
    const users = evidence
      .filter((e) => e['@odata.type'] === '#microsoft.graph.security.userEvidence')
      .map((e) => e.userAccount as { azureAdUserId: string; userPrincipalName: string });
    expect(users).toContainEqual(
      expect.objectContaining({
        azureAdUserId: demoPeople.isaiah.id,
        userPrincipalName: demoPeople.isaiah.userPrincipalName,
      }),
    );
  });

  it('has a medium incident in progress and assigned, resolved ones in the history, and about 12 alerts across services', () => {
    expect(
      security.incidents.some((i) => i.severity === 'medium' && i.status === 'inProgress' && i.assignedTo),
    ).toBe(true);
    const resolved = security.incidents.filter((i) => i.status === 'resolved');
    expect(resolved.length).toBeGreaterThanOrEqual(2);
    for (const i of resolved) expect(i.classification).not.toBe('unknown');
    expect(security.alerts).toHaveLength(12);
    expect(new Set(security.alerts.map((a) => a.serviceSource)).size).toBeGreaterThanOrEqual(5);
    // Only one incident is the active, high, unassigned one.
    expect(
      security.incidents.filter((i) => i.status === 'active' && i.severity === 'high' && !i.assignedTo),
    ).toHaveLength(1);
  });

  it('keeps incidents and alerts consistent, with camelCase enums and unique ids', () => {
    const incidentIds = new Set(security.incidents.map((i) => i.id));
    expect(new Set(security.alerts.map((a) => a.id)).size).toBe(security.alerts.length);
    for (const alert of security.alerts) {
      expect(incidentIds).toContain(alert.incidentId);
      expect(alert.severity).toMatch(/^(informational|low|medium|high)$/);
      expect(alert.status).toMatch(/^(new|inProgress|resolved)$/);
      expect(alert.tenantId).toBe(CONTOSO_TENANT_ID);
      expect(alert.alertWebUrl).toContain(alert.id);
      const incident = security.incidents.find((i) => i.id === alert.incidentId);
      expect(alert.assignedTo).toBe(incident?.assignedTo);
      expect(alert.createdDateTime >= (incident?.createdDateTime ?? '')).toBe(true);
      expect((alert.status === 'resolved') === (incident?.status === 'resolved')).toBe(true);
      for (const e of alert.evidence)
        expect(e['@odata.type']).toMatch(/^#microsoft\.graph\.security\.[a-zA-Z]+Evidence$/);
    }
    for (const incident of security.incidents) {
      expect(incident.status).toMatch(/^(active|inProgress|resolved)$/);
      expect(incident.incidentWebUrl).toBe(
        `https://security.microsoft.com/incidents/${incident.id}?tid=${CONTOSO_TENANT_ID}`,
      );
    }
  });

  it('gives every call a fresh copy: changing one tenant leaves the next untouched', () => {
    const a = createDemoTenant({ now });
    const first = a.security.incidents[0];
    if (first) first.status = 'resolved';
    expect(createDemoTenant({ now }).security.incidents[0]?.status).not.toBe('resolved');
    expect(createDemoTenant({ now }).security).toEqual(security);
  });
});
