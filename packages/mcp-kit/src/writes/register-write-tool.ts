import { z } from 'zod';
import { mayApplyWrites, principalOf } from '../http/principal.js';
import type { CallExtra } from '../server/audited-call.js';
import { auditedCall } from '../server/audited-call.js';
import type { CallOutcome } from '../server/call-outcome.js';
import { createLogger, logInternalError } from '../server/logger.js';
import type { ServerRuntime } from '../server/server-runtime.js';
import type { ToolCall } from '../server/tool-calls.js';
import { withTenantArgument } from '../tenants/tenant-argument.js';
import { quoteArgument } from '../tools/tenant-text.js';
import type { ToolContext } from '../tools/tool-context.js';
import { ToolInputError } from '../tools/tool-input-error.js';
import { answerResult, errorResult } from '../tools/tool-result.js';
import { applyPlan, describeApply } from './apply-plan.js';
import { checkPlan, parseWriteArguments } from './check-plan.js';
import { confirmPlan } from './confirm-plan.js';
import type { WriteToolDefinition } from './define-write-tool.js';
import { hashArguments, type StoredPlan, type TakePlanResult } from './plan-store.js';
import { recheckPlan } from './recheck-plan.js';
import type { WritePlan } from './write-plan.js';
import { serializeWrite } from './write-queue.js';
import { type WriteResult, writeResultShape } from './write-result.js';

const planIdSchema = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('The plan id from the planning call; pass it (with no other arguments) to apply that plan');

/**
 * Every argument becomes optional on the wire, and defaults are left for the planning call to
 * apply, so the second call can carry the plan id alone and "no arguments" stays distinguishable.
 */
function gateInputShape(input: z.ZodRawShape): z.ZodRawShape {
  const shape: Record<string, z.core.$ZodType> = {};
  for (const [key, schema] of Object.entries(input)) {
    const inner = schema instanceof z.ZodDefault ? schema.unwrap() : schema;
    shape[key] = inner instanceof z.ZodType ? inner.optional() : inner;
  }
  shape.planId = planIdSchema;
  return shape;
}

function gateDescription(tool: WriteToolDefinition): string {
  return `${tool.description}

Two steps. 1) Call with the arguments: nothing changes; you get a plan (the exact Microsoft Graph requests, targets, blast radius, whether it can be undone) and a planId. Show the plan to the user. 2) Only if the user agrees, call again with just the planId to apply exactly that plan (the user may be asked to confirm). A plan expires after a while and applies once.`;
}

/** The plan id (when the call applies a plan) apart from the other arguments. */
function splitPlanId(parsed: Record<string, unknown>): { args: Record<string, unknown>; planId?: string } {
  const args = Object.fromEntries(
    Object.entries(parsed).filter(([key, value]) => key !== 'planId' && value !== undefined),
  );
  return typeof parsed.planId === 'string' ? { args, planId: parsed.planId } : { args };
}

function outcome(
  result: WriteResult,
  outcomeName: CallOutcome['outcome'],
  isError: boolean,
  detail: unknown,
) {
  return {
    result: answerResult(result.message, result, { isError }),
    outcome: outcomeName,
    detail,
  } satisfies CallOutcome;
}

function requestLines(plan: WritePlan): string {
  return plan.requests.map((r) => `${r.method} ${r.path}`).join('; ');
}

async function planWrite(
  runtime: ServerRuntime,
  tool: WriteToolDefinition,
  args: Record<string, unknown>,
  ctx: ToolContext,
  principal: string,
): Promise<CallOutcome> {
  const parsed = parseWriteArguments(tool, args);
  const plan = checkPlan(tool.name, await tool.plan(parsed, ctx));
  const stored = await runtime.plans.add(tool.name, parsed, plan, principal, ctx.tenant);
  const expiresAt = new Date(stored.expiresAt).toISOString();
  const message = `Planned, nothing changed yet: ${plan.summary} Requests: ${requestLines(plan)}. ${
    plan.reversible ? 'Reversible.' : 'NOT reversible.'
  } To apply, show this plan to the user and, if they agree, call ${tool.name} with planId "${stored.id}"${
    ctx.tenant === undefined ? '' : ` and tenant "${ctx.tenant.name}"`
  } before ${expiresAt}.`;
  return outcome({ status: 'planned', planId: stored.id, expiresAt, plan, message }, 'planned', false, {
    planId: stored.id,
    plan,
  });
}

