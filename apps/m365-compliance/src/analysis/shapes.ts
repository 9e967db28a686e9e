import type { AuditRun, Finding } from '@m365-mcp/cis-bridge';
import { coverageLine, summarizeRun } from '@m365-mcp/cis-bridge';
import { findingSchema, sanitizeTenantText } from '@m365-mcp/mcp-kit';
import { z } from 'zod';

const rate = z.record(z.string(), z.number());
const coverageCounts = z.object({
  evaluated: z.number(),
  manual: z.number(),
  skipped: z.number(),
  error: z.number(),
});
export const summarySchema = z.object({
  controls: z.number(),
  evaluated: z.number(),
  byStatus: z.record(z.string(), z.number()),
  passRateBySection: rate,
  passRateByLevel: rate,
  failuresBySeverity: z.record(z.string(), z.number()),
  coverage: coverageCounts
    .extend({ bySection: z.record(z.string(), coverageCounts) })
    .describe(
      'What the run looked at: evaluated (a verdict), manual, skipped, error; in all and by CIS section',
    ),
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
    // An imported report's times are kept as written, its tenant named as it says, and a label is
    // the caller's: all quoted as text.
    startedAt: sanitizeTenantText(run.startedAt),
    finishedAt: sanitizeTenantText(run.finishedAt),
    ...(run.tenantId ? { tenantId: sanitizeTenantText(run.tenantId) } : {}),
    ...(run.label ? { label: sanitizeTenantText(run.label) } : {}),
  };
}

export { findingSchema, summarizeRun };

/** Cleans one tenant string for an answer: `ctx.tenantText` (one line, bounded, 256 by default). */
export type TenantText = (value: string, maxLength?: number) => string;

/** A reason a control was not decided (or why it failed): bounded like run_security_audit's. */
export const reasonMaxLength = 300;

/** Every string in a value, at any depth, through `tenantText` (keys are ours and stay as they are). */
export function cleanTenantStrings(value: unknown, tenantText: TenantText): unknown {
  if (typeof value === 'string') return tenantText(value);
  if (Array.isArray(value)) return value.map((item) => cleanTenantStrings(item, tenantText));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, cleanTenantStrings(inner, tenantText)]),
    );
  return value;
}

/**
 * A finding as it leaves the server. A run imported from a report (ScubaGear, Maester, a PowerShell
 * audit) is tenant data through and through: its control ids, titles, evidence, recommendations and
 * references come from a file that whoever could write it chose. So EVERY string of a finding goes
 * through `tenantText`: one line (a title cannot start a paragraph of "instructions") and bounded
 * (256; a reason 300). The catalogue's own strings are shorter and pass unchanged.
 */
export function safeFinding(f: Finding, tenantText: TenantText): Finding {
  const cleaned = cleanTenantStrings(f, tenantText) as Finding;
  return f.reason === undefined ? cleaned : { ...cleaned, reason: tenantText(f.reason, reasonMaxLength) };
}

/** "Coverage: 57 evaluated, 83 manual, 3 skipped; evaluated by section 1 9/15, …" for a summary. */
export function coverageText(run: AuditRun): string {
  return coverageLine(summarizeRun(run).coverage);
}

export function countsLine(run: AuditRun): string {
  const s = summarizeRun(run);
  const parts = Object.entries(s.byStatus)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`);
  return `${s.controls} controls (${parts.join(', ')})`;
}
