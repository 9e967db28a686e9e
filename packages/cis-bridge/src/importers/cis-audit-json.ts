import { randomUUID } from 'node:crypto';
import type { FindingSeverity, FindingStatus } from '@m365-mcp/graph-core';
import { z } from 'zod';
import type { AuditRun, ControlResult } from '../audit/run.js';
import { clip, parseReport } from './import-error.js';

// `m365_cis_audit.json` from the PowerShell toolkit's Invoke-M365CISAudit.ps1 (Heyson315/share-report):
// a bare array (or, for one result, a bare object) of 9 string fields per control.

const row = z.object({
  ControlId: z.string().min(1),
  Title: z.string(),
  Severity: z.string(),
  Expected: z.string().nullable().optional(),
  Actual: z.string().nullable().optional(),
  Status: z.enum(['Pass', 'Fail', 'Manual', 'Error']),
  Evidence: z.string().nullable().optional(),
  Reference: z.string().nullable().optional(),
  Timestamp: z.string().nullable().optional(),
});
const report = z.union([z.array(row).min(1), row.transform((r) => [r])]);

const STATUS: Record<z.infer<typeof row>['Status'], FindingStatus> = {
  Pass: 'pass',
  Fail: 'fail',
  Manual: 'manual',
  Error: 'error',
};

function severity(text: string): FindingSeverity {
  const s = text.toLowerCase();
  return s === 'critical' || s === 'high' || s === 'medium' || s === 'low' ? s : 'info';
}

function section(controlId: string): string {
  const match = /^CIS-([A-Z]+)-/i.exec(controlId);
  return match?.[1]?.toUpperCase() ?? 'other';
}

export function importCisAuditJson(data: unknown, label?: string): AuditRun {
  const rows = parseReport(report, data, 'Invoke-M365CISAudit (m365_cis_audit.json)');
  const results: ControlResult[] = rows.map((r) => {
    const version = /v(\d+(?:\.\d+)*)/i.exec(r.Reference ?? '')?.[1];
    const level = /\bL([12])\b/.exec(r.Reference ?? '')?.[1];
    return {
      section: section(r.ControlId),
      ...(level ? { level: level === '1' ? ('L1' as const) : ('L2' as const) } : {}),
      finding: {
        id: r.ControlId,
        title: r.Title,
        severity: severity(r.Severity),
        status: STATUS[r.Status],
        resource: { type: 'tenant', id: 'tenant' },
        evidence: {
          expected: r.Expected ?? null,
          actual: r.Actual ?? null,
          detail: clip(r.Evidence),
          timestamp: r.Timestamp ?? null,
        },
        recommendation: r.Expected
          ? `Expected: ${r.Expected}`
          : 'See the audit script for the expected setting.',
        references: [
          {
            framework: 'CIS',
            id: r.ControlId,
            ...(version ? { version } : {}),
            ...(r.Reference ? { title: r.Reference } : {}),
          },
        ],
        ...(r.Status === 'Manual'
          ? { reason: clip(r.Evidence, 300) || 'Marked Manual by the audit script.' }
          : {}),
      },
    };
  });
  const times = rows
    .map((r) => r.Timestamp)
    .filter((t): t is string => !!t)
    .sort();
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    source: 'cis-audit-json',
    // The script writes local time with no zone; kept as written.
    startedAt: times[0] ?? now,
    finishedAt: times.at(-1) ?? now,
    ...(label ? { label } : {}),
    results,
    snapshots: {},
  };
}
