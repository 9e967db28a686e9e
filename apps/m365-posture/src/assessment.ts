// What posture reads from a server: the structured result of its assessment tool. A server marks
// its assessment tool with `_meta["m365-mcp/assessment"] = true` and returns this shape in
// `structuredContent` (extra fields are kept but not read). Parsed leniently: a server newer or
// older than this client still contributes what it can. The key, the statuses and the severities
// are the shared contract (defined in graph-core, re-exported by cis-bridge); only the lenient
// reading is posture's own.
import {
  type FindingSeverity,
  findingSeverities,
  type PostureStatus,
  postureStatuses,
} from '@m365-mcp/cis-bridge';
import { z } from 'zod';

export type { PostureStatus };

const findingSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    severity: z.enum(findingSeverities),
    status: z.string(),
    resource: z
      .object({ type: z.string(), id: z.string().optional(), displayName: z.string().optional() })
      .partial()
      .optional(),
    evidence: z.record(z.string(), z.unknown()).optional(),
    recommendation: z.string().optional(),
  })
  .loose();
export type AssessmentFinding = z.infer<typeof findingSchema>;

// A time series the server measured (mcp-kit's `trends`): kept when it has a name and dated
// numbers; a malformed one is dropped alone, never failing the assessment it came with.
const trendSchema = z.object({
  name: z.string().min(1).max(100),
  unit: z.string().max(40).optional().catch(undefined),
  max: z.number().finite().optional().catch(undefined),
  points: z.array(z.object({ date: z.string().min(1).max(40), value: z.number().finite() })).max(400),
});
export type AssessmentTrend = z.infer<typeof trendSchema>;

const trendsSchema = z
  .array(z.unknown())
  .optional()
  .catch(undefined)
  .transform((list) =>
    list?.flatMap((trend) => {
      const parsed = trendSchema.safeParse(trend);
      return parsed.success ? [parsed.data] : [];
    }),
  );

// What a run looked at (m365-compliance's `summary.coverage`): evaluated / manual / skipped / error
// controls, by section. Read when present and well formed; anything else is ignored.
const counts = z.object({
  evaluated: z.number().int().min(0),
  manual: z.number().int().min(0),
  skipped: z.number().int().min(0),
  error: z.number().int().min(0),
});
const coverageSchema = counts.extend({
  bySection: z
    .record(z.string().max(20), counts)
    .refine((sections) => Object.keys(sections).length <= 50, 'too many sections'),
});
export type AssessmentCoverage = z.infer<typeof coverageSchema>;

const summaryCoverageSchema = z.object({ coverage: coverageSchema }).loose().optional().catch(undefined);

export const assessmentSchema = z
  .object({
    status: z.enum(postureStatuses),
    statusRule: z.string(),
    findings: z.array(findingSchema).default([]),
    nextActions: z.array(z.string()).default([]),
    // Optional in the type too: an assessment written by hand (a test, an older server) need
    // not say it has none.
    trends: trendsSchema.optional(),
    summary: summaryCoverageSchema,
  })
  .loose();
export type Assessment = z.infer<typeof assessmentSchema>;

const statusRank: Record<PostureStatus, number> = { critical: 3, warning: 2, unknown: 1, ok: 0 };
const severityRank: Record<FindingSeverity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function worseStatus(a: PostureStatus, b: PostureStatus): PostureStatus {
  return statusRank[a] >= statusRank[b] ? a : b;
}

export function compareSeverity(a: FindingSeverity, b: FindingSeverity): number {
  return severityRank[b] - severityRank[a];
}

export function atLeast(severity: FindingSeverity, threshold: FindingSeverity): boolean {
  return severityRank[severity] >= severityRank[threshold];
}
