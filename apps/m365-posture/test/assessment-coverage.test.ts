import { describe, expect, it } from 'vitest';
import { assessmentSchema } from '../src/assessment.js';
import { formatHtml } from '../src/format-html.js';
import { formatMarkdown } from '../src/format-markdown.js';
import { formatText } from '../src/format-text.js';
import { buildReport } from '../src/report.js';

// The coverage an assessment states (m365-compliance's summary.coverage: what its run evaluated,
// listed as manual or skipped) shown beside that server's status in every report format.

const base = {
  status: 'critical',
  statusRule: 'critical when any critical- or high-severity CIS control fails.',
};
const counts = { evaluated: 62, manual: 83, skipped: 0, error: 0 };
const coverage = {
  ...counts,
  bySection: {
    '1': { evaluated: 9, manual: 6, skipped: 0, error: 0 },
    '9': { evaluated: 0, manual: 12, skipped: 0, error: 0 },
  },
};
const LINE = 'Coverage: 62 evaluated, 83 manual, 0 skipped; evaluated by section 1 9/15, 9 0/12';

function report(assessment: unknown) {
  return buildReport({
    tenant: 'Contoso',
    missingServers: [],
    outcomes: [
      {
        server: 'm365-compliance',
        state: 'assessed',
        tools: ['assess_compliance_posture'],
        assessments: [{ tool: 'assess_compliance_posture', assessment: assessmentSchema.parse(assessment) }],
      },
    ],
  });
}

describe('coverage in the posture report', () => {
  it("is the server's, beside its status, in text, Markdown and HTML", () => {
    const built = report({ ...base, summary: { controls: 145, coverage } });
    expect(built.servers[0]?.coverage).toBe(LINE);
    expect(formatText(built)).toContain(`    ${LINE}`);
    expect(formatMarkdown(built)).toContain(`${base.statusRule} ${LINE} |`);
    expect(formatHtml(built)).toContain(`<span class="coverage">${LINE}</span>`);
  });

  it('is left out when the assessment states none, or states it malformed', () => {
    expect(report(base).servers[0]?.coverage).toBeUndefined();
    expect(
      report({ ...base, summary: { coverage: { evaluated: 'all' } } }).servers[0]?.coverage,
    ).toBeUndefined();
    const hostile = { ...coverage, bySection: { [`1${'x'.repeat(30)}`]: counts } };
    expect(report({ ...base, summary: { coverage: hostile } }).servers[0]?.coverage).toBeUndefined();
    expect(formatText(report(base))).not.toContain('Coverage:');
  });
});
