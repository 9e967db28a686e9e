// The portfolio against one graph-sim hosting several generated tenants, through the built servers
// over stdio, each signing in as the one multi-tenant app the demo consents in every tenant (real
// credential and client code, HTTPS). Between two runs a tenant is fixed (its incidents resolved)
// and another's consent is revoked: the second run shows the fix as resolved findings, reports the
// revoked tenant with Entra's refusal, and assesses the others. Two servers keep it short; the
// --demo-portfolio command runs every built server.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoPortfolio, startDemoPortfolio } from '../src/portfolio/demo-portfolio.js';
import { parsePreviousPortfolio } from '../src/portfolio/portfolio-changes.js';
import { readPreviousPortfolio, writePortfolio } from '../src/portfolio/portfolio-files.js';
import { buildPortfolio } from '../src/portfolio/portfolio-report.js';
import { runPortfolio } from '../src/portfolio/portfolio-run.js';
import { discoverServers } from '../src/servers.js';

const servers = discoverServers(['m365-security', 'm365-identity']);
let demo: DemoPortfolio;
let out: string;

async function portfolioRun() {
  const results = await runPortfolio({
    registry: demo.registry,
    servers,
    concurrency: 3,
    env: { PATH: process.env.PATH },
    extraEnv: demo.extraEnv,
  });
  const { previous } = readPreviousPortfolio(out, undefined);
  const portfolio = buildPortfolio({ results, ...(previous ? { previous } : {}) });
  writePortfolio(out, portfolio, results);
  return { results, portfolio };
}

describe('the portfolio against a multi-tenant graph-sim', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    expect(
      servers.map((s) => s.name),
      'the servers must be built (pnpm run build)',
    ).toEqual(['m365-security', 'm365-identity']);
    demo = await startDemoPortfolio({ count: 3, servers });
    out = await mkdtemp(join(tmpdir(), 'posture-portfolio-demo-'));
  });
  afterAll(async () => {
    await demo?.close();
    await rm(out, { recursive: true, force: true });
  });

  it('assesses every tenant; then shows a fix, and a revoked consent as that tenant’s failure alone', async () => {
    const [first, second, third] = demo.registry.tenants;
    expect(demo.registry.tenants.map((t) => t.tenantId)).toEqual([...demo.sim.tenantIds]);

    const before = await portfolioRun();
    for (const result of before.results) {
      const failed = result.outcomes.filter((o) => o.state === 'failed');
      expect(failed, `${result.name}: ${JSON.stringify(failed)}`).toEqual([]);
      // Each server read its own tenant: no finding names another tenant's domain (a tenant of a
      // good grade may have no finding that names an account at all).
      const titles = result.report.risks.map((r) => r.title).join('\n');
      for (const other of demo.sim.tenantIds.filter((id) => id !== result.tenantId)) {
        expect(titles).not.toContain(demo.sim.tenantById(other)?.initialDomain ?? '?');
      }
    }
    // The critical tenant's findings name accounts of its own domain.
    const firstDomain = demo.sim.tenantById(first?.tenantId ?? '')?.initialDomain ?? '?';
    const firstResult = before.results.find((r) => r.tenantId === first?.tenantId);
    expect(firstResult?.report.risks.some((r) => r.title.includes(firstDomain))).toBe(true);
    expect(before.portfolio.tenants.map((t) => t.state)).toEqual(['assessed', 'assessed', 'assessed']);
    const incidentTitles = (name: string) =>
      before.portfolio.tenants
        .find((t) => t.name === name)
        ?.findings.filter((f) => f.title.startsWith('Open '))
        .map((f) => f.title) ?? [];
    expect(incidentTitles(first?.name ?? '').length).toBeGreaterThan(0);

    // The first tenant resolves its incidents; the third revokes the app's consent.
    for (const incident of demo.sim.tenantById(first?.tenantId ?? '')?.security.incidents ?? []) {
      incident.status = 'resolved';
    }
    expect(demo.sim.revokeConsent(third?.tenantId ?? '', demo.clientId)).toBe(true);

    const after = await portfolioRun();
    const byName = new Map(after.portfolio.tenants.map((t) => [t.name, t]));
    const fixed = byName.get(first?.name ?? '');
    expect(fixed?.change.kind).toBe('compared');
    if (fixed?.change.kind === 'compared') {
      expect(fixed.change.resolvedFindings.map((f) => f.title).sort()).toEqual(
        incidentTitles(first?.name ?? '').sort(),
      );
      expect(fixed.change.newFindings).toEqual([]);
    }
    expect(byName.get(second?.name ?? '')?.change).toMatchObject({
      kind: 'compared',
      newFindings: [],
      resolvedFindings: [],
    });
    const revoked = byName.get(third?.name ?? '');
    expect(revoked).toMatchObject({
      state: 'not-assessed',
      status: 'unknown',
      change: { kind: 'status-only' },
    });
    expect(revoked?.reason).toMatch(/^no server could read the tenant; m365-security: .*AADSTS700016/);
    // The others were assessed in the same run.
    expect(after.portfolio.summary.notAssessed).toBe(1);
    const markdown = await readFile(join(out, 'portfolio.md'), 'utf8');
    expect(markdown).toContain('not assessed: no server could read the tenant');
  });
});

describe('m365-posture --demo-portfolio', { timeout: 300_000 }, () => {
  it('runs a portfolio of generated tenants from one command', async () => {
    const bin = fileURLToPath(new URL('../bin/m365-posture.js', import.meta.url));
    const scratch = await mkdtemp(join(tmpdir(), 'posture-demo-portfolio-'));
    try {
      const args = [bin, '--demo-portfolio', '2', '--json', '--quiet', '--out', scratch];
      for (const server of servers)
        args.push('--server', `${server.name}=${server.command} ${server.args.join(' ')}`);
      const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
        (resolve) =>
          execFile(
            process.execPath,
            args,
            { env: { PATH: process.env.PATH ?? '', HOME: scratch } },
            (error, o, e) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: o, stderr: e }),
          ),
      );
      expect(code, stderr).toBe(0);
      const portfolio = JSON.parse(stdout);
      expect(portfolio.summary).toMatchObject({ tenants: 2, notAssessed: 0 });
      expect(portfolio.tenants.map((t: { name: string }) => t.name).sort()).toEqual(['demo-1', 'demo-2']);
      expect(
        parsePreviousPortfolio(await readFile(join(scratch, 'portfolio.json'), 'utf8'), 'written').tenants,
      ).toHaveLength(2);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
