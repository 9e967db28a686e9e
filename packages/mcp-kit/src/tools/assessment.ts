// The assessment contract between the servers and m365-posture: each server marks one tool as its
// assessment (`defineTool({ assessment: true })`, advertised in tools/list under this `_meta`
// key); posture calls it with `{}` and reads these fields from its structuredContent.
import { z } from 'zod';
import { findingSchema } from '../findings/finding.js';

export const assessmentMetaKey = 'm365-mcp/assessment';

export const postureStatuses = ['critical', 'warning', 'ok', 'unknown'] as const;
export const postureStatusSchema = z.enum(postureStatuses);
export type PostureStatus = z.infer<typeof postureStatusSchema>;

/** Spread into an assessment tool's output shape; the tool may add its own fields beside them. */
export const assessmentShape = {
  status: postureStatusSchema.describe('Overall status for this server’s domain.'),
  statusRule: z.string().describe('The rule that set the status, in words.'),
  findings: z.array(findingSchema),
  nextActions: z.array(z.string()).describe('Recommended next actions, most important first.'),
};
