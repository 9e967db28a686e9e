import type { AuditRun } from '../audit/run.js';
import { importCisAuditJson } from './cis-audit-json.js';
import { parseJsonText, ReportImportError } from './import-error.js';
import { importMaester } from './maester.js';
import { importScubaGear } from './scubagear.js';

export const reportFormats = ['cis-audit-json', 'maester', 'scubagear'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export function detectFormat(data: unknown): ReportFormat {
  if (Array.isArray(data)) return 'cis-audit-json';
  if (typeof data === 'object' && data !== null) {
    if ('ControlId' in data) return 'cis-audit-json';
    if ('Tests' in data || 'Tenants' in data) return 'maester';
    if ('MetaData' in data && 'Results' in data) return 'scubagear';
  }
  throw new ReportImportError(
    'Unrecognised report: expected an Invoke-M365CISAudit array, a Maester result (Tests[]) or a ScubaGear ScubaResults (MetaData, Results).',
  );
}

/** Parses report text (BOM tolerated), detects or checks the format, and normalises it to a run. */
export function importReport(
  text: string,
  options: { format?: ReportFormat; label?: string } = {},
): AuditRun {
  const data = parseJsonText(text, options.format ?? 'audit');
  const format = options.format ?? detectFormat(data);
  if (format === 'cis-audit-json') return importCisAuditJson(data, options.label);
  if (format === 'maester') return importMaester(data, options.label);
  return importScubaGear(data, options.label);
}
