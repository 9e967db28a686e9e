import { z } from 'zod';
import { plannedRequestSchema, writePlanSchema } from './write-plan.js';

export const writeStatuses = ['planned', 'applied', 'partially_applied', 'failed', 'cancelled'] as const;

const appliedRequestSchema = plannedRequestSchema.pick({ method: true, path: true }).extend({
  requestId: z.string().optional().describe('Graph request-id of the call that made the change'),
});

/** The output of every write tool, whichever phase the call was in. */
export const writeResultShape = {
  status: z.enum(writeStatuses),
  planId: z.string().optional().describe('Pass this back (alone) to apply the plan'),
  expiresAt: z.string().optional().describe('When the plan id stops working (ISO 8601)'),
  plan: writePlanSchema,
  applied: z.array(appliedRequestSchema).optional().describe('Requests that succeeded, in order'),
  failed: plannedRequestSchema
    .pick({ method: true, path: true })
    .extend({ error: z.string() })
    .optional()
    .describe('The request that failed; the ones after it were not sent'),
  notApplied: z.array(plannedRequestSchema.pick({ method: true, path: true })).optional(),
  message: z.string(),
};
export const writeResultSchema = z.object(writeResultShape);
export type WriteResult = z.infer<typeof writeResultSchema>;
