// The HTML report in a real browser (Debian's Chromium, driven by playwright-core): it loads with
// no console error, the charts (bars and a server's trend line) are drawn, the filters work, and a
// screenshot is taken; the portfolio page too (its table as a screen reader sees it, and the link
// to a tenant's own report). `.ci/run` installs Chromium; on a machine without it this file is skipped
// and says so.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHtml } from '../src/format-html.js';
import { writePortfolio } from '../src/portfolio/portfolio-files.js';
import { buildPortfolio } from '../src/portfolio/portfolio-report.js';
import { buildReport } from '../src/report.js';
import { ids, tenantResult } from './portfolio-fixtures.js';

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
if (!executablePath) process.stderr.write('html-browser.test: no Chromium on this machine, skipped\n');

const report = buildReport({
  tenant: 'Contoso <demo>',
  missingServers: [],
  now: new Date('2026-11-25T10:00:00Z'),
  outcomes: [
    {
      server: 'm365-identity',
      state: 'assessed',
      tools: ['assess_identity_posture'],
      assessments: [
        {
          tool: 'assess_identity_posture',
          assessment: {
            status: 'critical',
            statusRule: 'CRITICAL when a Global Administrator is at high risk.',
            nextActions: [],
            trends: [
              {
                name: 'Secure Score',
                unit: 'points',
                max: 697,
                points: Array.from({ length: 30 }, (_, i) => ({
                  date: new Date(Date.UTC(2026, 9, 27 + i)).toISOString().slice(0, 10),
                  value: 428 - Math.round((16 * i) / 29),
                })),
              },
            ],
            findings: [
              { id: 'ID-1', title: 'Admin at high risk', severity: 'critical', status: 'fail' },
              { id: 'ID-2', title: 'Admin without MFA', severity: 'high', status: 'fail' },
            ],
          },
        },
      ],
    },
    {
      server: 'm365-sharepoint',
      state: 'assessed',
      tools: ['assess_sharepoint_posture'],
      assessments: [
        {
          tool: 'assess_sharepoint_posture',
          assessment: {
            status: 'warning',
            statusRule: 'WARNING when external sharing is found.',
            nextActions: [],
            findings: [
              { id: 'SP-1', title: 'External grant on <Marketing>', severity: 'medium', status: 'fail' },
              { id: 'SP-2', title: 'Link without expiry', severity: 'medium', status: 'warning' },
              { id: 'SP-3', title: 'Resharing enabled', severity: 'low', status: 'fail' },
            ],
          },
        },
      ],
    },
  ],
});

let browser: Browser;
let scratch: string;

describe.skipIf(!executablePath)('the HTML report in Chromium', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'posture-html-'));
    browser = await chromium.launch({
      executablePath: executablePath as string,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('renders without console errors, draws the charts, filters the findings, and screenshots', async () => {
    const file = join(scratch, 'report.html');
    await writeFile(file, formatHtml(report));
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(file).href);

    expect(await page.textContent('#overall')).toBe('CRITICAL');
    expect(await page.title()).toContain('Contoso <demo>');
    // Both charts are drawn: one bar per severity and one per server, with a visible width.
    const widths = await page.$$eval('figure.chart rect', (rects) =>
      rects.map((r) => Number(r.getAttribute('width'))),
    );
    expect(widths).toHaveLength(5 + 2);
    // critical, high, medium and low have findings, info has none; both servers have some.
    expect(widths.filter((w) => w > 0).length).toBe(4 + 2);

    // The trend: one path command and one dot per day, drawn with a visible length, named for
    // screen readers by its title.
    const line = page.locator('#trend-0 path');
    expect(((await line.getAttribute('d')) ?? '').match(/[ML]/g)).toHaveLength(30);
    expect(await page.locator('#trend-0 circle').count()).toBe(30);
    const box = await line.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(20);
    const trend = page.getByRole('img', {
      name: 'Secure Score, last 30 days (of 697 points): m365-identity',
    });
    expect(await trend.count()).toBe(1);

    const visible = () => page.$$eval('tr.finding', (rows) => rows.filter((r) => !r.hidden).length);
    expect(await visible()).toBe(5);
    expect(await page.textContent('#f-count')).toBe('5 of 5 findings');
    await page.selectOption('#f-severity', 'medium');
    expect(await visible()).toBe(2);
    await page.selectOption('#f-server', 'm365-identity');
    expect(await visible()).toBe(0);
    await page.selectOption('#f-severity', '');
    expect(await visible()).toBe(2);
    await page.selectOption('#f-server', '');
    await page.fill('#f-text', 'marketing');
    expect(await visible()).toBe(1);
    expect(await page.textContent('#f-count')).toBe('1 of 5 findings');

    const screenshot = join(scratch, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });

  it('shows the portfolio: tenants worst first in an accessible table, each linking to its report', async () => {
    const results = [
      tenantResult({ name: 'calm', tenantId: ids.a, status: 'ok' }),
      tenantResult({
        name: 'exposed',
        tenantId: ids.b,
        displayName: 'Exposed <Ltd>',
        status: 'critical',
        findings: [{ id: 'X-1', title: 'Admin exposed', severity: 'critical' }],
      }),
      tenantResult({ name: 'locked', tenantId: ids.c, notAssessedReason: 'AADSTS700016' }),
    ];
    const out = join(scratch, 'portfolio');
    const files = writePortfolio(out, buildPortfolio({ results }), results);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(files.html).href);

    expect(await page.textContent('#overall')).toBe('CRITICAL');
    const table = page.getByRole('table', { name: 'Tenants, worst first' });
    const tenants = await table.getByRole('rowheader').getByRole('link').allTextContents();
    expect(tenants).toEqual(['Exposed <Ltd>', 'locked', 'calm']);
    expect(await table.getByRole('columnheader').allTextContents()).toContain('Since the last run');
    expect(await page.$$eval('figure.chart rect', (rects) => rects.length)).toBe(4);
    await page.screenshot({ path: join(scratch, 'portfolio.png'), fullPage: true });

    await page.getByRole('link', { name: 'Exposed <Ltd>' }).click();
    await page.waitForURL(/exposed\/report\.html$/);
    expect(await page.textContent('#overall')).toBe('CRITICAL');
    expect(problems).toEqual([]);
  });
});
