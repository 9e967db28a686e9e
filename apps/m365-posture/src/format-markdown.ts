// The posture report as GitHub-flavoured Markdown, for a pull request, a wiki or a ticket: the
// overall status and the rule that set it, a table of servers, the top risks with their evidence,
// every failing finding grouped by server (worst first) and the next actions. Everything that came
// from a server or the tenant goes through markdownText, so it stays literal text.
import { findingSeverities } from '@m365-mcp/cis-bridge';
import { compareSeverity } from './assessment.js';
import { markdownText } from './markdown-text.js';
import type { PostureReport, Risk } from './report.js';

const md = markdownText;

function severityCounts(risks: Risk[]): string {
  const parts = findingSeverities
    .map((severity) => [severity, risks.filter((r) => r.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function evidenceText(evidence: Record<string, unknown> | undefined, maxEntries: number): string {
  if (!evidence) return '';
  const entries = Object.entries(evidence);
  const shown = entries.slice(0, maxEntries).map(([key, value]) => `${md(key, 60)}: ${md(value, 120)}`);
  if (entries.length > maxEntries) shown.push(`(${entries.length - maxEntries} more)`);
  return shown.join('; ');
}

function resourceText(risk: Risk): string {
  return md(risk.resource?.displayName ?? risk.resource?.id ?? '', 120);
}

function serverTable(report: PostureReport): string[] {
  const lines = ['| Server | Status | Failing findings | Why |', '|---|---|---|---|'];
  for (const server of report.servers) {
    const risks = report.risks.filter((r) => r.server === server.name);
    const row =
      server.state === 'assessed'
        ? [
            (server.status ?? 'unknown').toUpperCase(),
            severityCounts(risks),
            [md(server.statusRule ?? '', 400), ...(server.coverage ? [md(server.coverage, 400)] : [])].join(
              ' ',
            ),
          ]
        : server.state === 'no-assessment'
          ? ['NOT ASSESSED', '-', 'connected; it has no assessment tool yet']
          : ['NOT ASSESSED', '-', `could not be assessed: ${md(server.error ?? '', 400)}`];
    lines.push(`| ${md(server.name, 60)} | ${row.join(' | ')} |`);
  }
  return lines;
}

function topRisks(report: PostureReport): string[] {
  const { critical, high, medium, low } = report.counts;
  const lines = [`## Top risks`, '', `${critical} critical, ${high} high, ${medium} medium, ${low} low.`, ''];
  if (report.topRisks.length === 0) return [...lines, 'None reported.'];
  report.topRisks.forEach((risk, i) => {
    lines.push(
      `${i + 1}. **${risk.severity.toUpperCase()}** ${md(risk.title)} (${md(risk.server, 60)}, ${md(risk.id, 80)})`,
    );
    const resource = resourceText(risk);
    if (resource) lines.push(`   - Resource: ${resource}`);
    const evidence = evidenceText(risk.evidence, 6);
    if (evidence) lines.push(`   - Evidence: ${evidence}`);
    if (risk.recommendation) lines.push(`   - Fix: ${md(risk.recommendation, 400)}`);
  });
  return lines;
}

function findingsByServer(report: PostureReport): string[] {
  const lines = ['## Failing findings by server'];
  const servers = [...new Set(report.risks.map((r) => r.server))];
  if (servers.length === 0) return [...lines, '', 'None.'];
  for (const server of servers) {
    const risks = report.risks
      .filter((r) => r.server === server)
      .sort((a, b) => compareSeverity(a.severity, b.severity));
    lines.push('', `### ${md(server, 60)} (${risks.length})`, '');
    lines.push('| Severity | Finding | Resource | Evidence | Recommendation |', '|---|---|---|---|---|');
    for (const risk of risks) {
      lines.push(
        `| ${risk.severity} | ${md(risk.title)} (${md(risk.id, 80)}) | ${resourceText(risk)} | ${evidenceText(risk.evidence, 10)} | ${md(risk.recommendation ?? '', 400)} |`,
      );
    }
  }
  return lines;
}

/** One line a series: where it ended, where it started and the change (the HTML report charts them). */
function trendLines(report: PostureReport): string[] {
  if (report.trends.length === 0) return [];
  const lines = ['## Trends', ''];
  for (const trend of report.trends) {
    const first = trend.points[0];
    const last = trend.points.at(-1);
    if (!first || !last) continue;
    const unit = trend.unit ? ` ${md(trend.unit, 40)}` : '';
    const of = trend.max === undefined ? '' : ` of ${trend.max}`;
    const change = Math.round((last.value - first.value) * 100) / 100;
    const since =
      trend.points.length > 1
        ? `, ${change > 0 ? '+' : ''}${change} since ${md(first.date, 40)} (${trend.points.length} points)`
        : '';
    lines.push(
      `- ${md(trend.name, 100)} (${md(trend.server, 60)}): ${last.value}${unit}${of} on ${md(last.date, 40)}${since}`,
    );
  }
  return [...lines, ''];
}

export function formatMarkdown(report: PostureReport): string {
  const lines = [
    `# Microsoft 365 posture: ${report.overall.status.toUpperCase()}`,
    '',
    `Tenant: ${md(report.tenant)}. Generated ${md(report.generatedAt, 40)}.`,
    '',
    `**Overall: ${report.overall.status.toUpperCase()}.** Rule: ${md(report.overall.rule, 1000)}`,
    '',
    '## Servers',
    '',
    ...(report.servers.length > 0 ? serverTable(report) : ['No server ran.']),
    ...(report.missingServers.length > 0
      ? ['', `Not built or not installed: ${report.missingServers.map((s) => md(s, 60)).join(', ')}.`]
      : []),
    '',
    ...trendLines(report),
    ...topRisks(report),
    '',
    ...findingsByServer(report),
    '',
    '## Next actions',
    '',
    ...(report.nextActions.length > 0
      ? report.nextActions.map((action, i) => `${i + 1}. ${md(action, 400)}`)
      : ['None.']),
    '',
  ];
  return lines.join('\n');
}
