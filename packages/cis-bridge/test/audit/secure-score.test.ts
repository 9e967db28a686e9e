import { createDemoTenant, DEMO_CONTROLS, demoScoreOn } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeSecureScores } from '../../src/audit/secure-score.js';
import { compareRuns, exportRunJson, runAudit } from '../../src/index.js';
import { type AuditWorld, startAuditWorld } from './graph-audit.js';

// A Graph audit reads the Secure Score history once and keeps a summary on the run (the report's
// overview and trend); drift compares only today's control states.

const now = new Date('2026-11-25T12:00:00Z');
const maxScore = DEMO_CONTROLS.reduce((n, c) => n + c.maxScore, 0);
const scoreRequests = (world: AuditWorld) =>
  world.sim.requests.all().filter((r) => r.side === 'graph' && r.path === '/security/secureScores');

describe('a Graph audit of the demo tenant', () => {
  let world: AuditWorld;
  beforeAll(async () => {
    world = await startAuditWorld({ tenant: createDemoTenant({ now }) });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('reads 90 days of Secure Score in one request and keeps the summary on the run', async () => {
    world.sim.requests.clear();
    const run = await runAudit(world.graph, { now });
    const requests = scoreRequests(world);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.query.$top).toBe('90');

    const score = run.secureScore;
    expect(score).toBeDefined();
    expect(score?.current).toBe(demoScoreOn(0));
    expect(score?.max).toBe(maxScore);
    expect(score?.percentage).toBe(Math.round((demoScoreOn(0) / maxScore) * 1000) / 10);
    expect(score?.asOf).toBe('2026-11-25T03:12:44Z');
    expect(score?.series).toHaveLength(90);
    // Oldest first, one a day, each with its own points and maximum.
    expect(score?.series[0]).toEqual({ date: '2026-08-28', score: demoScoreOn(89), max: maxScore });
    expect(score?.series.at(-1)).toEqual({ date: '2026-11-25', score: demoScoreOn(0), max: maxScore });
    const dates = score?.series.map((p) => p.date) ?? [];
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(90);

    // The snapshot drift compares holds today only, as before the history was read.
    expect(run.snapshots.secureScore).toHaveLength(1);

    // The JSON export carries the summary.
    const exported = JSON.parse(exportRunJson(run)) as { secureScore?: { series: unknown[] } };
    expect(exported.secureScore?.series).toHaveLength(90);
  });

  it('reads the score whichever controls are selected (the overview always shows it)', async () => {
    world.sim.requests.clear();
    const run = await runAudit(world.graph, { now, filter: { sections: ['1'] } });
    expect(run.results.every((r) => r.section.startsWith('1'))).toBe(true);
    expect(scoreRequests(world)).toHaveLength(1);
    expect(run.secureScore?.current).toBe(demoScoreOn(0));
  });

  it('a day later, drift sees no setting change from the longer history', async () => {
    const before = await runAudit(world.graph, { now });
    const tenant = world.sim.tenant;
    // A new day arrives at the top of the history; control states unchanged.
    const today = tenant.security.secureScores[0];
    if (!today) throw new Error('demo has no score');
    // Microsoft stamps every control's lastSynced with the new day: not a change of any setting.
    tenant.security.secureScores.unshift({
      ...today,
      id: `${today.azureTenantId}_2026-11-26`,
      createdDateTime: '2026-11-26T03:12:44Z',
      controlScores: today.controlScores.map((c) => ({ ...c, lastSynced: '2026-11-26T03:12:44Z' })),
    });
    tenant.security.secureScores.pop();
    try {
      const after = await runAudit(world.graph, { now });
      expect(after.secureScore?.series.at(-1)?.date).toBe('2026-11-26');
      expect(after.secureScore?.series[0]?.date).toBe('2026-08-29');
      const drift = compareRuns(before, after);
      expect(drift.settingChanges.filter((c) => c.resource === 'secureScore')).toEqual([]);
    } finally {
      tenant.security.secureScores.shift();
    }
  });
});

describe('a Graph audit that may not read Secure Score', () => {
  it('has no score on the run, and every control is still evaluated from its own resources', async () => {
    const world = await startAuditWorld({
      tenant: createDemoTenant({ now }),
      without: ['SecurityEvents.Read.All'],
    });
    try {
      const run = await runAudit(world.graph, { now });
      expect(run.secureScore).toBeUndefined();
      expect(run.snapshots.secureScore).toBeUndefined();
      const reasons = run.results.map((r) => r.finding.reason ?? '');
      expect(reasons.filter((reason) => reason.includes('SecurityEvents.Read.All'))).toEqual([]);
      expect(run.results.find((r) => r.finding.id === 'CIS.M365.1.1.3')?.finding.status).toBe('fail');
    } finally {
      await world.close();
    }
  });
});

describe('summarizeSecureScores', () => {
  const row = (created: string, currentScore: unknown, maxScore: unknown = 100) => ({
    createdDateTime: created,
    currentScore,
    maxScore,
  });

  it('is undefined when no row is a usable score', () => {
    expect(summarizeSecureScores([])).toBeUndefined();
    expect(
      summarizeSecureScores([row('2026-11-25T00:00:00Z', 'high'), row('x', 1), { id: 1 }]),
    ).toBeUndefined();
    expect(summarizeSecureScores([row('2026-11-25T00:00:00Z', 10, 0)])).toBeUndefined();
  });

  it('orders by day whatever order Graph used, keeps the later row of a day, and drops bad rows', () => {
    const summary = summarizeSecureScores([
      row('2026-11-24T03:00:00Z', 40),
      row('2026-11-25T03:00:00Z', 41.239),
      row('2026-11-23T03:00:00Z', 39),
      row('2026-11-24T09:00:00Z', 40.5),
      row('2026-11-22T03:00:00Z', Number.NaN),
      null,
    ]);
    expect(summary).toEqual({
      current: 41.24,
      max: 100,
      percentage: 41.2,
      asOf: '2026-11-25T03:00:00Z',
      series: [
        { date: '2026-11-23', score: 39, max: 100 },
        { date: '2026-11-24', score: 40.5, max: 100 },
        { date: '2026-11-25', score: 41.24, max: 100 },
      ],
    });
  });
});
