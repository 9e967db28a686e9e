// The portfolio built from tenant results (pure): worst first, the change since a previous run,
// the JSON shape and its reading back, and the gate --fail-on applies.
import { describe, expect, it } from 'vitest';
import { parsePreviousPortfolio } from '../src/portfolio/portfolio-changes.js';
import { portfolioFailsGate } from '../src/portfolio/portfolio-cli.js';
import { buildPortfolio, PORTFOLIO_VERSION } from '../src/portfolio/portfolio-report.js';
import { ids, tenantResult } from './portfolio-fixtures.js';

const adminExposed = { id: 'SEC-1', title: 'Admin exposed', severity: 'critical' } as const;
const noMfa = { id: 'SEC-2', title: 'Admin without MFA', severity: 'high' } as const;
const oldTls = { id: 'SEC-3', title: 'Legacy TLS allowed', severity: 'medium' } as const;

const firstRun = [
  tenantResult({ name: 'ok-co', tenantId: ids.a, status: 'ok' }),
  tenantResult({ name: 'lesser', tenantId: ids.b, status: 'critical', findings: [adminExposed] }),
  tenantResult({ name: 'worse', tenantId: ids.c, status: 'critical', findings: [adminExposed, noMfa] }),
  tenantResult({
    name: 'locked-out',
    tenantId: ids.d,
    notAssessedReason: 'every server failed; AADSTS700016',
  }),
];

describe('the portfolio', () => {
  it('lists every tenant worst first: by status, then by risk score', () => {
    const portfolio = buildPortfolio({ results: firstRun, now: new Date('2026-12-01T00:00:00Z') });
    expect(portfolio.tenants.map((t) => [t.name, t.status, t.score])).toEqual([
      ['worse', 'critical', 15],
      ['lesser', 'critical', 10],
      ['locked-out', 'unknown', 0],
      ['ok-co', 'ok', 0],
    ]);
    expect(portfolio).toMatchObject({
      kind: 'm365-posture-portfolio',
      version: PORTFOLIO_VERSION,
      generatedAt: '2026-12-01T00:00:00.000Z',
      overall: { status: 'critical' },
      summary: { tenants: 4, notAssessed: 1, byStatus: { critical: 2, warning: 0, unknown: 1, ok: 1 } },
    });
    const worse = portfolio.tenants[0];
    expect(worse?.topRisks).toEqual([
      { title: 'Admin exposed', severity: 'critical', server: 'm365-security' },
      { title: 'Admin without MFA', severity: 'high', server: 'm365-security' },
    ]);
    expect(worse?.reports).toEqual({
      html: 'worse/report.html',
      json: 'worse/report.json',
      markdown: 'worse/report.md',
    });
    expect(worse?.change).toEqual({ kind: 'first-run' });
    const lockedOut = portfolio.tenants.find((t) => t.name === 'locked-out');
    expect(lockedOut).toMatchObject({ state: 'not-assessed', reason: 'every server failed; AADSTS700016' });
  });

  it('compares each tenant with the previous run: status change, new and resolved findings', () => {
    const previous = parsePreviousPortfolio(
      JSON.stringify(buildPortfolio({ results: firstRun })),
      'previous.json',
    );
    const secondRun = [
      tenantResult({ name: 'ok-co', tenantId: ids.a, status: 'warning', findings: [oldTls] }),
      // fixed: the critical finding is gone
      tenantResult({ name: 'lesser', tenantId: ids.b, status: 'ok' }),
      // The same tenant id in capitals (a registry edited by hand) is the same tenant.
      tenantResult({
        name: 'worse',
        tenantId: ids.c.toUpperCase(),
        status: 'critical',
        findings: [adminExposed, noMfa],
      }),
      tenantResult({ name: 'locked-out', tenantId: ids.d, status: 'ok' }),
      tenantResult({ name: 'newcomer', tenantId: '00000000-0000-4000-8000-00000000000e', status: 'ok' }),
    ];
    const portfolio = buildPortfolio({ results: secondRun, previous });
    const change = Object.fromEntries(portfolio.tenants.map((t) => [t.name, t.change]));
    expect(portfolio.previousGeneratedAt).toBe(previous.generatedAt);
    expect(change.lesser).toEqual({
      kind: 'compared',
      previousStatus: 'critical',
      statusChanged: true,
      newFindings: [],
      resolvedFindings: [{ title: 'Admin exposed', severity: 'critical', server: 'm365-security' }],
    });
    expect(change['ok-co']).toMatchObject({
      kind: 'compared',
      previousStatus: 'ok',
      statusChanged: true,
      newFindings: [{ title: 'Legacy TLS allowed' }],
      resolvedFindings: [],
    });
    expect(change.worse).toMatchObject({
      kind: 'compared',
      statusChanged: false,
      newFindings: [],
      resolvedFindings: [],
    });
    // The earlier run could not read it: its findings are not compared, only its status.
    expect(change['locked-out']).toEqual({
      kind: 'status-only',
      previousStatus: 'unknown',
      statusChanged: true,
    });
    expect(change.newcomer).toEqual({ kind: 'new-tenant' });
  });

  it('refuses a previous file that is not a version 1 portfolio, saying what is wrong', () => {
    expect(() => parsePreviousPortfolio('{', 'old.json')).toThrow(/^old\.json is not JSON/);
    expect(() => parsePreviousPortfolio('{"kind":"m365-posture-portfolio","version":2}', 'old.json')).toThrow(
      'old.json is not a version 1 m365-posture portfolio: version:',
    );
    expect(() => parsePreviousPortfolio(JSON.stringify({ overall: {} }), 'report.json')).toThrow(
      'report.json is not a version 1 m365-posture portfolio: kind:',
    );
  });

  it('fails the --fail-on gate on the worst tenant, and on a tenant that could not be assessed', () => {
    const assessed = firstRun.filter((r) => r.notAssessedReason === undefined);
    expect(portfolioFailsGate(assessed, 'critical')).toBe(true);
    expect(portfolioFailsGate(assessed.slice(0, 1), 'info')).toBe(false);
    const highOnly = [tenantResult({ name: 'x', tenantId: ids.a, status: 'warning', findings: [noMfa] })];
    expect(portfolioFailsGate(highOnly, 'critical')).toBe(false);
    expect(portfolioFailsGate(highOnly, 'high')).toBe(true);
    expect(portfolioFailsGate(firstRun.slice(3), 'critical')).toBe(true);
  });
});
