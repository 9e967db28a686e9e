import type { AuditRun } from '../audit/run.js';

// One finding a row, RFC 4180: CRLF line ends, every field quoted when it holds a comma, quote or
// line break, quotes doubled. Tenant strings are attacker-controlled and a spreadsheet evaluates a
// cell that starts with = + - @ (or a tab / CR that some parsers strip first) as a formula, so
// such a cell gets a leading apostrophe (OWASP "CSV injection").

export const csvColumns = [
  'run_id',
  'control_id',
  'section',
  'level',
  'profile',
  'title',
  'status',
  'severity',
  'resource_type',
  'resource_id',
  'resource_name',
  'reason',
  'recommendation',
  'references',
  'evidence',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportRunCsv(run: AuditRun): string {
  const rows = run.results.map((r) => {
    const f = r.finding;
    return [
      run.id,
      f.id,
      r.section,
      r.level ?? '',
      r.profile ?? '',
      f.title,
      f.status,
      f.severity,
      f.resource.type,
      f.resource.id,
      f.resource.displayName ?? '',
      f.reason ?? '',
      f.recommendation,
      f.references
        .map((ref) => `${ref.framework} ${ref.id}${ref.version ? ` v${ref.version}` : ''}`)
        .join('; '),
      JSON.stringify(f.evidence),
    ];
  });
  return `${[[...csvColumns], ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
