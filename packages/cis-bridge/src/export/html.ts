import {
  type FindingSeverity,
  type FindingStatus,
  findingSeverities,
  findingStatuses,
} from '@m365-mcp/graph-core';
import type { AuditRun, ControlResult, SecureScoreSummary } from '../audit/run.js';
import { secureScoreChange } from '../audit/secure-score.js';
import { summarizeRun } from '../audit/summary.js';
import { escapeHtml, htmlEvidenceList, severityColours, svgBarChart, svgLineChart } from './html-parts.js';

// A compliance run as one HTML file: readable offline (no external resource, a CSP that forbids
// loading any), printable, an overview (pass rate, Secure Score and its change, counts by status,
// failures by severity and by section, the Secure Score trend, as inline SVG charts, which render
// with scripts off and in print), then every control's
// finding with evidence and remediation, filterable by status, severity, section and text. Every
// tenant string is HTML-escaped: a crafted display name stays text.

const statusColour: Record<FindingStatus, string> = {
  fail: '#c92a2a',
  warning: '#e8a400',
  pass: '#2b8a3e',
  manual: '#5c6bc0',
  skipped: '#6b7280',
  error: '#8b0000',
  not_applicable: '#adb5bd',
};

const chapterOf = (r: ControlResult) => r.section.split('.')[0] ?? r.section;

/** The Secure Score KPI (with its change since the oldest day read) and its trend chart. */
function secureScoreOverview(score: SecureScoreSummary | undefined): { kpi: string; chart: string } {
  if (!score) {
    return {
      kpi: '<div class="kpi" id="secure-score"><b>not read</b>Secure Score</div>',
      chart: '',
    };
  }
  const change = escapeHtml(secureScoreChange(score));
  const kpi = `<div class="kpi" id="secure-score"><b>${score.current} / ${score.max}</b>Secure Score (${score.percentage}%) on ${escapeHtml(
    score.asOf.slice(0, 10),
  )}<span class="change" id="secure-score-change">${change}</span></div>`;
  const chart = svgLineChart(
    `Secure Score, last ${score.series.length} ${score.series.length === 1 ? 'day' : 'days'} (of ${score.max} points)`,
    score.series.map((p) => ({ label: p.date, value: p.score })),
    { id: 'chart-secure-score', unit: 'points' },
  );
  return { kpi, chart };
}

function findingRow(r: ControlResult): string {
  const f = r.finding;
  const resource = f.resource.displayName ?? f.resource.id;
  const text = `${f.title} ${resource} ${f.id}`.toLowerCase();
  const refs = f.references
    .map((ref) => `${ref.framework} ${ref.id}${ref.version ? ` v${ref.version}` : ''}`)
    .join('; ');
  return `<tr class="finding" data-status="${f.status}" data-severity="${f.severity}" data-section="${escapeHtml(chapterOf(r))}" data-text="${escapeHtml(text)}">
<td><span class="badge" style="background:${statusColour[f.status]}">${f.status.replace('_', ' ')}</span></td>
<td><span class="badge" style="background:${severityColours[f.severity]}">${f.severity}</span></td>
<td><strong>${escapeHtml(f.title)}</strong><div class="id">${escapeHtml(f.id)}${r.level ? ` &middot; ${r.level}` : ''}${refs ? ` &middot; ${escapeHtml(refs)}` : ''}</div>${
    f.reason ? `<p class="reason">${escapeHtml(f.reason)}</p>` : ''
  }${htmlEvidenceList(f.evidence)}${f.recommendation ? `<p class="fix"><b>Remediation:</b> ${escapeHtml(f.recommendation)}</p>` : ''}</td>
<td>${escapeHtml(resource)}<div class="id">${escapeHtml(f.resource.type)}</div></td>
<td>${escapeHtml(r.section)}</td>
</tr>`;
}

