import type { AuditOutcome } from '@m365-mcp/audit-log';
import { collectRequestIds } from '@m365-mcp/graph-core';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { checkArgumentText } from '../tools/argument-text.js';
import { describeError } from '../tools/error-result.js';
import { envelopeResult } from '../tools/tenant-envelope.js';
import { sanitizeTenantText } from '../tools/tenant-text.js';
import type { ToolContext } from '../tools/tool-context.js';
import { errorResult } from '../tools/tool-result.js';
import { createLogger, logInternalError } from './logger.js';
import type { ServerRuntime } from './server-runtime.js';

export type CallExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface CallOutcome {
  result: CallToolResult;
  outcome: AuditOutcome;
  detail?: unknown;
}

interface CallSpec {
  tool: string;
  /** The arguments as the audit log should record them (it redacts secrets itself). */
  auditArguments: Record<string, unknown>;
  /** Mark the result as tenant data even if the body never called `tenantText`. */
  tenantData: boolean;
  body(ctx: ToolContext): Promise<CallOutcome>;
}

function progressReporter(extra: CallExtra): ToolContext['progress'] {
  const token = extra._meta?.progressToken;
  if (token === undefined) return async () => undefined;
  return async (done, total, message) => {
    await extra
      .sendNotification({
        method: 'notifications/progress',
        params: {
          progressToken: token,
          progress: done,
          ...(total === undefined ? {} : { total }),
          ...(message === undefined ? {} : { message }),
        },
      })
      // A client that went away must not turn a finished tool call into a failure.
      .catch(() => undefined);
  };
}

/**
 * Runs one tool call: gives the body its context, turns failures into useful `isError` results,
 * marks tenant data, and appends the audit line (with the Graph request-ids the call caused)
 * BEFORE the answer goes back. No audit line, no answer.
 */
export async function auditedCall(
  runtime: ServerRuntime,
  extra: CallExtra,
  spec: CallSpec,
): Promise<CallToolResult> {
  const started = performance.now();
  const stderr = runtime.deps.stderr;
  const log = createLogger(`${runtime.name}/${spec.tool}`, runtime.server, {
    sessionId: extra.sessionId,
    ...(stderr ? { stderr } : {}),
  });
  let tenantData = spec.tenantData;
  const ctx: ToolContext = {
    graph: runtime.deps.graph,
    config: runtime.deps.config,
    server: runtime.name,
    signal: extra.signal,
    progress: progressReporter(extra),
    log,
    tenantText: (value, maxLength) => {
      tenantData = true;
      return sanitizeTenantText(value, maxLength);
    },
  };

  const { result: call, requestIds } = await collectRequestIds(async (): Promise<CallOutcome> => {
    try {
      checkArgumentText(spec.auditArguments);
      return await spec.body(ctx);
    } catch (error) {
      const described = describeError(error, runtime.name);
      if (described.internal) logInternalError(runtime.name, described.internal.errorId, error, stderr);
      return { result: errorResult(described.message), outcome: described.outcome, detail: described.detail };
    }
  });

  try {
    await runtime.deps.auditLog.append({
      tool: spec.tool,
      caller: runtime.caller,
      session: extra.sessionId ?? runtime.session,
      arguments: spec.auditArguments,
      outcome: call.outcome,
      durationMs: performance.now() - started,
      requestIds,
      ...(call.detail === undefined ? {} : { detail: call.detail }),
    });
  } catch (error) {
    const errorId = crypto.randomUUID();
    logInternalError(runtime.name, errorId, error, stderr);
    const applied = call.outcome === 'applied';
    return errorResult(
      `The audit log could not be written (error id ${errorId}), so this result is withheld.${applied ? ' The change WAS applied in Microsoft Graph; check the tenant.' : ''} Fix the audit log (see the server's stderr) and call again.`,
    );
  }
  // Every answer leaves through the one envelope. A call that read Graph (it caused request-ids)
  // or quoted tenant text carries tenant data, whether or not the body said so.
  return envelopeResult(call.result, { tenantData: tenantData || requestIds.length > 0 });
}
