import { describe, expect, it } from 'vitest';
import { type AuditRun, exportRunHtml, type SecureScoreSummary, svgLineChart } from '../../src/index.js';
import { sampleRun } from './fixtures/sample-run.js';

// The inline SVG line chart: accessible (role img, a title and a description), no script, tenant
// text escaped, and sensible with no point, one point and many.

const pathOf = (svg: string) => /<path d="([^"]*)"/.exec(svg)?.[1];
const commands = (d: string | undefined) => (d ?? '').match(/[ML]/g) ?? [];

describe('svgLineChart', () => {
  it('draws one path command per point, with a title and a description for screen readers', () => {
    const points = Array.from({ length: 90 }, (_, i) => ({
      label: `day ${i}`,
      value: 400 + (i % 7),
    }));
    const svg = svgLineChart('Secure Score', points, { id: 'trend', unit: 'points' });
    expect(svg).toContain('<figure class="chart line-chart" id="trend">');
    expect(svg).toMatch(
      /<svg role="img"[^>]*><title>Secure Score<\/title><desc>90 points from day 0 \(400 points\) to day 89 \(405 points\); lowest 400, highest 406\.<\/desc>/,
    );
    expect(commands(pathOf(svg))).toEqual(['M', ...Array.from({ length: 89 }, () => 'L')]);
    expect(svg.match(/<circle /g)).toHaveLength(90);
    expect(svg).not.toContain('<script');
    // Every coordinate inside the drawing area.
    const numbers = (pathOf(svg) ?? '').split(/[ML ]/).filter(Boolean).map(Number);
    expect(numbers.every((n) => Number.isFinite(n) && n >= 0 && n <= 480)).toBe(true);
  });

  it('shows a single point as a dot', () => {
    const svg = svgLineChart('One day', [{ label: '2026-11-25', value: 412 }]);
    expect(commands(pathOf(svg))).toEqual(['M']);
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg).toContain('<desc>One point: 2026-11-25, 412.</desc>');
  });

  it('says when there is no data, and skips values that are not numbers', () => {
    const empty = svgLineChart('Nothing', []);
    expect(empty).not.toContain('<path');
    expect(empty).toContain('<desc>No data.</desc>');
    expect(empty).toContain('>No data</text>');
    const gaps = svgLineChart('Gaps', [
      { label: 'a', value: 1 },
      { label: 'b', value: Number.NaN },
      { label: 'c', value: 3 },
    ]);
    expect(commands(pathOf(gaps))).toEqual(['M', 'L']);
  });

  it('draws a flat series inside the chart and honours a given range', () => {
    const flat = svgLineChart('Flat', [
      { label: 'a', value: 0 },
      { label: 'b', value: 0 },
    ]);
    expect(pathOf(flat)).toMatch(/^M[\d.]+ [\d.]+ L[\d.]+ [\d.]+$/);
    const ranged = svgLineChart('Ranged', [{ label: 'a', value: 50 }], { min: 0, max: 100 });
    expect(ranged).toContain('>100</text>');
    expect(ranged).toContain('>0</text>');
  });

  it('escapes the title, labels and unit', () => {
    const svg = svgLineChart(
      '<img src=x onerror=alert(1)>',
      [
        { label: '<b>"first"</b>', value: 1 },
        { label: "it's & last", value: 2 },
      ],
      { unit: '<u>', id: '"x' },
    );
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<u>');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).toContain('&lt;b&gt;&quot;first&quot;&lt;/b&gt;');
    expect(svg).toContain('it&#39;s &amp; last');
    expect(svg).toContain('id="&quot;x"');
  });
});

describe('the run report overview', () => {
  const secureScore: SecureScoreSummary = {
    current: 412,
    max: 697,
    percentage: 59.1,
    asOf: '2026-11-25T03:12:44Z',
    series: [
      { date: '2026-08-28', score: 430, max: 697 },
      { date: '2026-10-26', score: 428, max: 697 },
      { date: '2026-11-25', score: 412, max: 697 },
    ],
  };
  const run: AuditRun = { ...sampleRun(), secureScore };

  it('shows the Secure Score, its change since the oldest day, and the trend chart', () => {
    const html = exportRunHtml(run);
    expect(html).toContain('<b>412 / 697</b>Secure Score (59.1%) on 2026-11-25');
    // 430 of 697 was 61.7%: 18 points and 2.6 percentage points lost.
    expect(html).toContain(
      '<span class="change" id="secure-score-change">-18 points (-2.6 pp) since 2026-08-28</span>',
    );
    expect(html).toContain('<figure class="chart line-chart" id="chart-secure-score">');
    expect(html).toContain('<title>Secure Score, last 3 days (of 697 points)</title>');
    expect(commands(pathOf(html.slice(html.indexOf('chart-secure-score'))))).toHaveLength(3);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('says when there is only one day', () => {
    const one: AuditRun = {
      ...run,
      secureScore: { ...secureScore, series: [{ date: '2026-11-25', score: 412, max: 697 }] },
    };
    expect(exportRunHtml(one)).toContain('id="secure-score-change">no history yet</span>');
  });
});
