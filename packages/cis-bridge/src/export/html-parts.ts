// The pieces every single-file HTML report of the project is made of (this package's run report
// and m365-posture's whole-tenant report): escaping of tenant text, the severity colours, inline
// SVG bar and line charts (they render with scripts off and in print) and evidence lists.
import type { FindingSeverity } from '@m365-mcp/graph-core';

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

export const severityColours: Readonly<Record<FindingSeverity, string>> = {
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

export interface LineChartPoint {
  /** The x label, shown for the first and last point and in each point's tooltip (a date). */
  label: string;
  value: number;
}

export interface LineChartOptions {
  id?: string;
  /** Said after each value: "points", "%". */
  unit?: string;
  /** The y range; by default the data's own range with a margin, so a small change stays visible. */
  min?: number;
  max?: number;
  colour?: string;
}

const chartWidth = 480;
const chartHeight = 180;
const plot = { left: 52, right: 468, top: 12, bottom: 148 };
const coordinate = (n: number) => String(Math.round(n * 10) / 10);
const shown = (n: number) => String(Math.round(n * 100) / 100);

function yRange(values: readonly number[], options: LineChartOptions): { low: number; high: number } {
  const dataLow = Math.min(...values);
  const dataHigh = Math.max(...values);
  const margin = Math.max((dataHigh - dataLow) * 0.1, Math.abs(dataHigh) * 0.02, 1);
  const low = options.min ?? Math.max(dataLow >= 0 ? 0 : -Infinity, Math.floor(dataLow - margin));
  const high = options.max ?? Math.ceil(dataHigh + margin);
  return high > low ? { low, high } : { low, high: low + 1 };
}

/**
 * A line chart as inline SVG (no script: it renders with scripts off and in print). Its `<title>`
 * names it and its `<desc>` says what it shows, for screen readers; each point has a tooltip. The
 * path has one command per point (`M` then `L`s); a single point is a dot, no point says so.
 */
export function svgLineChart(
  title: string,
  points: readonly LineChartPoint[],
  options: LineChartOptions = {},
): string {
  const data = points.filter((p) => Number.isFinite(p.value));
  const unit = options.unit ? ` ${options.unit}` : '';
  const colour = options.colour ?? '#2f6fb0';
  const idAttribute = options.id === undefined ? '' : ` id="${escapeHtml(options.id)}"`;
  const first = data[0];
  const last = data.at(-1);
  let body: string;
  let description: string;
  if (!first || !last) {
    description = 'No data.';
    body = `<text x="${chartWidth / 2}" y="${chartHeight / 2}" text-anchor="middle" class="label">No data</text>`;
  } else {
    const { low, high } = yRange(
      data.map((p) => p.value),
      options,
    );
    const x = (i: number) =>
      data.length === 1
        ? (plot.left + plot.right) / 2
        : plot.left + (i / (data.length - 1)) * (plot.right - plot.left);
    const y = (v: number) =>
      plot.bottom - ((Math.min(high, Math.max(low, v)) - low) / (high - low)) * (plot.bottom - plot.top);
    const path = data
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${coordinate(x(i))} ${coordinate(y(p.value))}`)
      .join(' ');
    const dots = data
      .map(
        (p, i) =>
          `<circle cx="${coordinate(x(i))}" cy="${coordinate(y(p.value))}" r="${data.length === 1 ? 4 : data.length > 40 ? 1.5 : 2.5}" fill="${colour}"><title>${escapeHtml(p.label)}: ${shown(p.value)}${escapeHtml(unit)}</title></circle>`,
      )
      .join('');
    const values = data.map((p) => p.value);
    description =
      data.length === 1
        ? `One point: ${first.label}, ${shown(first.value)}${unit}.`
        : `${data.length} points from ${first.label} (${shown(first.value)}${unit}) to ${last.label} (${shown(last.value)}${unit}); lowest ${shown(Math.min(...values))}, highest ${shown(Math.max(...values))}.`;
    body =
      `<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="#8c959f" class="axis"></line>` +
      `<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="#8c959f" class="axis"></line>` +
      `<text x="${plot.left - 6}" y="${plot.top + 4}" text-anchor="end" class="value">${shown(high)}</text>` +
      `<text x="${plot.left - 6}" y="${plot.bottom}" text-anchor="end" class="value">${shown(low)}</text>` +
      `<text x="${plot.left}" y="${plot.bottom + 18}" class="label">${escapeHtml(first.label)}</text>` +
      (data.length > 1
        ? `<text x="${plot.right}" y="${plot.bottom + 18}" text-anchor="end" class="label">${escapeHtml(last.label)}</text>`
        : '') +
      `<path d="${path}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round" class="line" data-points="${data.length}"></path>` +
      dots;
  }
  return `<figure class="chart line-chart"${idAttribute}><figcaption>${escapeHtml(title)}</figcaption><svg role="img" width="${chartWidth}" height="${chartHeight}" viewBox="0 0 ${chartWidth} ${chartHeight}"><title>${escapeHtml(title)}</title><desc>${escapeHtml(description)}</desc>${body}</svg></figure>`;
}

/** Evidence as a definition list; empty when there is none. */
export function htmlEvidenceList(evidence: Record<string, unknown> | undefined): string {
  const entries = Object.entries(evidence ?? {});
  if (entries.length === 0) return '';
  return `<dl class="evidence">${entries
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('')}</dl>`;
}
