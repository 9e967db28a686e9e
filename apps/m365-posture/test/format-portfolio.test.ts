// The portfolio's HTML and Markdown: tenant text stays text, every tenant links to its own report,
// the HTML is self-contained and its table accessible, the change since the last run is shown.
import { describe, expect, it } from 'vitest';
import { formatPortfolioHtml } from '../src/portfolio/format-portfolio-html.js';
import { formatPortfolioMarkdown } from '../src/portfolio/format-portfolio-markdown.js';
import { formatPortfolioText } from '../src/portfolio/format-portfolio-text.js';
import { parsePreviousPortfolio } from '../src/portfolio/portfolio-changes.js';
import { buildPortfolio } from '../src/portfolio/portfolio-report.js';
import { ids, tenantResult } from './portfolio-fixtures.js';

const hostileName = '<img src=x onerror=alert(1)> [Evil](https://evil.example) | \u001b[31m';
const hostileTitle = '<script>alert(1)</script> **bold** | https://evil.example';

const before = buildPortfolio({
  results: [
    tenantResult({
      name: 'fabrikam',
      tenantId: ids.b,
      status: 'critical',
      findings: [{ id: 'F-1', title: 'Old finding', severity: 'high' }],
    }),
  ],
});
const portfolio = buildPortfolio({
  previous: parsePreviousPortfolio(JSON.stringify(before), 'before.json'),
  results: [
    tenantResult({
      name: 'contoso',
      tenantId: ids.a,
      displayName: hostileName,
      status: 'critical',
      findings: [{ id: 'C-1', title: hostileTitle, severity: 'critical' }],
    }),
    tenantResult({
      name: 'fabrikam',
      tenantId: ids.b,
      status: 'warning',
      findings: [{ id: 'F-2', title: 'New finding', severity: 'medium' }],
    }),
    tenantResult({
      name: 'locked',
      tenantId: ids.c,
      notAssessedReason: 'sign-in refused: <b>AADSTS700016</b>',
    }),
  ],
});

describe('the portfolio as HTML', () => {
  const html = formatPortfolioHtml(portfolio);

  it('escapes tenant and server text', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>AADSTS');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Not assessed: sign-in refused: &lt;b&gt;AADSTS700016&lt;/b&gt;');
  });

  it('is self-contained, with an accessible table linking each tenant to its report, worst first', () => {
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('<caption>Tenants, worst first</caption>');
    expect(html).toContain('<th scope="col">Since the last run</th>');
    const rows = [...html.matchAll(/<th scope="row"><a href="([^"]+)">/g)].map((m) => m[1]);
    expect(rows).toEqual(['contoso/report.html', 'fabrikam/report.html', 'locked/report.html']);
    expect(html).toContain('id="overall"');
  });

  it('shows the change since the last run', () => {
    expect(html).toContain('CRITICAL → WARNING, 1 new, 1 resolved');
    expect(html).toMatch(/New<\/div><ul><li>New finding<\/li><\/ul>/);
    expect(html).toMatch(/Resolved<\/div><ul><li>Old finding<\/li><\/ul>/);
    expect(html).toContain('new in this run');
  });
});

describe('the portfolio as Markdown', () => {
  const markdown = formatPortfolioMarkdown(portfolio);

  it('has one row per tenant, worst first, with the change and a link to its report', () => {
    const rows = markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Tenant'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('[report](contoso/report.md)');
    expect(rows[1]).toContain(
      '| fabrikam (fabrikam) | WARNING | 2 | 1 medium | MEDIUM New finding | CRITICAL → WARNING, 1 new, 1 resolved; new: New finding; resolved: Old finding | [report](fabrikam/report.md) |',
    );
    expect(rows[2]).toContain('not assessed: sign-in refused: &lt;b&gt;AADSTS700016&lt;/b&gt;');
    expect(markdown.split('\n')[0]).toBe('# Microsoft 365 posture portfolio: CRITICAL');
  });

  it('keeps tenant text literal: no HTML, no link, no cell break', () => {
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt; \\[Evil\\](https\\://evil.example) \\|');
    expect(markdown).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; \\*\\*bold\\*\\* \\| https\\://evil.example',
    );
    expect(markdown).not.toContain('\u001b');
  });
});

describe('the portfolio on a terminal', () => {
  it('one line per tenant, worst first, without control characters', () => {
    const text = formatPortfolioText(portfolio);
    expect(text.split('\n')[0]).toBe('Microsoft 365 posture of 3 tenants: CRITICAL (1 not assessed)');
    expect(text).toMatch(/ {2}contoso {3}CRITICAL {2}score 10, 1 critical, 0 high; new in this run\n/);
    expect(text).toContain('locked    UNKNOWN   not assessed: sign-in refused');
    expect(text).not.toContain('\u001b');
  });
});
