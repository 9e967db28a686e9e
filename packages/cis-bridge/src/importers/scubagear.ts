import { randomUUID } from 'node:crypto';
import type { FindingSeverity, FindingStatus } from '@m365-mcp/graph-core';
import { z } from 'zod';
import type { AuditRun, ControlResult } from '../audit/run.js';
import { clip, parseReport } from './import-error.js';

// ScubaGear's ScubaResults_<uuid>.json (v1.8): MetaData, Summary, Results by product, Raw.
// A failed SHALL is Fail, a failed SHOULD is Warning; Not-Implemented and 3rd-party policies are
// N/A (ScubaGear counts them as Manual).

const control = z.object({
  'Control ID': z.string().min(1),
  Requirement: z.string(),
  Result: z.string(),
  Criticality: z.string(),
  Details: z.string().nullable().optional(),
});
const report = z.object({
  MetaData: z.object({
    TenantId: z.string().nullable().optional(),
    DisplayName: z.string().nullable().optional(),
    TimestampZulu: z.string().nullable().optional(),
    ToolVersion: z.string().nullable().optional(),
  }),
  Results: z.record(z.string(), z.array(z.object({ GroupName: z.string(), Controls: z.array(control) }))),
});

function status(result: string): FindingStatus {
  const r = result.toLowerCase();
  if (r === 'pass') return 'pass';
  if (r === 'fail') return 'fail';
  if (r === 'warning') return 'warning';
  if (r === 'n/a') return 'manual';
  if (r === 'omitted') return 'skipped';
  if (r.startsWith('error')) return 'error';
  if (r === '-') return 'not_applicable';
  return 'warning';
}

function severity(criticality: string): FindingSeverity {
  return criticality.toLowerCase().startsWith('shall') ? 'high' : 'medium';
}

const stripHtml = (text: string) =>
  text
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .trim();

export function importScubaGear(data: unknown, label?: string): AuditRun {
  const parsed = parseReport(report, data, 'ScubaGear (ScubaResults)');
  const results: ControlResult[] = [];
  for (const [product, groups] of Object.entries(parsed.Results)) {
    for (const group of groups) {
      for (const c of group.Controls) {
        const st = status(c.Result);
        results.push({
          section: product,
          finding: {
            id: c['Control ID'],
            title: clip(stripHtml(c.Requirement), 300),
            severity: severity(c.Criticality),
            status: st,
            resource: { type: 'tenant', id: parsed.MetaData.TenantId ?? 'tenant' },
            evidence: {
              result: c.Result,
              criticality: c.Criticality,
              details: clip(stripHtml(c.Details ?? ''), 1500),
            },
            recommendation: `Meet ${c['Control ID']}: ${clip(stripHtml(c.Requirement), 300)}`,
            references: [
              {
                framework: 'CISA-SCuBA',
                id: c['Control ID'],
                ...(parsed.MetaData.ToolVersion
                  ? { version: `ScubaGear ${parsed.MetaData.ToolVersion}` }
                  : {}),
              },
            ],
            ...(st === 'manual'
              ? { reason: `${c.Criticality}: not checked automatically by ScubaGear.` }
              : {}),
          },
        });
      }
    }
  }
  const when = parsed.MetaData.TimestampZulu ?? new Date().toISOString();
  return {
    id: randomUUID(),
    source: 'scubagear',
    ...(parsed.MetaData.TenantId ? { tenantId: parsed.MetaData.TenantId } : {}),
    ...(parsed.MetaData.DisplayName ? { tenantName: parsed.MetaData.DisplayName } : {}),
    startedAt: when,
    finishedAt: when,
    ...(label ? { label } : {}),
    results,
    snapshots: {},
  };
}