const styles = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#1f2328}
h1{font-size:1.5rem;margin:0 0 .25rem}
.meta{color:#57606a}
.kpis{display:flex;gap:2rem;margin:1rem 0;flex-wrap:wrap}
.kpi b{display:block;font-size:1.6rem}
.kpi .change{display:block;color:#57606a;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:2rem;margin:1.5rem 0}
.chart figcaption{font-weight:600;margin-bottom:.25rem}
.chart .label,.chart .value{font-size:12px;fill:#1f2328}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #d0d7de;padding:.5rem;text-align:left;vertical-align:top}
.badge{color:#fff;border-radius:3px;padding:.1rem .4rem;font-size:12px;text-transform:uppercase;white-space:nowrap}
.id{color:#57606a;font-size:12px}
.reason{margin:.3rem 0;color:#57606a}
.evidence{display:grid;grid-template-columns:max-content 1fr;gap:0 .75rem;margin:.4rem 0;font-size:12px}
.evidence dt{color:#57606a}.evidence dd{margin:0;word-break:break-word}
.fix{margin:.3rem 0 0;font-size:13px}
.filters{display:flex;gap:1rem;margin:1rem 0;flex-wrap:wrap}
@media print{.filters{display:none}body{margin:0}tr{break-inside:avoid}}
`;

// Filters rows; the table is complete without it, and print keeps the filtered view.
const script = `
const rows=[...document.querySelectorAll('tr.finding')];
const st=document.getElementById('f-status'),sev=document.getElementById('f-severity'),sec=document.getElementById('f-section'),txt=document.getElementById('f-text'),count=document.getElementById('f-count');
function apply(){let shown=0;const q=txt.value.trim().toLowerCase();for(const r of rows){const ok=(!st.value||r.dataset.status===st.value)&&(!sev.value||r.dataset.severity===sev.value)&&(!sec.value||r.dataset.section===sec.value)&&(!q||r.dataset.text.includes(q));r.hidden=!ok;if(ok)shown++;}count.textContent=shown+' of '+rows.length+' controls';}
for(const el of [st,sev,sec,txt])el.addEventListener('input',apply);apply();
`;

const statusOrder: Record<FindingStatus, number> = {
  fail: 0,
  warning: 1,
  error: 2,
  manual: 3,
  skipped: 4,
  not_applicable: 5,
  pass: 6,
};
const severityOrder: Record<FindingSeverity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export function exportRunHtml(run: AuditRun): string {
  const s = summarizeRun(run);
  const passRate = s.evaluated === 0 ? 0 : Math.round((s.byStatus.pass / s.evaluated) * 1000) / 10;
  const failing = run.results.filter((r) => r.finding.status === 'fail' || r.finding.status === 'warning');
  const sections = [...new Set(run.results.map(chapterOf))].sort((a, b) =>
    a.localeCompare(b, undefined, { numeric: true }),
  );
  const sectionRows = sections.map((section) => ({
    label: `Section ${section}`,
    value: failing.filter((r) => chapterOf(r) === section).length,
    colour: '#c92a2a',
  }));
  const ordered = [...run.results].sort(
    (a, b) =>
      statusOrder[a.finding.status] - statusOrder[b.finding.status] ||
      severityOrder[a.finding.severity] - severityOrder[b.finding.severity] ||
      a.finding.id.localeCompare(b.finding.id, undefined, { numeric: true }),
  );
  const tenant = run.tenantName ?? run.tenantId ?? 'tenant';
  const secureScore = secureScoreOverview(run.secureScore);
  const option = (v: string, label = v) => `<option value="${escapeHtml(v)}">${escapeHtml(label)}</option>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Compliance report: ${escapeHtml(tenant)}</title>
<style>${styles}</style></head>
<body>
<h1>Compliance report: ${escapeHtml(tenant)}</h1>
<p class="meta">Run ${escapeHtml(run.id)} &middot; source ${escapeHtml(run.source)}${
    run.benchmark ? ` &middot; benchmark ${escapeHtml(run.benchmark)}` : ''
  } &middot; ${escapeHtml(run.startedAt)} to ${escapeHtml(run.finishedAt)}${run.label ? ` &middot; ${escapeHtml(run.label)}` : ''}</p>
<div class="kpis">
<div class="kpi"><b id="pass-rate">${passRate}%</b>pass rate (${s.byStatus.pass} of ${s.evaluated} evaluated)</div>
<div class="kpi"><b id="failing">${failing.length}</b>failing or warning</div>
<div class="kpi"><b>${s.controls}</b>controls</div>
<div class="kpi"><b>${s.byStatus.manual + s.byStatus.skipped + s.byStatus.error}</b>not evaluated (manual, skipped, error)</div>
${secureScore.kpi}
</div>
<section class="charts">
${svgBarChart(
  'Controls by status',
  findingStatuses.map((st) => ({
    label: st.replace('_', ' '),
    value: s.byStatus[st],
    colour: statusColour[st],
  })),
  'chart-status',
)}
${svgBarChart(
  'Failing findings by severity',
  findingSeverities.map((sev) => ({
    label: sev,
    value: s.failuresBySeverity[sev],
    colour: severityColours[sev],
  })),
  'chart-severity',
)}
${svgBarChart('Failing findings by section', sectionRows, 'chart-section')}
${secureScore.chart}
</section>
<h2>Findings</h2>
<div class="filters">
<label>Status <select id="f-status"><option value="">all</option>${findingStatuses.map((st) => option(st)).join('')}</select></label>
<label>Severity <select id="f-severity"><option value="">all</option>${findingSeverities.map((sev) => option(sev)).join('')}</select></label>
<label>Section <select id="f-section"><option value="">all</option>${sections.map((sec) => option(sec)).join('')}</select></label>
<label>Search <input id="f-text" type="search" placeholder="title, resource or id"></label>
<span id="f-count"></span>
</div>
<table><thead><tr><th>Status</th><th>Severity</th><th>Finding</th><th>Resource</th><th>Section</th></tr></thead>
<tbody>${ordered.map(findingRow).join('\n')}</tbody></table>
<script>${script}</script>
</body></html>
`;
}
