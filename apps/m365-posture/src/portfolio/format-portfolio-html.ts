// The portfolio as one HTML page with the single-tenant report's standards (format-html.ts): its
// look, self-contained (no external resource, no script), printable, an accessible table (caption,
// column headers, a row header per tenant), and every piece of tenant or server text HTML-escaped.
// Each tenant links to its own report, a relative path inside the portfolio's folder.
import { escapeHtml, findingSeverities, severityColours, svgBarChart } from '@m365-mcp/cis-bridge';
import { reportStyles, statusColour } from '../format-html.js';
import { changeSummary } from './change-text.js';
import type { PortfolioReport, PortfolioTenant } from './portfolio-report.js';

const MAX_LISTED_CHANGES = 5;

const portfolioStyles = `
.portfolio td,.portfolio th[scope=row]{font-weight:400}
.portfolio th[scope=row] a{font-weight:600}
.portfolio ul{margin:0;padding-left:1rem}
.tenant-id,.why{color:#57606a;font-size:12px}
.counts{white-space:nowrap}
`;

function badge(status: string): string {
  return `<span class="status" style="background:${statusColour[status] ?? '#6b7280'}">${escapeHtml(status.toUpperCase())}</span>`;
}

function countsCell(tenant: PortfolioTenant): string {
  const parts = findingSeverities.filter((s) => tenant.counts[s] > 0).map((s) => `${tenant.counts[s]} ${s}`);
  return parts.length > 0 ? parts.join('<br>') : 'none';
}

function listed(label: string, titles: readonly string[]): string {
  if (titles.length === 0) return '';
  const shown = titles.slice(0, MAX_LISTED_CHANGES).map((t) => `<li>${escapeHtml(t)}</li>`);
  if (titles.length > MAX_LISTED_CHANGES)
    shown.push(`<li>and ${titles.length - MAX_LISTED_CHANGES} more</li>`);
  return `<div class="why">${label}</div><ul>${shown.join('')}</ul>`;
}

function changeCell(tenant: PortfolioTenant): string {
  const { change } = tenant;
  const summary = escapeHtml(changeSummary(change, tenant.status));
  if (change.kind !== 'compared') return summary;
  return (
    summary +
    listed(
      'New',
      change.newFindings.map((f) => f.title),
    ) +
    listed(
      'Resolved',
      change.resolvedFindings.map((f) => f.title),
    )
  );
}

function tenantRow(tenant: PortfolioTenant): string {
  const risks =
    tenant.state === 'not-assessed'
      ? `<span class="why">Not assessed: ${escapeHtml(tenant.reason ?? '')}</span>`
      : tenant.topRisks.length === 0
        ? 'none'
        : `<ul>${tenant.topRisks
            .map(
              (r) =>
                `<li><span class="sev" style="background:${severityColours[r.severity]}">${r.severity}</span> ${escapeHtml(r.title)}</li>`,
            )
            .join('')}</ul>`;
  return `<tr data-status="${tenant.status}">
<th scope="row"><a href="${escapeHtml(encodeURI(tenant.reports.html))}">${escapeHtml(tenant.displayName)}</a><div class="tenant-id">${escapeHtml(tenant.name)} &middot; ${escapeHtml(tenant.tenantId)}</div></th>
<td>${badge(tenant.status)}</td>
<td>${tenant.score}</td>
<td class="counts">${countsCell(tenant)}</td>
<td>${risks}</td>
<td>${changeCell(tenant)}</td>
</tr>`;
}

export function formatPortfolioHtml(portfolio: PortfolioReport): string {
  const { summary } = portfolio;
  const statusRows = (['critical', 'warning', 'unknown', 'ok'] as const).map((s) => ({
    label: s,
    value: summary.byStatus[s],
    colour: statusColour[s] ?? '#6b7280',
  }));
  const since = portfolio.previousGeneratedAt
    ? `compared with the run of ${escapeHtml(portfolio.previousGeneratedAt)}`
    : 'no earlier run to compare with';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Microsoft 365 posture portfolio: ${summary.tenants} tenants</title>
<style>${reportStyles}${portfolioStyles}</style></head>
<body>
<h1>Microsoft 365 posture portfolio: ${badge(portfolio.overall.status).replace('class="status"', 'class="status" id="overall"')}</h1>
<p>${summary.tenants} tenants, ${summary.notAssessed} not assessed &middot; generated ${escapeHtml(portfolio.generatedAt)} &middot; ${since}</p>
<p class="rule">Rule: ${escapeHtml(portfolio.overall.rule)}</p>
<section class="charts">
${svgBarChart('Tenants by status', statusRows)}
</section>
<table class="portfolio">
<caption>Tenants, worst first</caption>
<thead><tr><th scope="col">Tenant</th><th scope="col">Status</th><th scope="col">Risk score</th><th scope="col">Failing findings</th><th scope="col">Top risks</th><th scope="col">Since the last run</th></tr></thead>
<tbody>${portfolio.tenants.map(tenantRow).join('\n')}</tbody></table>
</body></html>
`;
}
