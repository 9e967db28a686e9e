// Guardrails hold at apply time, against the tenant as it is then. A plan was made from reads that
// may be minutes old (the user confirms in between) and other plans may have been applied since: so
// the tool plans again from fresh reads, its guardrails may refuse again, and the plan must still be
// the same requests. Anything else is applied to a tenant nobody looked at.
import { isDeepStrictEqual } from 'node:util';
import type { ToolContext } from '../tools/tool-context.js';
import type { WriteToolDefinition } from './define-write-tool.js';
import { refuse, type WritePlan } from './write-plan.js';

/** Plans `args` again now; refuses (GuardrailRefusal) when a guardrail forbids it or the requests changed. */
export async function recheckPlan(
  tool: WriteToolDefinition,
  args: Record<string, unknown>,
  planned: WritePlan,
  ctx: ToolContext,
): Promise<void> {
  // Compared before any validation: a plan that now has no request at all is a changed tenant too.
  const fresh = await tool.plan(args, ctx);
  if (!isDeepStrictEqual(fresh.requests, planned.requests)) {
    refuse(
      `the tenant changed since this plan was made (it would now send: ${
        fresh.requests.map((r) => `${r.method} ${r.path}`).join('; ') || 'nothing'
      }). Nothing was sent; make a new plan.`,
    );
  }
}
