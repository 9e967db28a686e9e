// The assessment contract between the servers and m365-posture: each server marks one tool as its
// assessment (`defineTool({ assessment: true })`, advertised in tools/list under this `_meta`
// key); posture calls it with `{}` and reads these fields from its structuredContent. The key and
// the statuses are defined in graph-core, where posture (which loads no MCP server code) reads them.
import { findingSchema, postureStatusSchema } from '@m365-mcp/graph-core';
import { z } from 'zod';

export {
  assessmentMetaKey,
  type PostureStatus,
  postureStatuses,
  postureStatusSchema,
} from '@m365-mcp/graph-core';

/**
 * A measured value over time that a report can chart (a score, a count), named by the server that
 * measured it; server-neutral, so posture draws any server's series the same way.
 */
export const assessmentTrendSchema = z.object({
  name: z.string().min(1).max(100).describe('What is measured, e.g. "Secure Score".'),
  unit: z.string().max(40).describe('Unit of the values, e.g. "points" or "%".'),
  max: z.number().optional().describe('The highest value possible, when there is one.'),
  points: z
    .array(
      z.object({
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}/)
          .describe('An ISO date, yyyy-MM-dd'),
        value: z.number(),
      }),
    )
    .max(400)
    .describe('Oldest first, at most one a day.'),
});

/** Spread into an assessment tool's output shape; the tool may add its own fields beside them. */
export const assessmentShape = {
  status: postureStatusSchema.describe('Overall status for this server’s domain.'),
  statusRule: z.string().describe('The rule that set the status, in words.'),
  findings: z.array(findingSchema),
  nextActions: z.array(z.string()).describe('Recommended next actions, most important first.'),
  trends: z
    .array(assessmentTrendSchema)
    .optional()
    .describe('Optional time series behind the status (e.g. the Secure Score by day), for charts.'),
};