/** Why a plan id cannot be applied, for the caller (another principal's plan is `unknown`). */
function refusePlanId(
  tool: string,
  planId: string,
  reason: 'unknown' | 'expired' | 'other-tool',
  durable: boolean,
): never {
  const why = {
    unknown: `it was not issued by this server, was already applied or cancelled, or has expired${
      durable ? '' : ', or the server restarted since (its plans are kept in memory)'
    }`,
    expired: 'it has expired',
    'other-tool': 'it belongs to another tool',
  }[reason];
  throw new ToolInputError(
    `Plan ${quoteArgument(planId)} cannot be applied: ${why}. Call ${tool} without planId to make a new plan.`,
  );
}

/**
 * A stored plan that fails its checks was changed where it was kept (or signed with another key):
 * nothing of it is trusted or sent, it is removed, and the audit line says so for the operator.
 */
function tamperedOutcome(planId: string, why: string): CallOutcome {
  return {
    result: errorResult(
      `Plan ${quoteArgument(planId)} was refused: the stored plan fails its integrity check (${why}). Nothing was sent and the plan is discarded; make a new plan. Whoever runs this server should find out who changed its plan store.`,
    ),
    outcome: 'refused',
    detail: { planId, tampered: true, why },
  };
}

/** A caller whose sign-in gives roles needs the writer role to apply (a reader may only plan). */
function readerOutcome(tool: string, planId: string): CallOutcome {
  return {
    result: errorResult(
      `Plan ${quoteArgument(planId)} was not applied: you lack the write role (the app role McpServer.Write on this server's app registration), which applying a plan needs; a reader may make plans but not apply them. Nothing was changed. Ask an administrator to assign you that role, or ask someone who has it to apply a plan of their own with ${tool}.`,
    ),
    outcome: 'refused',
    detail: { planId, why: 'the caller lacks the write role' },
  };
}

type Checked = { ok: true; stored: StoredPlan } | { ok: false; outcome: CallOutcome };

/** Unknown, expired and other-tool plans are refused as input; a tampered one is answered. */
async function checked(
  runtime: ServerRuntime,
  tool: string,
  planId: string,
  principal: string,
  found: TakePlanResult,
): Promise<Checked> {
  const store = runtime.plans;
  if (found.ok) return { ok: true, stored: found.plan };
  if (found.reason !== 'tampered') refusePlanId(tool, planId, found.reason, store.repository.durable);
  // Removed, so a tampered plan cannot be tried again (take refuses it just the same).
  await store.take(planId, tool, principal);
  // For the operator (stderr only): someone changed the plan store, or replicas disagree on the key.
  createLogger(runtime.name, undefined, runtime.deps.stderr ? { stderr: runtime.deps.stderr } : {}).warning(
    `write plan ${planId} failed its integrity check (${found.why}); refused and removed, nothing sent`,
    { planId, tool, principal, keyId: store.keyId },
  );
  return { ok: false, outcome: tamperedOutcome(planId, found.why) };
}

