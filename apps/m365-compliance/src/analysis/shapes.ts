import type { AuditRun, Finding } from '@m365-mcp/cis-bridge';
import { summarizeRun } from '@m365-mcp/cis-bridge';
import { findingSchema } from '@m365-mcp/mcp-kit';
import { z } from 'zod';

const rate = z.record(z.string(), z.number());
export const summarySchema = z.object({
  controls: z.number(),
  evaluated: z.number(),
  byStatus: z.record(z.string(), z.number()),
  passRateBySection: rate,
  passRateByLevel: rate,
  failuresBySeverity: z.record(z.string(), z.number()),
});

export const runInfoSchema = z.object({
  runId: z.string(),
  source: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  tenantId: z.string().optional(),
  label: z.string().optional(),
});

export function runInfo(run: AuditRun): z.infer<typeof runInfoSchema> {
  return {
    runId: run.id,
    source: run.source,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    ...(run.tenantId ? { tenantId: run.tenantId } : {}),
    ...(run.label ? { label: run.label } : {}),
  };
}

export { findingSchema, summarizeRun };

/** Tenant strings inside findings go through tenantText (untrusted data, never instructions). */
export function safeFinding(f: Finding, tenantText: (s: string) => string): Finding {
  const clean = (v: unknown): unknown => {
    if (typeof v === 'string') return tenantText(v);
    if (Array.isArray(v)) return v.map(clean);
    if (typeof v === 'object' && v !== null)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x)]));
    return v;
  };
  return {
    ...f,
    resource: {
      ...f.resource,
      ...(f.resource.displayName ? { displayName: tenantText(f.resource.displayName) } : {}),
    },
    evidence: clean(f.evidence) as Finding['evidence'],
  };
}

export function countsLine(run: AuditRun): string {
  const s = summarizeRun(run);
  const parts = Object.entries(s.byStatus)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return `${s.controls} controls (${parts.join(', ')})`;
}
