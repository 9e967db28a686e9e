// The HTML report of a run in a real browser (Debian's Chromium, driven by playwright-core): no
// console error (the CSP forbids anything but the inline style and script), the overview and its
// three bar charts and the Secure Score line chart drawn, hostile tenant strings shown as text, the filters work, a screenshot is
// taken. `.ci/run` installs Chromium; on a machine without it this file is skipped and says so.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRunHtml, type SecureScoreSummary } from '../../src/index.js';
import { hostileName, sampleRun } from './fixtures/sample-run.js';

// Ninety days of Secure Score, slipping from 430 to 412 of 697 points.
const secureScore: SecureScoreSummary = {
  current: 412,
  max: 697,
  percentage: 59.1,
  asOf: '2026-11-25T03:12:44Z',
  series: Array.from({ length: 90 }, (_, i) => ({
    date: new Date(Date.UTC(2026, 7, 28 + i)).toISOString().slice(0, 10),
    score: i < 60 ? 430 : 430 - Math.round((18 * (i - 59)) / 30),
    max: 697,
  })),
};

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
if (!executablePath) process.stderr.write('export html-browser.test: no Chromium on this machine, skipped\n');

let browser: Browser;
let scratch: string;

describe('the HTML export escapes tenant strings', () => {
  it('never emits a tenant string as markup', () => {
    const html = exportRunHtml(sampleRun());
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Contoso &lt;demo&gt; &amp; &quot;friends&quot;');
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});

describe.skipIf(!executablePath)('the HTML export in Chromium', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'cis-html-'));
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
    const file = join(scratch, 'run.html');
    await writeFile(file, exportRunHtml({ ...sampleRun(), secureScore }));
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    let dialogs = 0;
    page.on('dialog', async (dialog) => {
      dialogs += 1;
      await dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href);

    expect(await page.title()).toBe('Compliance report: Contoso <demo> & "friends"');
    // 1 pass of 4 evaluated (2 fail, 1 warning).
    expect(await page.textContent('#pass-rate')).toBe('25%');
    expect(await page.textContent('#failing')).toBe('3');
    const widths = (chart: string) =>
      page.$$eval(`#${chart} rect`, (rects) => rects.map((r) => Number(r.getAttribute('width'))));
    // Seven statuses; five present (fail, warning, pass, manual, skipped).
    expect((await widths('chart-status')).filter((w) => w > 0)).toHaveLength(5);
    expect(await widths('chart-status')).toHaveLength(7);
    // Failures: one critical, one high, one low.
    expect((await widths('chart-severity')).map((w) => w > 0)).toEqual([true, true, false, true, false]);
    // Sections 1, 3, 5 present; failures in 1 (two) and 5 (one).
    expect((await widths('chart-section')).map((w) => w > 0)).toEqual([true, false, true]);

    // The Secure Score and its trend: one path command and one dot per day, inside the chart,
    // drawn with a visible length, and named for screen readers by its title.
    expect(await page.textContent('#secure-score b')).toBe('412 / 697');
    expect(await page.textContent('#secure-score-change')).toBe('-18 points (-2.6 pp) since 2026-08-28');
    const line = page.locator('#chart-secure-score path');
    const d = (await line.getAttribute('d')) ?? '';
    expect(d.match(/[ML]/g)).toHaveLength(90);
    expect(await page.locator('#chart-secure-score circle').count()).toBe(90);
    const box = await line.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(20);
    const trend = page.getByRole('img', { name: 'Secure Score, last 90 days (of 697 points)' });
    expect(await trend.count()).toBe(1);
    expect(await trend.evaluate((svg) => svg.querySelector('desc')?.textContent)).toBe(
      '90 points from 2026-08-28 (430 points) to 2026-11-25 (412 points); lowest 412, highest 430.',
    );

    // The hostile display name is text on the page, and no script of its ran.
    expect(await page.locator('td', { hasText: 'alert(1)' }).first().textContent()).toContain(
      '<script>alert(1)</script>',
    );
    expect(hostileName).toContain('<script>');
    expect(dialogs).toBe(0);

    const visible = () => page.$$eval('tr.finding', (rows) => rows.filter((r) => !r.hidden).length);
    expect(await visible()).toBe(6);
    expect(await page.textContent('#f-count')).toBe('6 of 6 controls');
    await page.selectOption('#f-status', 'fail');
    expect(await visible()).toBe(2);
    await page.selectOption('#f-severity', 'critical');
    expect(await visible()).toBe(1);
    await page.selectOption('#f-status', '');
    await page.selectOption('#f-severity', '');
    await page.selectOption('#f-section', '5');
    expect(await visible()).toBe(3);
    await page.selectOption('#f-section', '');
    await page.fill('#f-text', 'legacy');
    expect(await visible()).toBe(1);
    expect(await page.textContent('#f-count')).toBe('1 of 6 controls');

    // Every finding carries its evidence and remediation.
    await page.fill('#f-text', '');
    expect(await page.locator('tr.finding .fix').count()).toBe(6);
    expect(await page.locator('tr.finding dl.evidence').count()).toBe(4);

    const screenshot = join(scratch, 'run.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });
});
