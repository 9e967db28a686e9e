// The domain logic on its own, with hand-made Graph-shaped data (no MCP, no simulator).
import { describe, expect, it } from 'vitest';
import { incidentEntities } from '../src/analysis/entities.js';
import { assessImpact } from '../src/analysis/impact.js';
import { incidentTechniques } from '../src/analysis/mitre.js';
import { assessPosture } from '../src/analysis/posture.js';
import { responsePlan } from '../src/analysis/response-plan.js';
import { improvementActions, scoreTrend } from '../src/analysis/score.js';
import type { Alert, ControlProfile, Incident, SecureScore } from '../src/graph/schemas.js';

const userId = '11111111-2222-4333-8444-555555555555';
const now = new Date('2026-06-01T12:00:00Z');

function score(day: string, current: number, controls: SecureScore['controlScores'] = []): SecureScore {
  return {
    id: `t_${day}`,
    createdDateTime: `${day}T03:00:00Z`,
    currentScore: current,
    maxScore: 200,
    controlScores: controls,
  };
}

function alert(partial: Partial<Alert>): Alert {
  return {
    id: 'a1',
    title: 'Alert',
    severity: 'high',
    status: 'new',
    serviceSource: 'microsoftDefenderForCloudApps',
    createdDateTime: '2026-06-01T10:00:00Z',
    evidence: [],
    ...partial,
  };
}

const incident: Incident = {
  id: '42',
  displayName: 'Incident',
  severity: 'high',
  status: 'active',
  assignedTo: null,
  createdDateTime: '2026-06-01T10:00:00Z',
};

const compromisedUser = {
  '@odata.type': '#microsoft.graph.security.userEvidence',
  verdict: 'suspicious',
  roles: ['compromised'],
  userAccount: { azureAdUserId: userId, userPrincipalName: 'admin@contoso.com', displayName: 'Admin' },
};

describe('secure score', () => {
  it('computes the trend from newest-first history and calls a small change flat', () => {
    const trend = scoreTrend([score('2026-06-01', 120), score('2026-05-15', 130), score('2026-05-01', 140)]);
    expect(trend).toMatchObject({
      days: 3,
      changePoints: -20,
      changePercentagePoints: -10,
      direction: 'declining',
    });
    expect(trend?.series.map((p) => p.date)).toEqual(['2026-05-01', '2026-05-15', '2026-06-01']);
    expect(scoreTrend([score('2026-06-01', 100.5), score('2026-05-01', 100)])?.direction).toBe('flat');
    expect(scoreTrend([])).toBeUndefined();
  });

  it('orders improvement actions by gap, skipping earned, deprecated and ignored controls', () => {
    const latest = score('2026-06-01', 50, [
      { controlName: 'A', score: 5 },
      { controlName: 'B', score: 0 },
      { controlName: 'Done', score: 10 },
      { controlName: 'Old', score: 0 },
      { controlName: 'Ignored', score: 0 },
    ]);
    const profile = (id: string, maxScore: number, extra: Partial<ControlProfile> = {}): ControlProfile => ({
      id,
      title: id,
      maxScore,
      ...extra,
    });
    const { actions, excluded } = improvementActions(latest, [
      profile('A', 10),
      profile('B', 30),
      profile('Done', 10),
      profile('Old', 50, { deprecated: true }),
      profile('Ignored', 40, { controlStateUpdates: [{ state: 'Ignored', updatedDateTime: '2026-01-01' }] }),
    ]);
    expect(actions.map((a) => [a.controlId, a.gap])).toEqual([
      ['B', 30],
      ['A', 5],
    ]);
    expect(excluded.map((e) => e.controlId)).toEqual(['Old', 'Ignored']);
  });
});

