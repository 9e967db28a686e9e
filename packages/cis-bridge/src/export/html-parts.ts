// The pieces every single-file HTML report of the project is made of (this package's run report
// and m365-posture's whole-tenant report): escaping of tenant text, the severity colours, inline
// SVG bar charts (they render with scripts off and in print) and evidence lists.
import type { Severity } from '../finding.js';

/** HTML-escapes any value (non-strings as JSON): tenant text stays text, whatever it holds. */
export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value ?? null) ?? '');
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const severityColours: Readonly<Record<Severity, string>> = {
  critical: '#8b0000',
  high: '#d9480f',
  medium: '#e8a400',
  low: '#2f6fb0',
  info: '#6b7280',
};

export interface BarChartRow {
  label: string;
  value: number;
  colour: string;
}

/** A horizontal bar chart as inline SVG, labelled for screen readers by its title. */
export function svgBarChart(title: string, rows: readonly BarChartRow[], id?: string): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowHeight = 26;
  const height = rows.length * rowHeight + 8;
  const bars = rows
    .map((row, i) => {
      const y = i * rowHeight + 4;
      const width = Math.round((row.value / max) * 300);
      return (
        `<text x="0" y="${y + 16}" class="label">${escapeHtml(row.label)}</text>` +
        `<rect x="130" y="${y}" width="${width}" height="20" fill="${row.colour}" rx="3"></rect>` +
        `<text x="${136 + width}" y="${y + 16}" class="value">${row.value}</text>`
      );
    })
    .join('');
  const idAttribute = id === undefined ? '' : ` id="${escapeHtml(id)}"`;
  return `<figure class="chart"${idAttribute}><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" width="480" height="${height}" viewBox="0 0 480 ${height}">${bars}</svg></figure>`;
}

/** Evidence as a definition list; empty when there is none. */
export function htmlEvidenceList(evidence: Record<string, unknown> | undefined): string {
  const entries = Object.entries(evidence ?? {});
  if (entries.length === 0) return '';
  return `<dl class="evidence">${entries
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('')}</dl>`;
}
