import { compareFindingSeverity } from '@m365-mcp/graph-core';
import type { AuditRun } from '../audit/run.js';
import { secureScoreChange } from '../audit/secure-score.js';
import { summarizeRun } from '../audit/summary.js';

// The JSON and Markdown exporters; the CSV, OCSF, SARIF and HTML ones are in ../export/.

export function exportRunJson(run: AuditRun): string {
  const { snapshots: _snapshots, ...rest } = run;
  return `${JSON.stringify({ ...rest, summary: summarizeRun(run) }, null, 2)}\n`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

export function exportRunMarkdown(run: AuditRun): string {
  const s = summarizeRun(run);
  const lines = [
    `# Compliance run ${run.id}`,
    '',
    `Source: ${run.source}; started ${run.startedAt}; ${s.controls} controls, ${s.evaluated} evaluated.`,
    '',
    run.secureScore
      ? `Secure Score: ${run.secureScore.current} / ${run.secureScore.max} (${run.secureScore.percentage}%) on ${run.secureScore.asOf.slice(0, 10)}, ${secureScoreChange(run.secureScore)}.`
      : 'Secure Score: not read.',
    '',
    '| status | count |',
    '|---|---|',
    ...Object.entries(s.byStatus).map(([k, v]) => `| ${k} | ${v} |`),
    '',
    '## Failures',
    '',
    '| control | severity | title | remediation |',
    '|---|---|---|---|',
    ...run.results
      .map((r) => r.finding)
      .filter((f) => f.status === 'fail' || f.status === 'warning')
      .sort(compareFindingSeverity)
      .map((f) => `| ${cell(f.id)} | ${f.severity} | ${cell(f.title)} | ${cell(f.recommendation)} |`),
    '',
  ];
  return lines.join('\n');
}
