import { randomUUID } from 'node:crypto';
import type { FindingReference, FindingSeverity, FindingStatus } from '@m365-mcp/graph-core';
import { z } from 'zod';
import type { AuditRun, ControlResult } from '../audit/run.js';
import { clip, parseReport, ReportImportError } from './import-error.js';

// Maester's Invoke-Maester JSON (ConvertTo-MtMaesterResult): both the 2025 shape (Passed, Failed,
// Skipped, NotRun) and the current one (adds Error, Investigate, Index, Severity).

const test = z.object({
  Id: z.string().nullable().optional(),
  Name: z.string(),
  Title: z.string().nullable().optional(),
  HelpUrl: z.string().nullable().optional(),
  Tag: z.array(z.string()).nullable().optional(),
  Result: z.enum(['Passed', 'Failed', 'Skipped', 'NotRun', 'Error', 'Investigate']),
  Block: z.string().nullable().optional(),
  Severity: z.string().nullable().optional(),
  ResultDetail: z
    .object({
      TestResult: z.string().nullable().optional(),
      TestDescription: z.string().nullable().optional(),
      SkippedReason: z.string().nullable().optional(),
      Severity: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});
const report = z.object({
  ExecutedAt: z.string().nullable().optional(),
  TenantId: z.string().nullable().optional(),
  TenantName: z.string().nullable().optional(),
  Tests: z.array(test),
});

const STATUS: Record<z.infer<typeof test>['Result'], FindingStatus> = {
  Passed: 'pass',
  Failed: 'fail',
  Skipped: 'skipped',
  NotRun: 'skipped',
  Error: 'error',
  Investigate: 'warning',
};

function severity(text: string | null | undefined): FindingSeverity {
  const s = (text ?? '').toLowerCase();
  return s === 'critical' || s === 'high' || s === 'medium' || s === 'low' || s === 'info' ? s : 'medium';
}

function references(id: string, tags: readonly string[]): FindingReference[] {
  const cisVersion = tags.map((t) => /^CIS M365 v(.+)$/.exec(t)?.[1]).find(Boolean);
  if (id.startsWith('CIS.M365.'))
    return [{ framework: 'CIS', id: id.slice(9), ...(cisVersion ? { version: cisVersion } : {}) }];
  if (id.startsWith('CISA.')) return [{ framework: 'CISA-SCuBA', id: id.slice(5) }];
  if (id.startsWith('EIDSCA.')) return [{ framework: 'EIDSCA', id: id.slice(7) }];
  return [];
}

export function importMaester(data: unknown, label?: string): AuditRun {
  if (typeof data === 'object' && data !== null && 'Tenants' in data) {
    throw new ReportImportError(
      'This is a merged multi-tenant Maester file (Tenants[]); import each tenant’s result file separately.',
    );
  }
  const parsed = parseReport(report, data, 'Maester');
  const results: ControlResult[] = parsed.Tests.map((t, index) => {
    const id = t.Id ?? t.Name.split(':')[0]?.trim() ?? `test-${index}`;
    const tags = t.Tag ?? [];
    const level = tags.includes('L1') ? 'L1' : tags.includes('L2') ? 'L2' : undefined;
    const skippedReason = t.ResultDetail?.SkippedReason ?? (t.Result === 'NotRun' ? 'Not run' : undefined);
    return {
      section: t.Block ?? 'Maester',
      ...(level ? { level } : {}),
      finding: {
        id,
        title: t.Title ?? t.Name,
        severity: severity(t.Severity ?? t.ResultDetail?.Severity),
        status: STATUS[t.Result],
        resource: { type: 'tenant', id: parsed.TenantId ?? 'tenant' },
        evidence: { result: t.Result, detail: clip(t.ResultDetail?.TestResult, 1500) },
        recommendation:
          clip(t.ResultDetail?.TestDescription, 600) ||
          (t.HelpUrl ? `See ${t.HelpUrl}` : 'See the Maester test documentation.'),
        references: references(id, tags),
        ...(skippedReason && STATUS[t.Result] === 'skipped' ? { reason: clip(skippedReason, 300) } : {}),
      },
    };
  });
  const at = parsed.ExecutedAt ? new Date(parsed.ExecutedAt) : new Date();
  const when = Number.isNaN(at.getTime()) ? new Date().toISOString() : at.toISOString();
  return {
    id: randomUUID(),
    source: 'maester',
    ...(parsed.TenantId ? { tenantId: parsed.TenantId } : {}),
    ...(parsed.TenantName ? { tenantName: parsed.TenantName } : {}),
    startedAt: when,
    finishedAt: when,
    ...(label ? { label } : {}),
    results,
    snapshots: {},
  };
}
