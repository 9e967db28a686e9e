import { z } from 'zod';
import { ToolInputError } from '../tools/tool-input-error.js';
import type { WriteToolDefinition } from './define-write-tool.js';
import { type WritePlan, writePlanSchema } from './write-plan.js';

// Graph paths only: an absolute URL or a protocol-relative path could send the token elsewhere,
// and `..` could climb out of the object the plan names.
const safeGraphPath = /^\/(?!\/)[^\s?#\\]*$/;

/** Validates a tool's plan before anyone sees or applies it; a bad plan is a bug in the tool. */
export function checkPlan(tool: string, plan: WritePlan): WritePlan {
  const parsed = writePlanSchema.safeParse(plan);
  if (!parsed.success) throw new Error(`${tool} produced an invalid plan: ${parsed.error.message}`);
  for (const request of parsed.data.requests) {
    if (!safeGraphPath.test(request.path) || request.path.split('/').includes('..')) {
      throw new Error(`${tool} planned a request to "${request.path}", which is not a Graph path`);
    }
  }
  return parsed.data;
}

/** Parses a write tool's arguments with its input shape (defaults applied). */
export function parseWriteArguments(
  tool: WriteToolDefinition,
  args: Record<string, unknown>,
): Record<string, unknown> {
  const parsed = z.object(tool.input).safeParse(args);
  if (!parsed.success) {
    throw new ToolInputError(
      `Invalid arguments for ${tool.name}: ${z.prettifyError(parsed.error)}. To apply an existing plan, pass only its planId.`,
    );
  }
  return parsed.data;
}
