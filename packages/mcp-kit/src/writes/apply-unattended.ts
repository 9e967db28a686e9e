import { randomUUID } from 'node:crypto';
import { collectRequestIds, type GraphClient } from '@m365-mcp/graph-core';
import type { ServerConfig } from '../config/server-config.js';
import { createLogger, logInternalError, type StderrWrite } from '../server/logger.js';
import type { AuditSink } from '../server/server-runtime.js';
import { describeError } from '../tools/error-result.js';
import { sanitizeTenantText } from '../tools/tenant-text.js';
import type { ToolContext, ToolTenant } from '../tools/tool-context.js';
import { type ApplyReport, applyPlan, describeApply } from './apply-plan.js';
import { checkPlan, parseWriteArguments } from './check-plan.js';
import type { WriteToolDefinition } from './define-write-tool.js';
import type { WritePlan } from './write-plan.js';
import { serializeWrite } from './write-queue.js';

export interface UnattendedWriteOptions {
  graph: GraphClient;
  config: ServerConfig;
  /** The server the write belongs to, e.g. `m365-compliance`. */
  server: string;
  auditLog: AuditSink;
  caller: string;
  session: string;
  /**
   * What stands in for the person who would confirm the plan, recorded as `confirmedBy` in the
   * audit log: e.g. `monitor allow-list (settings.monitor.remediate)`.
   */
  authorisedBy: string;
  /**
   * The tenant `graph` belongs to, when the process serves many (a tenants registry): the tool's
   * ctx.tenant, and recorded on both audit lines as `detail.tenant` as on a tool call's.
   */
  tenant?: ToolTenant;
  signal?: AbortSignal;
  stderr?: StderrWrite;
}

/** What an unattended write did; `message` says it in a sentence. */
export interface UnattendedWriteResult {
  status: 'applied' | 'partially_applied' | 'failed' | 'refused';
  /** The id the two audit lines share. */
  planId: string;
  plan?: WritePlan;
  applied?: ApplyReport['applied'];
  failed?: ApplyReport['failed'];
  notApplied?: ApplyReport['notApplied'];
  message: string;
}

type UnattendedOutcome = 'planned' | 'applied' | 'error' | 'refused';

/**
 * The write gate without an MCP client, for a process an operator started with `--allow-writes`
 * and an explicit allow-list (the compliance monitor's auto-remediation). It goes through the same
 * steps as a tool call: the tool plans (its guardrails may refuse), the plan is checked, the plan is
 * audited BEFORE anything is sent (no audit line, no write), then applied request by request and
 * the outcome audited with the Graph request-ids. The operator's allow-list replaces the user's
 * confirmation; it never replaces `--allow-writes`.
 */
export async function applyWriteUnattended(
  tool: WriteToolDefinition,
  args: Record<string, unknown>,
  options: UnattendedWriteOptions,
): Promise<UnattendedWriteResult> {
  const started = performance.now();
  const planId = `unattended-${randomUUID()}`;
  const signal = options.signal ?? new AbortController().signal;
  const audit = (outcome: UnattendedOutcome, detail: Record<string, unknown>, requestIds: string[] = []) =>
    options.auditLog.append({
      tool: tool.name,
      caller: options.caller,
      session: options.session,
      arguments: args,
      outcome,
      durationMs: performance.now() - started,
      requestIds,
      detail: {
        ...(options.tenant === undefined
          ? {}
          : { tenant: { name: options.tenant.name, tenantId: options.tenant.tenantId } }),
        planId,
        confirmedBy: options.authorisedBy,
        ...detail,
      },
    });

  if (!options.config.allowWrites) {
    await audit('refused', { why: 'writes are off' });
    return {
      status: 'refused',
      planId,
      message: `Refused: ${tool.name} writes to the tenant and writes are off; start with --allow-writes to allow them.`,
    };
  }

  // Planned (from fresh reads) and sent in one turn of the process's write queue, so its guardrails
  // see every write queued before it.
  return serializeWrite(async (): Promise<UnattendedWriteResult> => {
    let plan: WritePlan;
    try {
      plan = checkPlan(
        tool.name,
        await tool.plan(parseWriteArguments(tool, args), planningContext(options, signal)),
      );
    } catch (error) {
      const described = describeError(error, options.server);
      if (described.internal)
        logInternalError(options.server, described.internal.errorId, error, options.stderr);
      const refused = described.outcome === 'refused';
      await audit(refused ? 'refused' : 'error', { error: described.message });
      return { status: refused ? 'refused' : 'failed', planId, message: `Not applied: ${described.message}` };
    }
    // Recorded before the first request goes out: a write the audit log cannot hold is not made.
    await audit('planned', { plan });

    const { result: report, requestIds } = await collectRequestIds(() =>
      applyPlan(options.graph, plan.requests, {
        server: options.server,
        signal,
        progress: async () => undefined,
        onInternalError: (errorId, error) => logInternalError(options.server, errorId, error, options.stderr),
      }),
    );
    await audit(report.failed ? 'error' : 'applied', { args, ...report }, requestIds);
    const { status, message } = describeApply(plan, report);
    return status === 'applied'
      ? { status, planId, plan, applied: report.applied, message }
      : { status, planId, plan, ...report, message };
  });
}

function planningContext(options: UnattendedWriteOptions, signal: AbortSignal): ToolContext {
  return {
    graph: options.graph,
    config: options.config,
    ...(options.tenant === undefined ? {} : { tenant: options.tenant }),
    server: options.server,
    signal,
    progress: async () => undefined,
    log: createLogger(
      `${options.server}/unattended`,
      undefined,
      options.stderr ? { stderr: options.stderr } : {},
    ),
    tenantText: (value, maxLength) => sanitizeTenantText(value, maxLength),
  };
}
