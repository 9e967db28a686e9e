import { describe, expect, it } from 'vitest';
import { formatHtml } from '../src/format-html.js';
import { buildReport } from '../src/report.js';

const hostileName = '<img src=x onerror="alert(1)">Finance';

const secureScoreTrend = {
  name: 'Secure Score',
  unit: 'points',
  max: 697,
  points: Array.from({ length: 30 }, (_, i) => ({
    date: `2026-10-${String(27 + i).padStart(2, '0')}`,
    value: 428 - Math.round((16 * i) / 29),
  })),
};

const report = buildReport({
  tenant: 'Contoso',
  missingServers: [],
  now: new Date('2026-11-25T10:00:00Z'),
  outcomes: [
    {
      server: 'm365-sharepoint',
      state: 'assessed',
      tools: ['assess_sharepoint_posture'],
      assessments: [
        {
          tool: 'assess_sharepoint_posture',
          assessment: {
            status: 'critical',
            statusRule: 'CRITICAL when anything is shared with anyone.',
            nextActions: ['Remove anonymous links'],
            trends: [
              secureScoreTrend,
              { name: '<b>shared</b> links', points: [{ date: '2026-11-25', value: 3 }] },
            ],
            findings: [
              {
                id: 'SP-1',
                title: 'Anonymous edit link',
                severity: 'critical',
                status: 'fail',
                resource: { type: 'site', displayName: hostileName },
                evidence: { scope: 'anonymous' },
              },
              ...Array.from({ length: 12 }, (_, i) => ({
                id: `SP-L${i}`,
                title: `Low finding ${i}`,
                severity: 'low' as const,
                status: 'warning',
              })),
            ],
          },
        },
      ],
    },
  ],
});

describe('the HTML report', () => {
  const html = formatHtml(report);

  it('holds every failing finding, not only the top ten, with the status and its rule', () => {
    expect(report.topRisks).toHaveLength(10);
    expect(html.match(/<tr class="finding"/g)).toHaveLength(13);
    expect(html).toContain('id="overall"');
    expect(html).toContain('CRITICAL</span>');
    expect(html).toContain(report.overall.rule);
  });

  it('escapes tenant text so a crafted name stays text', () => {
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Finance');
  });

  it('is self-contained: no external resource, and a policy that forbids loading any', () => {
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain("default-src 'none'");
  });

  it("draws each server's trends as line charts, one path point per day, titles escaped", () => {
    const chart = html.slice(html.indexOf('<figure class="chart line-chart" id="trend-0">'));
    expect(chart).toContain('<title>Secure Score, last 30 days (of 697 points): m365-sharepoint</title>');
    expect(/<path d="([^"]*)"/.exec(chart)?.[1]?.match(/[ML]/g)).toHaveLength(30);
    const second = html.slice(html.indexOf('id="trend-1"'));
    expect(second).toContain('<title>&lt;b&gt;shared&lt;/b&gt; links, last 1 day: m365-sharepoint</title>');
    expect(html).not.toContain('<b>shared</b>');
    expect(html.indexOf('id="trend-0"')).toBeLessThan(html.indexOf('<h2>Findings</h2>'));
  });

  it('draws no line chart when no server sent a trend', () => {
    const none = formatHtml({ ...report, trends: [] });
    expect(none).not.toContain('line-chart');
    expect(none).toContain('aria-label="Failing findings by severity"');
  });

  it('draws the severity chart from the counts', () => {
    expect(html).toContain('aria-label="Failing findings by severity"');
    expect(html).toMatch(/>critical<\/text><rect[^>]+><\/rect><text[^>]+>1<\/text>/);
    expect(html).toMatch(/>low<\/text><rect[^>]+><\/rect><text[^>]+>12<\/text>/);
  });
});
