import { describe, expect, it } from 'vitest';
import { formatMarkdown } from '../src/format-markdown.js';
import { markdownText } from '../src/markdown-text.js';
import { buildReport } from '../src/report.js';

// Every trick a display name could try in Markdown at once: a link, an image, HTML, a table break,
// code, an autolink, an e-mail autolink, a heading and a quote (once its line is broken).
const hostile =
  '# Owned [click](https://evil.example/x) ![i](http://evil.example/i.png) <img src=x onerror=alert(1)> | col `code` www.evil.example a@evil.example\n> quoted\n- item';

const report = buildReport({
  tenant: 'Contoso [tenant](https://evil.example)',
  missingServers: ['m365-compliance'],
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
            nextActions: ['Remove anonymous links', '# Delete the tenant'],
            findings: [
              {
                id: 'SP-3',
                title: 'Link without expiry',
                severity: 'low',
                status: 'warning',
              },
              {
                id: 'SP-1',
                title: 'Anonymous edit link',
                severity: 'critical',
                status: 'fail',
                resource: { type: 'site', displayName: hostile },
                evidence: { scope: 'anonymous', site: hostile, count: 3 },
                recommendation: 'Remove the link | then review sharing',
              },
              { id: 'SP-2', title: 'Passing', severity: 'high', status: 'pass' },
            ],
          },
        },
      ],
    },
    {
      server: 'm365-identity',
      state: 'assessed',
      tools: ['assess_identity_posture'],
      assessments: [
        {
          tool: 'assess_identity_posture',
          assessment: {
            status: 'warning',
            statusRule: 'WARNING when an admin lacks MFA.',
            nextActions: [],
            trends: [
              {
                name: 'Secure Score',
                unit: 'points',
                max: 697,
                points: [
                  { date: '2026-10-27', value: 430 },
                  { date: '2026-11-10', value: 421.5 },
                  { date: '2026-11-25', value: 412 },
                ],
              },
              { name: hostile, points: [{ date: '2026-11-25', value: 3 }] },
            ],
            findings: [{ id: 'ID-2', title: 'Admin without MFA', severity: 'high', status: 'fail' }],
          },
        },
      ],
    },
    { server: 'm365-security', state: 'failed', error: 'Connection closed | <b>stderr</b>' },
    { server: 'm365-compliance-preview', state: 'no-assessment', tools: ['list_controls'] },
  ],
});

const markdown = formatMarkdown(report);
const lines = markdown.split('\n');

