// The portfolio as GitHub-flavoured Markdown: the overall status, then one table row per tenant,
// worst first, linking to the tenant's own report. Tenant and server text goes through markdownText.
import { findingSeverities } from '@m365-mcp/cis-bridge';
import { markdownText as md } from '../markdown-text.js';
import { changeSummary } from './change-text.js';
import type { PortfolioReport, PortfolioTenant } from './portfolio-report.js';

function counts(tenant: PortfolioTenant): string {
  const parts = findingSeverities.filter((s) => tenant.counts[s] > 0).map((s) => `${tenant.counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function risks(tenant: PortfolioTenant): string {
  if (tenant.state === 'not-assessed') return `not assessed: ${md(tenant.reason ?? '', 400)}`;
  if (tenant.topRisks.length === 0) return 'none';
  return tenant.topRisks.map((r) => `${r.severity.toUpperCase()} ${md(r.title, 120)}`).join('; ');
}

function change(tenant: PortfolioTenant): string {
  const summary = changeSummary(tenant.change, tenant.status);
  if (tenant.change.kind !== 'compared') return summary;
  const titles = (label: string, list: { title: string }[]) =>
    list.length === 0
      ? ''
      : `; ${label}: ${list
          .slice(0, 5)
          .map((f) => md(f.title, 120))
          .join(', ')}${list.length > 5 ? ', …' : ''}`;
  return (
    summary + titles('new', tenant.change.newFindings) + titles('resolved', tenant.change.resolvedFindings)
  );
}

export function formatPortfolioMarkdown(portfolio: PortfolioReport): string {
  const { summary } = portfolio;
  const lines = [
    `# Microsoft 365 posture portfolio: ${portfolio.overall.status.toUpperCase()}`,
    '',
    `${summary.tenants} tenants (${summary.byStatus.critical} critical, ${summary.byStatus.warning} warning, ` +
      `${summary.byStatus.unknown} unknown, ${summary.byStatus.ok} ok; ${summary.notAssessed} not assessed). ` +
      `Generated ${md(portfolio.generatedAt, 40)}; ${
        portfolio.previousGeneratedAt
          ? `compared with the run of ${md(portfolio.previousGeneratedAt, 40)}`
          : 'no earlier run to compare with'
      }.`,
    '',
    `Rule: ${md(portfolio.overall.rule, 1000)}`,
    '',
    '| Tenant | Status | Risk score | Failing findings | Top risks | Since the last run | Report |',
    '|---|---|---|---|---|---|---|',
    ...portfolio.tenants.map(
      (t) =>
        `| ${md(t.displayName, 120)} (${md(t.name, 60)}) | ${t.status.toUpperCase()} | ${t.score} | ${counts(t)} | ${risks(t)} | ${change(t)} | [report](${encodeURI(t.reports.markdown)}) |`,
    ),
    '',
  ];
  return lines.join('\n');
}