describe('incident evidence', () => {
  it('merges entities across alerts, keeps the worse verdict, and lists only alarming indicators', () => {
    const alerts = [
      alert({
        id: 'a1',
        mitreTechniques: ['T1078', 'not-a-technique'],
        evidence: [
          compromisedUser,
          {
            '@odata.type': '#microsoft.graph.security.ipEvidence',
            verdict: 'unknown',
            roles: ['attacker'],
            ipAddress: '203.0.113.9',
          },
          {
            '@odata.type': '#microsoft.graph.security.ipEvidence',
            verdict: 'noThreatsFound',
            roles: [],
            ipAddress: '198.51.100.1',
          },
        ],
      }),
      alert({
        id: 'a2',
        mitreTechniques: ['T1078', 'T1564.008'],
        evidence: [
          { ...compromisedUser, verdict: 'malicious' },
          {
            '@odata.type': '#microsoft.graph.security.mailboxEvidence',
            verdict: 'suspicious',
            primaryAddress: 'admin@contoso.com',
          },
          { '@odata.type': '#microsoft.graph.security.registryKeyEvidence', verdict: 'suspicious' },
        ],
      }),
    ];
    const entities = incidentEntities(alerts);
    expect(entities.users).toEqual([
      expect.objectContaining({ userId, verdict: 'malicious', alertIds: ['a1', 'a2'] }),
    ]);
    expect(entities.mailboxes.map((m) => m.primaryAddress)).toEqual(['admin@contoso.com']);
    expect(entities.indicators).toEqual([expect.objectContaining({ type: 'ip', value: '203.0.113.9' })]);
    expect(incidentTechniques(alerts).map((t) => [t.id, t.alertCount])).toEqual([
      ['T1078', 2],
      ['T1564.008', 1],
    ]);
  });

  it('rates impact critical only when a compromised account is privileged, and plans accordingly', () => {
    const alerts = [alert({ evidence: [compromisedUser], lastActivityDateTime: '2026-06-01T10:00:00Z' })];
    const entities = incidentEntities(alerts);
    const privileged = {
      status: 'known' as const,
      accounts: [{ userId, roles: [{ id: 'ga', displayName: 'Global Administrator', privileged: true }] }],
    };
    const impact = assessImpact(incident, alerts, entities, privileged, now);
    expect(impact).toMatchObject({ level: 'critical', recency: 'ongoing', hoursSinceLastActivity: 2 });
    const plan = responsePlan(incident, alerts, entities, impact);
    expect(plan[0]).toMatchObject({ automation: 'safe-to-automate', tool: { name: 'respond_to_incident' } });
    const disable = plan.find((s) => s.action.includes('disable'));
    expect(disable).toMatchObject({
      automation: 'needs-a-human',
      tool: { server: 'm365-identity', name: 'contain_user' },
    });
    expect(disable?.why).toMatch(/privileged/);

    const unknown = assessImpact(
      incident,
      alerts,
      entities,
      { status: 'unknown', reason: 'no permission' },
      now,
    );
    expect(unknown).toMatchObject({ level: 'high', privilegedStatus: 'unknown', privilegedAccounts: [] });
    const resolved = responsePlan({ ...incident, status: 'resolved' }, alerts, entities, unknown);
    expect(resolved).toHaveLength(1);
  });
});

describe('posture', () => {
  const okScore = {
    ok: true as const,
    complete: true,
    value: { current: 180, max: 200, asOf: '2026-06-01', trend: undefined },
  };
  it('is OK with a good score and no open incident, UNKNOWN when a source is missing, CRITICAL on a low score', () => {
    const none = { ok: true as const, complete: true, value: [] };
    const known = { status: 'known' as const, accounts: [] };
    expect(assessPosture({ tenantId: 't', score: okScore, incidents: none, privileged: known }).status).toBe(
      'ok',
    );
    const missing = { ok: false as const, reason: '403', skipped: true };
    const unknown = assessPosture({ tenantId: 't', score: okScore, incidents: missing, privileged: known });
    expect(unknown.status).toBe('unknown');
    expect(unknown.findings.find((f) => f.id === 'security.incident.open')?.status).toBe('skipped');
    const low = { ...okScore, value: { ...okScore.value, current: 100 } };
    const critical = assessPosture({ tenantId: 't', score: low, incidents: missing, privileged: known });
    expect(critical.status).toBe('critical');
  });

  it('warns on an unassigned low-severity incident, and not once it is assigned', () => {
    const known = { status: 'known' as const, accounts: [] };
    const open = { ...incident, severity: 'low' };
    const warn = assessPosture({
      tenantId: 't',
      score: okScore,
      incidents: { ok: true, complete: true, value: [open] },
      privileged: known,
    });
    expect(warn.status).toBe('warning');
    const assigned = { ...open, assignedTo: 'someone@contoso.com' };
    const fine = assessPosture({
      tenantId: 't',
      score: okScore,
      incidents: { ok: true, complete: true, value: [assigned] },
      privileged: known,
    });
    expect(fine.status).toBe('ok');
  });
});