/** Cells of a table row, split on the pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** Markdown with every backslash escape and entity removed: what is left is live syntax. */
function unescaped(text: string): string {
  return text.replace(/\\[\\`*_[\]|~:@.#+=>-]/g, '').replace(/&(lt|gt|amp);/g, '');
}

describe('the Markdown report', () => {
  it('leads with the overall status and the rule that set it', () => {
    expect(lines[0]).toBe('# Microsoft 365 posture: CRITICAL');
    expect(markdown).toContain(`**Overall: CRITICAL.** Rule: ${report.overall.rule}`);
  });

  it('has a server table: status, failing findings by severity, or why it could not be assessed', () => {
    const header = lines.indexOf('| Server | Status | Failing findings | Why |');
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 2, header + 6).map(cells);
    expect(rows).toEqual([
      ['m365-sharepoint', 'CRITICAL', '1 critical, 1 low', 'CRITICAL when anything is shared with anyone.'],
      ['m365-identity', 'WARNING', '1 high', 'WARNING when an admin lacks MFA.'],
      [
        'm365-security',
        'NOT ASSESSED',
        '-',
        'could not be assessed: Connection closed \\| &lt;b&gt;stderr&lt;/b&gt;',
      ],
      ['m365-compliance-preview', 'NOT ASSESSED', '-', 'connected; it has no assessment tool yet'],
    ]);
    expect(markdown).toContain('Not built or not installed: m365-compliance.');
  });

  it('says where each trend ended, where it started and the change', () => {
    expect(lines).toContain(
      '- Secure Score (m365-identity): 412 points of 697 on 2026-11-25, -18 since 2026-10-27 (3 points)',
    );
    const hostileTrend = lines.find((l) => l.startsWith('- ') && l.includes('evil'));
    expect(hostileTrend).toMatch(/\(m365-identity\): 3 on 2026-11-25$/);
  });

  it('lists the top risks worst first, with resource, evidence and fix', () => {
    const top = lines.filter((l) => /^\d+\. \*\*/.test(l));
    expect(top.map((l) => l.slice(0, 30))).toEqual([
      '1. **CRITICAL** Anonymous edit',
      '2. **HIGH** Admin without MFA ',
      '3. **LOW** Link without expiry',
    ]);
    const at = lines.indexOf(top[0] as string);
    expect(lines[at + 1]).toMatch(/^ {3}- Resource: \\# Owned /);
    expect(lines[at + 2]).toMatch(/^ {3}- Evidence: scope: anonymous; site: .+; count: 3$/);
    expect(lines[at + 3]).toBe('   - Fix: Remove the link \\| then review sharing');
  });

  it('holds every failing finding grouped by server, worst first, and no passing one', () => {
    expect(markdown).toContain('### m365-sharepoint (2)');
    expect(markdown).toContain('### m365-identity (1)');
    const section = markdown.slice(
      markdown.indexOf('### m365-sharepoint'),
      markdown.indexOf('### m365-identity'),
    );
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Severity'));
    expect(rows.map((r) => cells(r)[0])).toEqual(['critical', 'low']);
    for (const row of rows) expect(cells(row)).toHaveLength(5);
    expect(markdown).not.toContain('Passing');
  });

  it('ends with the next actions, escaped', () => {
    const at = lines.indexOf('## Next actions');
    expect(lines.slice(at + 2, at + 4)).toEqual(['1. Remove anonymous links', '2. \\# Delete the tenant']);
  });

  it('keeps a hostile display name literal: no link, image, HTML, heading, quote or broken table', () => {
    const live = unescaped(markdown);
    expect(live).not.toMatch(/\]\(/);
    expect(live).not.toContain('[');
    expect(live).not.toContain('<');
    expect(live).not.toContain('`');
    expect(live).not.toContain('://');
    expect(live).not.toContain('www.');
    expect(live).not.toContain('@');
    // The name's line breaks are gone, so its "> quoted" and "- item" cannot start blocks.
    expect(lines.filter((l) => l.startsWith('>') || l.startsWith('- item'))).toEqual([]);
    // The only headings are the report's own.
    expect(lines.filter((l) => l.startsWith('#'))).toEqual([
      '# Microsoft 365 posture: CRITICAL',
      '## Servers',
      '## Trends',
      '## Top risks',
      '## Failing findings by server',
      '### m365-sharepoint (2)',
      '### m365-identity (1)',
      '## Next actions',
    ]);
    // Every table row keeps its column count despite the pipes in the name.
    const tableRows = lines.filter((l) => l.startsWith('|'));
    for (const row of tableRows) expect([4, 5]).toContain(cells(row).length);
    expect(markdown).toContain('Contoso \\[tenant\\](https\\://evil.example)');
  });
});

describe('markdownText', () => {
  it('escapes block markers only at the start', () => {
    expect(markdownText('# x # y')).toBe('\\# x # y');
    expect(markdownText('- x - y')).toBe('\\- x - y');
    expect(markdownText('+ x')).toBe('\\+ x');
    expect(markdownText('1. x')).toBe('1\\. x');
    expect(markdownText('42) x')).toBe('42\\) x');
    expect(markdownText('> x')).toBe('&gt; x');
    expect(markdownText('    indented code')).toBe('indented code');
  });

  it('escapes emphasis, code, strikethrough and backslashes, and keeps entities literal', () => {
    expect(markdownText('*a* _b_ `c` ~d~ \\e')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\\\e');
    expect(markdownText('AT&T &lt;')).toBe('AT&amp;T &amp;lt;');
  });

  it('makes one line of any value, and cuts it before escaping', () => {
    expect(markdownText('a\r\n\tb\u2028c')).toBe('a b c');
    expect(markdownText({ n: 1 })).toBe('{"n":1}');
    expect(markdownText('||||||', 4)).toBe('\\|\\|\\|…');
  });
});
