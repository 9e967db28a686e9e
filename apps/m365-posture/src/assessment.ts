// What posture reads from a server: the structured result of its assessment tool. A server marks
// its assessment tool with `_meta["m365-mcp/assessment"] = true` and returns this shape in
// `structuredContent` (extra fields are kept but not read). Parsed leniently: a server newer or
// older than this client still contributes what it can.
import { z } from 'zod';

export const ASSESSMENT_META_KEY = 'm365-mcp/assessment';

export const postureStatuses = ['critical', 'warning', 'ok', 'unknown'] as const;
export type PostureStatus = (typeof postureStatuses)[number];

export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

const findingSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    severity: z.enum(severities),
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

export const assessmentSchema = z
  .object({
    status: z.enum(postureStatuses),
    statusRule: z.string(),
    findings: z.array(findingSchema).default([]),
    nextActions: z.array(z.string()).default([]),
    // Optional in the type too: an assessment written by hand (a test, an older server) need
    // not say it has none.
    trends: trendsSchema.optional(),
  })
  .loose();
export type Assessment = z.infer<typeof assessmentSchema>;

const statusRank: Record<PostureStatus, number> = { critical: 3, warning: 2, unknown: 1, ok: 0 };
const severityRank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function worseStatus(a: PostureStatus, b: PostureStatus): PostureStatus {
  return statusRank[a] >= statusRank[b] ? a : b;
}

export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank[b] - severityRank[a];
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank[severity] >= severityRank[threshold];
}
