import { collectRequestIds } from '@m365-mcp/graph-core';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  type CallToolResult,
  ErrorCode,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { describeError } from '../tools/error-result.js';
import { envelopeResult } from '../tools/tenant-envelope.js';
import { sanitizeTenantText } from '../tools/tenant-text.js';
import { acceptArguments } from '../tools/tool-arguments.js';
import type { ToolContext, ToolLogger } from '../tools/tool-context.js';
import { errorResult } from '../tools/tool-result.js';
import { boundedArguments } from './audit-arguments.js';
import type { CallOutcome } from './call-outcome.js';
import { cancelledOutcome } from './cancelled-outcome.js';
import { clientLogSink } from './client-log-level.js';
import { JsonRpcError } from './json-rpc-error.js';
import { createLogger, logInternalError } from './logger.js';
import type { ServerRuntime } from './server-runtime.js';

export type CallExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

interface CallSpec<A> {
  tool: string;
  /** The arguments object as the client sent it. */
  arguments: Record<string, unknown>;
  /** The tool's input schema; arguments that fail it never reach the body (outcome `invalid`). */
  input: z.ZodType<A>;
  /** What the audit line records of accepted arguments (it redacts secrets itself). */
  auditArguments(args: A): Record<string, unknown>;
  /** Mark the result as tenant data even if the body never called `tenantText`. */
  tenantData: boolean;
  body(args: A, ctx: ToolContext): Promise<CallOutcome>;
}

/**
 * MCP progress when the client asked for it (a progress token); every step with a message is also
 * a debug log line, so a client watching the logs sees how far a long tool got either way.
 */
function progressReporter(extra: CallExtra, log: ToolLogger): ToolContext['progress'] {
  const token = extra._meta?.progressToken;
  return async (done, total, message) => {
    if (message !== undefined) log.debug(message, total === undefined ? { done } : { done, total });
    if (token === undefined) return;
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
 * Runs one tool call: checks the arguments against the tool's input schema, gives the body its
 * context, turns failures into useful `isError` results, marks tenant data, and appends the audit
 * line (with the Graph request-ids the call caused and its true outcome: `invalid` for refused
 * arguments, `cancelled` when the client cancelled) BEFORE the answer goes back. No audit line, no
 * answer.
 */
export async function auditedCall<A>(
  runtime: ServerRuntime,
  extra: CallExtra,
  spec: CallSpec<A>,
): Promise<CallToolResult> {
  const started = performance.now();
  const stderr = runtime.deps.stderr;
  const log = createLogger(
    `${runtime.name}/${spec.tool}`,
    clientLogSink(runtime.logLevel, extra),
    stderr ? { stderr } : {},
  );
  let tenantData = spec.tenantData;
  const ctx: ToolContext = {
    graph: runtime.deps.graph,
    ...(runtime.deps.admin === undefined ? {} : { admin: runtime.deps.admin }),
    config: runtime.deps.config,
    server: runtime.name,
    signal: extra.signal,
    progress: progressReporter(extra, log),
    log,
    tenantText: (value, maxLength) => {
      tenantData = true;
      return sanitizeTenantText(value, maxLength);
    },
  };

  // Refused arguments are recorded as sent (redacted, bounded); accepted ones as the tool says.
  let auditArguments: unknown;
  let call: CallOutcome;
  let requestIds: readonly string[] = [];
  const accepted = acceptArguments(spec.tool, spec.input, spec.arguments);
  if (!accepted.ok) {
    auditArguments = boundedArguments(spec.arguments);
    call = {
      result: errorResult(accepted.message),
      outcome: 'invalid',
      detail: { kind: 'input', problems: accepted.problems },
    };
  } else {
    auditArguments = spec.auditArguments(accepted.args);
    ({ result: call, requestIds } = await collectRequestIds(async (): Promise<CallOutcome> => {
      try {
        return await spec.body(accepted.args, ctx);
      } catch (error) {
        const described = describeError(error, runtime.name);
        if (described.internal) logInternalError(runtime.name, described.internal.errorId, error, stderr);
        return {
          result: errorResult(described.message),
          outcome: described.outcome,
          detail: described.detail,
        };
      }
    }));
  }
  if (extra.signal.aborted) call = cancelledOutcome(call, extra.signal.reason);

  try {
    await runtime.deps.auditLog.append({
      tool: spec.tool,
      caller: runtime.caller,
      session: extra.sessionId ?? runtime.session,
      arguments: auditArguments,
      outcome: call.outcome,
      durationMs: performance.now() - started,
      requestIds,
      ...(call.detail === undefined ? {} : { detail: call.detail }),
    });
  } catch (error) {
    const errorId = crypto.randomUUID();
    logInternalError(runtime.name, errorId, error, stderr);
    const applied = call.outcome === 'applied' || call.changedTenant === true;
    return errorResult(
      `The audit log could not be written (error id ${errorId}), so this result is withheld.${applied ? ' The change WAS applied in Microsoft Graph; check the tenant.' : ''} Fix the audit log (see the server's stderr) and call again.`,
    );
  }
  // Every answer leaves through the one envelope. A call that read Graph (it caused request-ids)
  // or quoted tenant text carries tenant data, whether or not the body said so.
  return envelopeResult(call.result, { tenantData: tenantData || requestIds.length > 0 });
}

/**
 * Audits a tools/call refused before any tool could run (a malformed request, an unknown tool):
 * outcome `invalid`, the arguments as sent (bounded). The caller then answers the JSON-RPC error;
 * if the line cannot be written, the answer says that instead.
 */
export async function auditRefusedCall(
  runtime: ServerRuntime,
  extra: CallExtra,
  refusal: { tool: string; arguments: unknown; detail: Record<string, unknown> },
): Promise<void> {
  try {
    await runtime.deps.auditLog.append({
      tool: refusal.tool,
      caller: runtime.caller,
      session: extra.sessionId ?? runtime.session,
      arguments: boundedArguments(refusal.arguments),
      outcome: 'invalid',
      durationMs: 0,
      requestIds: [],
      detail: refusal.detail,
    });
  } catch (error) {
    const errorId = crypto.randomUUID();
    logInternalError(runtime.name, errorId, error, runtime.deps.stderr);
    throw new JsonRpcError(
      ErrorCode.InternalError,
      `The audit log could not be written (error id ${errorId}); fix it (see the server's stderr) and call again.`,
    );
  }
}
