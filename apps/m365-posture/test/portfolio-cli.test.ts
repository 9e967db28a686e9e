// The BUILT m365-posture command with --tenants, as CI runs it (stderr piped): a line per tenant's
// start and end on stderr, the reports in the --out folder, the change since the previous run
// (run twice, a tenant fixed in between), --fail-on's exit codes and the usage errors said before
// anything runs. The servers are the stand-in server, answering per tenant.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/m365-posture.js', import.meta.url));
const fakeServer = fileURLToPath(new URL('./fixtures/fake-server.mjs', import.meta.url));
const server = `m365-security=${process.execPath} ${fakeServer}`;

const ids = {
  contoso: '00000000-0000-4000-8000-000000000001',
  fabrikam: '00000000-0000-4000-8000-000000000002',
  northwind: '00000000-0000-4000-8000-000000000003',
};
const exposed = { id: 'SEC-1', title: 'Admin exposed', severity: 'critical', status: 'fail' };
const noMfa = { id: 'SEC-2', title: 'Admin without MFA', severity: 'high', status: 'fail' };
const critical = { status: 'critical', statusRule: 'r', findings: [exposed, noMfa] };
const ok = { status: 'ok', statusRule: 'r', findings: [] };

let scratch: string;
let registry: string;

function posture(
  args: string[],
  byTenant: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        cwd: scratch,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: scratch,
          PORTFOLIO_SECRET: 'app-secret',
          FAKE_ASSESSMENT_BY_TENANT: JSON.stringify(byTenant),
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('m365-posture --tenants', () => {
  beforeAll(async () => {
    expect(
      existsSync(fileURLToPath(new URL('../dist/bin.js', import.meta.url))),
      'm365-posture must be built (pnpm --filter @m365-mcp/m365-posture build)',
    ).toBe(true);
    scratch = await mkdtemp(join(tmpdir(), 'posture-portfolio-'));
    registry = join(scratch, 'tenants.json');
    await writeFile(
      registry,
      JSON.stringify({
        signIn: { clientId: '11111111-1111-4111-8111-111111111111', secretEnv: 'PORTFOLIO_SECRET' },
        tenants: [
          { name: 'contoso', tenantId: ids.contoso, displayName: 'Contoso <Ltd>' },
          { name: 'fabrikam', tenantId: ids.fabrikam },
          { name: 'northwind', tenantId: ids.northwind },
        ],
      }),
    );
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('writes each tenant’s reports and the portfolio, worst first; then compares the next run with it', async () => {
    const first = await posture(['--tenants', registry, '--server', server, '--concurrency', '2'], {
      [ids.contoso]: ok,
      [ids.fabrikam]: critical,
      [ids.northwind]: { ...critical, findings: [noMfa] },
    });
    expect(first.code, first.stderr).toBe(0);
    // One line per tenant's start and end, no server steps, no escape codes.
    const progress = first.stderr.trim().split('\n');
    expect(progress.filter((l) => l.endsWith('] starting')).sort()).toEqual([
      '[contoso] starting',
      '[fabrikam] starting',
      '[northwind] starting',
    ]);
    expect(progress.filter((l) => / assessed: /.test(l))).toHaveLength(3);
    expect(progress.find((l) => l.startsWith('[fabrikam] assessed'))).toMatch(
      /^\[fabrikam\] assessed: CRITICAL \(\d+\.\ds\)$/,
    );
    expect(progress).toHaveLength(6);
    expect(first.stderr).not.toContain('\u001b');

    const out = join(scratch, 'reports/portfolio');
    expect(first.stdout.split('\n')[0]).toBe('Microsoft 365 posture of 3 tenants: CRITICAL');
    expect(first.stdout).toContain(`Portfolio: ${join(out, 'portfolio.html')}`);
    for (const tenant of ['contoso', 'fabrikam', 'northwind']) {
      for (const file of ['report.html', 'report.json', 'report.md']) {
        expect(existsSync(join(out, tenant, file)), `${tenant}/${file}`).toBe(true);
      }
    }
    const tenantReport = JSON.parse(await readFile(join(out, 'fabrikam/report.json'), 'utf8'));
    expect(tenantReport).toMatchObject({
      tenant: `fabrikam (${ids.fabrikam})`,
      overall: { status: 'critical' },
    });
    const portfolio = JSON.parse(await readFile(join(out, 'portfolio.json'), 'utf8'));
    expect(portfolio).toMatchObject({ kind: 'm365-posture-portfolio', version: 1 });
    expect(portfolio.tenants.map((t: { name: string }) => t.name)).toEqual([
      'fabrikam',
      'northwind',
      'contoso',
    ]);
    expect(portfolio.tenants[0]).toMatchObject({
      status: 'critical',
      score: 15,
      counts: { critical: 1, high: 1 },
      topRisks: [{ title: 'Admin exposed' }, { title: 'Admin without MFA' }],
      change: { kind: 'first-run' },
      reports: { html: 'fabrikam/report.html' },
    });
    const html = await readFile(join(out, 'portfolio.html'), 'utf8');
    expect(html).toContain('Contoso &lt;Ltd&gt;');
    expect(await readFile(join(out, 'portfolio.md'), 'utf8')).toContain('[report](fabrikam/report.md)');

    // fabrikam fixes its exposed admin; the next run compares with the portfolio.json just written.
    const second = await posture(['--tenants', registry, '--server', server, '--quiet'], {
      [ids.contoso]: ok,
      [ids.fabrikam]: { status: 'warning', statusRule: 'r', findings: [noMfa] },
      [ids.northwind]: { ...critical, findings: [noMfa] },
    });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toBe('');
    const next = JSON.parse(await readFile(join(out, 'portfolio.json'), 'utf8'));
    expect(next.previousGeneratedAt).toBe(portfolio.generatedAt);
    const fabrikam = next.tenants.find((t: { name: string }) => t.name === 'fabrikam');
    expect(fabrikam.change).toEqual({
      kind: 'compared',
      previousStatus: 'critical',
      statusChanged: true,
      newFindings: [],
      resolvedFindings: [{ title: 'Admin exposed', severity: 'critical', server: 'm365-security' }],
    });
    expect(second.stdout).toContain(
      'fabrikam   WARNING   score 5, 0 critical, 1 high; CRITICAL → WARNING, 0 new, 1 resolved',
    );
    expect(await readFile(join(out, 'portfolio.html'), 'utf8')).toMatch(
      /Resolved<\/div><ul><li>Admin exposed<\/li>/,
    );
  });

  it('--fail-on exits 2 by the worst tenant, 0 when every tenant passes, 2 for a tenant not assessed', async () => {
    const args = ['--tenants', registry, '--server', server, '--quiet', '--out', 'gate'];
    const worst = await posture([...args, '--fail-on', 'critical'], {
      [ids.contoso]: ok,
      [ids.fabrikam]: ok,
      [ids.northwind]: critical,
    });
    expect(worst.code, worst.stderr).toBe(2);
    const passing = await posture([...args, '--fail-on', 'high'], {
      [ids.contoso]: ok,
      [ids.fabrikam]: ok,
      [ids.northwind]: { status: 'warning', statusRule: 'r', findings: [{ ...noMfa, severity: 'medium' }] },
    });
    expect(passing.code, passing.stderr).toBe(0);
    // Without PORTFOLIO_SECRET no tenant can sign in: each is reported, with the reason.
    const locked = await posture([...args, '--fail-on', 'critical', '--json'], {}, { PORTFOLIO_SECRET: '' });
    expect(locked.code).toBe(2);
    const portfolio = JSON.parse(locked.stdout);
    expect(portfolio.summary.notAssessed).toBe(3);
    expect(portfolio.tenants[0].reason).toMatch(
      /^every server failed; m365-security: PORTFOLIO_SECRET is not set/,
    );
  });

  it('says what is wrong before running anything', async () => {
    const missing = await posture(['--tenants', 'nope.json', '--server', server], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: The tenants registry "nope\.json" does not exist/);
    const html = await posture(['--tenants', registry, '--html', 'x.html'], {});
    expect(html).toMatchObject({ code: 1, stdout: '' });
    expect(html.stderr).toContain('--html and --markdown are for one tenant');
    await writeFile(join(scratch, 'not-a-portfolio.json'), '{"overall":{}}');
    const previous = await posture(['--tenants', registry, '--previous', 'not-a-portfolio.json'], {});
    expect(previous.code).toBe(1);
    expect(previous.stderr).toBe(
      'error: --previous not-a-portfolio.json is not a version 1 m365-posture portfolio: kind: Invalid input: expected "m365-posture-portfolio"\n',
    );
    await writeFile(join(scratch, 'a-file'), '');
    const outFile = await posture(['--tenants', registry, '--out', 'a-file'], {});
    expect(outFile).toMatchObject({ code: 1, stdout: '' });
    expect(outFile.stderr).toBe(
      'error: --out a-file: is a file; with --tenants it is the folder for every report\n',
    );
    const tooMany = await posture(['--demo-portfolio', '51'], {});
    expect(tooMany.stderr).toBe('error: --demo-portfolio runs at most 50 tenants, got 51\n');
    const concurrency = await posture(['--tenants', registry, '--concurrency', '0'], {});
    expect(concurrency.code).toBe(1);
    expect(concurrency.stderr).toContain('--concurrency takes a whole number of at least 1, got "0"');
  });
});
