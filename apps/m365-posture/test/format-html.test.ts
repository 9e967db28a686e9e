import { describe, expect, it } from 'vitest';
import { formatHtml } from '../src/format-html.js';
import { buildReport } from '../src/report.js';

const hostileName = '<img src=x onerror="alert(1)">Finance';

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

  it('draws the severity chart from the counts', () => {
    expect(html).toContain('aria-label="Failing findings by severity"');
    expect(html).toMatch(/>critical<\/text><rect[^>]+><\/rect><text[^>]+>1<\/text>/);
    expect(html).toMatch(/>low<\/text><rect[^>]+><\/rect><text[^>]+>12<\/text>/);
  });
});