async function applyWrite(
  runtime: ServerRuntime,
  tool: WriteToolDefinition,
  planId: string,
  args: Record<string, unknown>,
  ctx: ToolContext,
  principal: string,
  extra: CallExtra,
): Promise<CallOutcome> {
  // Before the plan is looked at: a reader learns nothing about it, and it stays for its maker.
  if (!mayApplyWrites(extra)) return readerOutcome(tool.name, planId);
  const store = runtime.plans;
  const found = await checked(
    runtime,
    tool.name,
    planId,
    principal,
    await store.find(planId, tool.name, principal),
  );
  if (!found.ok) return found.outcome;
  refuseOtherTenant(tool.name, planId, found.stored, ctx);
  if (
    Object.keys(args).length > 0 &&
    hashArguments(parseWriteArguments(tool, args)) !== found.stored.argsHash
  ) {
    throw new ToolInputError(
      `The arguments differ from the ones plan ${quoteArgument(planId)} was made for. Pass only the planId to apply that plan, or call without planId to plan the new arguments.`,
    );
  }
  // Taken (removed from the store, on every replica) before asking the user, so a second call with
  // the same id, here or on another replica, cannot race this one: exactly one take gets the plan.
  // What is applied is the plan as taken, checked again (signature, hashes, expiry).
  const taken = await checked(
    runtime,
    tool.name,
    planId,
    principal,
    await store.take(planId, tool.name, principal),
  );
  if (!taken.ok) return taken.outcome;
  const stored: StoredPlan = taken.stored;
  const base = { planId, plan: stored.plan };

  const confirmation = await confirmPlan(runtime.server, tool.name, stored, ctx.signal);
  if (!confirmation.confirmed) {
    const message = `Cancelled: the user did not confirm (${confirmation.why}). Nothing was changed; plan ${planId} is discarded.`;
    return outcome({ ...base, status: 'cancelled', message }, 'cancelled', false, {
      planId,
      why: confirmation.why,
    });
  }

  // One write at a time, and the guardrails once more against the tenant as it is now: a refusal
  // here (GuardrailRefusal) is answered and audited as `refused`, with nothing sent.
  const report = await serializeWrite(async () => {
    await recheckPlan(tool, stored.args, stored.plan, ctx);
    return applyPlan(ctx.graph, stored.plan.requests, {
      server: runtime.name,
      signal: ctx.signal,
      progress: (done, total) => ctx.progress(done, total, `applied ${done} of ${total} requests`),
      onInternalError: (errorId, error) =>
        logInternalError(runtime.name, errorId, error, runtime.deps.stderr),
    });
  });
  const detail = { planId, confirmedBy: confirmation.how, args: stored.args, ...report };
  const { status, message } = describeApply(stored.plan, report);
  // Even if the client cancels now, the audit line must say what was sent (see auditedCall).
  const changedTenant = report.applied.length > 0;
  if (status === 'applied') {
    return {
      ...outcome({ ...base, status, applied: report.applied, message }, 'applied', false, detail),
      changedTenant,
    };
  }
  return {
    ...outcome(
      {
        ...base,
        status,
        applied: report.applied,
        failed: report.failed,
        notApplied: report.notApplied,
        message,
      },
      'error',
      true,
      detail,
    ),
    changedTenant,
  };
}

/**
 * A plan holds requests read from one tenant and applies to that tenant only: with another
 * `tenant` the same paths would change another customer's objects. The plan stays for its tenant.
 */
function refuseOtherTenant(tool: string, planId: string, stored: StoredPlan, ctx: ToolContext): void {
  const planned = stored.tenant;
  if (planned?.tenantId === ctx.tenant?.tenantId) return;
  const named = (tenant: ToolContext['tenant']) =>
    tenant === undefined ? 'no tenant' : `tenant "${tenant.name}" (${tenant.tenantId})`;
  throw new ToolInputError(
    `Plan ${quoteArgument(planId)} was made for ${named(planned)}, and this call names ${named(
      ctx.tenant,
    )}: a plan applies only to the tenant it was made for. Nothing was changed. To apply it, call ${tool} with its planId and tenant "${
      planned?.name ?? ''
    }"; to make that change in ${named(ctx.tenant)}, call ${tool} without planId to plan it there.`,
  );
}

/** Lists the write tool on the server and returns its call envelope (see tool-calls.ts). */
export function registerWriteTool(runtime: ServerRuntime, tool: WriteToolDefinition): ToolCall {
  const inputShape = gateInputShape(tool.input);
  const inputSchema = z.object(inputShape);
  const call: ToolCall = (rawArgs, extra) => {
    // Who is calling (the HTTP token's fingerprint, the Entra user or app; `local` on stdio): plans
    // are bound to it, and its roles decide whether it may apply one.
    const principal = principalOf(extra);
    return auditedCall(runtime, extra, {
      tool: tool.name,
      arguments: rawArgs,
      input: inputSchema,
      auditArguments: (parsed) => {
        const { args, planId } = splitPlanId(parsed);
        return planId ? { ...args, planId } : args;
      },
      // Plans name their targets, and target names are tenant data.
      tenantData: true,
      body: (parsed, ctx) => {
        const { args, planId } = splitPlanId(parsed);
        return planId
          ? applyWrite(runtime, tool, planId, args, ctx, principal, extra)
          : planWrite(runtime, tool, args, ctx, principal);
      },
    });
  };
  runtime.server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: gateDescription(tool),
      // With a tenants registry the listed schema has the required `tenant` (taken off by the kit).
      inputSchema:
        runtime.deps.tenants === undefined ? inputShape : withTenantArgument(tool.name, inputShape),
      ...(runtime.deps.config.outputSchemas ? { outputSchema: writeResultShape } : {}),
      annotations: { title: tool.title, ...tool.annotations },
    },
    call,
  );
  return call;
}
