// The posture report as one HTML file: readable offline (no external resource), printable, with
// the overall status and the rule that set it, charts of the failing findings by severity and by
// server, each server's trends (its Secure Score by day, say) as line charts, and every finding with its evidence, filterable by severity, server and text. Every
// piece of tenant text is HTML-escaped: a crafted display name stays text.
import {
  escapeHtml,
  findingSeverities,
  htmlEvidenceList,
  severityColours,
  svgBarChart,
  svgLineChart,
} from '@m365-mcp/cis-bridge';
import type { PostureReport, Risk, ServerTrend } from './report.js';

export const statusColour: Record<string, string> = {
  critical: '#8b0000',
  warning: '#d9480f',
  ok: '#2b8a3e',
  unknown: '#6b7280',
};

function findingRow(risk: Risk): string {
  const resource = risk.resource?.displayName ?? risk.resource?.id ?? '';
  const text = `${risk.title} ${resource} ${risk.id}`.toLowerCase();
  return `<tr class="finding" data-severity="${risk.severity}" data-server="${escapeHtml(risk.server)}" data-text="${escapeHtml(text)}">
<td><span class="sev" style="background:${severityColours[risk.severity]}">${risk.severity}</span></td>
<td><strong>${escapeHtml(risk.title)}</strong><div class="id">${escapeHtml(risk.id)}</div>${htmlEvidenceList(risk.evidence)}${
    risk.recommendation ? `<p class="fix">${escapeHtml(risk.recommendation)}</p>` : ''
  }</td>
<td>${escapeHtml(resource)}</td>
<td>${escapeHtml(risk.server)}</td>
</tr>`;
}

/** A server's trend as a line chart, titled by what it measures and which server measured it. */
function trendChart(trend: ServerTrend, index: number): string {
  const days = trend.points.length;
  const span = days > 0 ? `, last ${days} ${days === 1 ? 'day' : 'days'}` : '';
  const of = trend.max === undefined ? '' : ` (of ${trend.max}${trend.unit ? ` ${trend.unit}` : ''})`;
  return svgLineChart(
    `${trend.name}${span}${of}: ${trend.server}`,
    trend.points.map((p) => ({ label: p.date, value: p.value })),
    { id: `trend-${index}`, ...(trend.unit ? { unit: trend.unit } : {}) },
  );
}

// Shared with the portfolio page (portfolio/format-portfolio-html.ts), so both look alike.
export const reportStyles = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#1f2328}
h1{font-size:1.5rem;margin:0 0 .25rem}
.status{display:inline-block;color:#fff;padding:.2rem .6rem;border-radius:4px;font-weight:700}
.rule{color:#57606a;max-width:60rem}
.charts{display:flex;flex-wrap:wrap;gap:2rem;margin:1.5rem 0}
.chart figcaption{font-weight:600;margin-bottom:.25rem}
.chart .label,.chart .value{font-size:12px;fill:#1f2328}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #d0d7de;padding:.5rem;text-align:left;vertical-align:top}
.sev{color:#fff;border-radius:3px;padding:.1rem .4rem;font-size:12px;text-transform:uppercase}
.id{color:#57606a;font-size:12px}
.evidence{display:grid;grid-template-columns:max-content 1fr;gap:0 .75rem;margin:.4rem 0;font-size:12px}
.evidence dt{color:#57606a}.evidence dd{margin:0;word-break:break-word}
.fix{margin:.3rem 0 0;font-size:13px}
.filters{display:flex;gap:1rem;margin:1rem 0;flex-wrap:wrap}
.servers td:first-child{font-weight:600}
@media print{.filters{display:none}body{margin:0}tr{break-inside:avoid}}
`;

// Filters rows by severity, server and text; the table is complete without it.
const script = `
const rows=[...document.querySelectorAll('tr.finding')];
const sev=document.getElementById('f-severity'),srv=document.getElementById('f-server'),txt=document.getElementById('f-text'),count=document.getElementById('f-count');
function apply(){let shown=0;const q=txt.value.trim().toLowerCase();for(const r of rows){const ok=(!sev.value||r.dataset.severity===sev.value)&&(!srv.value||r.dataset.server===srv.value)&&(!q||r.dataset.text.includes(q));r.hidden=!ok;if(ok)shown++;}count.textContent=shown+' of '+rows.length+' findings';}
for(const el of [sev,srv,txt])el.addEventListener('input',apply);apply();
`;

export function formatHtml(report: PostureReport): string {
  const severityRows = findingSeverities.map((s) => ({
    label: s,
    value: report.counts[s],
    colour: severityColours[s],
  }));
  const serverNames = [...new Set(report.risks.map((r) => r.server))];
  const serverRows = report.servers.map((s) => ({
    label: s.name,
    value: report.risks.filter((r) => r.server === s.name).length,
    colour: statusColour[s.status ?? 'unknown'] ?? '#6b7280',
  }));
  const servers = report.servers
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.name)}</td><td>${escapeHtml((s.status ?? s.state).toUpperCase())}</td><td>${escapeHtml(
          s.statusRule ?? s.error ?? (s.state === 'no-assessment' ? 'no assessment tool' : ''),
        )}${s.coverage ? `<br><span class="coverage">${escapeHtml(s.coverage)}</span>` : ''}</td></tr>`,
    )
    .join('');
  const overall = report.overall.status;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Microsoft 365 posture: ${escapeHtml(report.tenant)}</title>
<style>${reportStyles}</style></head>
<body>
<h1>Microsoft 365 posture: <span class="status" id="overall" style="background:${statusColour[overall]}">${overall.toUpperCase()}</span></h1>
<p>${escapeHtml(report.tenant)} &middot; generated ${escapeHtml(report.generatedAt)}</p>
<p class="rule">Rule: ${escapeHtml(report.overall.rule)}</p>
<table class="servers"><thead><tr><th>Server</th><th>Status</th><th>Why</th></tr></thead><tbody>${servers}</tbody></table>
${report.missingServers.length > 0 ? `<p>Not built or not installed: ${escapeHtml(report.missingServers.join(', '))}</p>` : ''}
<section class="charts">
${svgBarChart('Failing findings by severity', severityRows)}
${svgBarChart('Failing findings by server', serverRows)}
${report.trends.map(trendChart).join('\n')}
</section>
${
  report.nextActions.length > 0
    ? `<h2>Next actions</h2><ol>${report.nextActions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ol>`
    : ''
}
<h2>Findings</h2>
<div class="filters">
<label>Severity <select id="f-severity"><option value="">all</option>${findingSeverities
    .map((s) => `<option value="${s}">${s}</option>`)
    .join('')}</select></label>
<label>Server <select id="f-server"><option value="">all</option>${serverNames
    .map((s) => `<option value="${escapeHtml(s)}">${escapeHtml(s)}</option>`)
    .join('')}</select></label>
<label>Search <input id="f-text" type="search" placeholder="title, resource or id"></label>
<span id="f-count"></span>
</div>
<table><thead><tr><th>Severity</th><th>Finding</th><th>Resource</th><th>Server</th></tr></thead>
<tbody>${report.risks.map(findingRow).join('\n')}</tbody></table>
<script>${script}</script>
</body></html>
`;
}
