// A portfolio run through real server processes (the stand-in server over stdio): each tenant's
// servers started with that tenant's sign-in from the registry, at most `concurrency` tenants at
// once (counted from the progress events), and a tenant that cannot be signed in to reported with
// the reason while the others are assessed.
import { fileURLToPath } from 'node:url';
import { parseTenantRegistry } from '@m365-mcp/auth';
import { describe, expect, it } from 'vitest';
import { notAssessedReason, runPortfolio } from '../src/portfolio/portfolio-run.js';
import type { ProgressEvent } from '../src/progress-events.js';
import type { ServerCommand } from '../src/servers.js';

const fakeServer = fileURLToPath(new URL('./fixtures/fake-server.mjs', import.meta.url));
const servers: ServerCommand[] = [
  { name: 'm365-security', command: process.execPath, args: [fakeServer] },
  { name: 'm365-identity', command: process.execPath, args: [fakeServer] },
];

const tenantId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function registryOf(count: number, extra: object[] = []) {
  return parseTenantRegistry(
    JSON.stringify({
      signIn: { clientId: '11111111-1111-4111-8111-111111111111', secretEnv: 'PORTFOLIO_SECRET' },
      tenants: [
        ...Array.from({ length: count }, (_, i) => ({ name: `t${i + 1}`, tenantId: tenantId(i + 1) })),
        ...extra,
      ],
    }),
    '/tmp/tenants.json',
  );
}

describe('a portfolio run', () => {
  it('starts each tenant’s servers with that tenant’s sign-in, and never hands the registry on', async () => {
    const runs = await runPortfolio({
      registry: registryOf(2),
      servers: servers.slice(0, 1),
      env: {
        PATH: process.env.PATH,
        FAKE_ASSESSMENT: 'env',
        PORTFOLIO_SECRET: 'the-app-secret',
        M365_TENANTS_FILE: '/tmp/tenants.json',
        AZURE_CLIENT_SECRET: 'the-operator-secret',
      },
    });
    for (const [i, run] of runs.entries()) {
      expect(run.notAssessedReason).toBeUndefined();
      const seen = run.report.nextActions;
      expect(seen).toContain(`tenant=${tenantId(i + 1)}`);
      expect(seen).toContain('client-id=11111111-1111-4111-8111-111111111111');
      // The registry's secret, never the operator's; and no registry: the process serves one tenant.
      expect(seen).toContain('secret=the-app-secret');
      expect(seen).toContain('tenants-file=');
    }
    expect(runs[0]?.report.tenant).toBe(`t1 (${tenantId(1)})`);
  });

  it('runs at most `concurrency` tenants at once, and every tenant once', async () => {
    const events: ProgressEvent[] = [];
    let running = 0;
    let most = 0;
    await runPortfolio({
      registry: registryOf(5),
      servers,
      concurrency: 2,
      env: {
        PATH: process.env.PATH,
        PORTFOLIO_SECRET: 's',
        FAKE_ASSESSMENT: JSON.stringify({ status: 'ok', statusRule: 'r' }),
      },
      onProgress: (event) => {
        events.push(event);
        if (event.phase === 'starting') most = Math.max(most, ++running);
        if (event.phase === 'done' || event.phase === 'failed') running -= 1;
      },
    });
    expect(most).toBe(2);
    expect(events.filter((e) => e.phase === 'queued').map((e) => e.server)).toEqual([
      't1',
      't2',
      't3',
      't4',
      't5',
    ]);
    expect(
      events
        .filter((e) => e.phase === 'done')
        .map((e) => e.server)
        .sort(),
    ).toEqual(['t1', 't2', 't3', 't4', 't5']);
    // Within a tenant: one `assessing` per server, in order.
    expect(events.filter((e) => e.server === 't3' && e.phase === 'assessing')).toEqual([
      {
        server: 't3',
        phase: 'assessing',
        tool: 'm365-security',
        toolIndex: 1,
        toolCount: 2,
        steps: 'servers',
      },
      {
        server: 't3',
        phase: 'assessing',
        tool: 'm365-identity',
        toolIndex: 2,
        toolCount: 2,
        steps: 'servers',
      },
    ]);
  });

  it('reports a tenant it cannot sign in to with the reason, and assesses the others', async () => {
    const registry = registryOf(2, [
      {
        name: 'own-app',
        tenantId: tenantId(9),
        signIn: { clientId: '22222222-2222-4222-8222-222222222222', secretEnv: 'OWN_APP_SECRET' },
      },
    ]);
    const events: ProgressEvent[] = [];
    const runs = await runPortfolio({
      registry,
      servers,
      env: {
        PATH: process.env.PATH,
        PORTFOLIO_SECRET: 's',
        FAKE_ASSESSMENT_BY_TENANT: JSON.stringify({
          [tenantId(1)]: {
            status: 'critical',
            statusRule: 'r',
            findings: [{ id: 'X', title: 'Bad', severity: 'high', status: 'fail' }],
          },
          [tenantId(2)]: { status: 'ok', statusRule: 'r' },
        }),
      },
      onProgress: (event) => events.push(event),
    });
    expect(runs.map((r) => [r.name, r.report.overall.status, r.notAssessedReason])).toEqual([
      ['t1', 'critical', undefined],
      ['t2', 'ok', undefined],
      [
        'own-app',
        'unknown',
        expect.stringMatching(/^every server failed; m365-security: OWN_APP_SECRET is not set: .*"own-app"/),
      ],
    ]);
    expect(events.find((e) => e.server === 'own-app' && e.phase === 'failed')).toMatchObject({
      error: expect.stringMatching(
        /^not assessed: every server failed; m365-security: OWN_APP_SECRET is not set/,
      ),
    });
  });

  it('counts a tenant no server could read (every check an error, as after a revoked consent) as not assessed', () => {
    const unread = (server: string, reason: string) => ({
      server,
      state: 'assessed' as const,
      tools: ['assess'],
      assessments: [
        {
          tool: 'assess',
          assessment: {
            status: 'unknown' as const,
            statusRule: 'r',
            nextActions: [],
            findings: [{ id: 'x', title: 'not read', severity: 'info' as const, status: 'error', reason }],
          },
        },
      ],
    });
    expect(
      notAssessedReason([
        unread('m365-security', 'AADSTS700016: not found'),
        unread('m365-identity', 'same'),
      ]),
    ).toBe('no server could read the tenant; m365-security: AADSTS700016: not found');
    const oneRead = unread('m365-identity', 'n/a');
    oneRead.assessments[0]?.assessment.findings.push({
      id: 'y',
      title: 'ok',
      severity: 'info',
      status: 'pass',
      reason: '',
    });
    expect(notAssessedReason([unread('m365-security', 'AADSTS700016'), oneRead])).toBeUndefined();
    expect(
      notAssessedReason([{ server: 'm365-security', state: 'failed', error: 'x'.repeat(600) }]),
    ).toHaveLength(500);
  });
});
