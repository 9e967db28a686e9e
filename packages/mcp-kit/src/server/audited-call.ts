import { type AdminApis, collectRequestIds, type GraphClient, UnauthorizedError } from '@m365-mcp/graph-core';
import {
  type AuthInfo,
  type CallToolResult,
  ProtocolErrorCode as ErrorCode,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import { describeDelegatedFailure } from '../delegated/delegated-failure.js';
import { type HttpCaller, httpCallerOf } from '../http/principal.js';
import { takeTenantArgument, tenantArgumentName } from '../tenants/tenant-argument.js';
import { describeError, type ErrorDescription } from '../tools/error-result.js';
import { envelopeResult } from '../tools/tenant-envelope.js';
import { sanitizeTenantText } from '../tools/tenant-text.js';
import { acceptArguments } from '../tools/tool-arguments.js';
import type { ToolContext, ToolLogger, ToolTenant } from '../tools/tool-context.js';
import { errorResult } from '../tools/tool-result.js';
import { boundedArguments } from './audit-arguments.js';
import type { CallOutcome } from './call-outcome.js';
import { cancelledOutcome } from './cancelled-outcome.js';
import { clientLogSink } from './client-log-level.js';
import { JsonRpcError } from './json-rpc-error.js';
import { createLogger, logInternalError } from './logger.js';
import type { ServerRuntime } from './server-runtime.js';

/**
 * The SDK's handler context as the kit's envelopes see it: with the caller's `authInfo` at the top
 * (where principal.ts looks for it; the SDK v2 keeps it under `http`), the same for every era.
 */
export type CallExtra = ServerContext & { authInfo?: AuthInfo };

export function callExtraOf(ctx: ServerContext): CallExtra {
  const authInfo = ctx.http?.authInfo;
  return authInfo === undefined ? ctx : { ...ctx, authInfo };
}

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
  /** Takes no `tenant` even when the server serves a tenants registry (list_tenants). */
  tenantFree?: boolean;
  body(args: A, ctx: ToolContext): Promise<CallOutcome>;
}

type Accepted<A> =
  | { ok: true; args: A; tenant: ToolTenant | undefined }
  | { ok: false; message: string; problems: string[] };

/**
 * With a tenants registry, `tenant` is taken off the arguments and resolved first (see
 * tenants/tenant-argument.ts); the rest go to the tool's schema.
 */
function acceptCall<A>(runtime: ServerRuntime, spec: CallSpec<A>): Accepted<A> {
  const tenants = spec.tenantFree ? undefined : runtime.deps.tenants;
  let raw = spec.arguments;
  let tenant: ToolTenant | undefined;
  if (runtime.deps.tenants === undefined && tenantArgumentName in raw && !declaresTenant(spec.input)) {
    // A model that names a tenant to a one-tenant server would otherwise get that one tenant's
    // data (the schema drops unknown arguments) as if it were the tenant it asked for.
    const message = `Invalid arguments for ${spec.tool}: "tenant" is not an argument of this server, which serves one tenant (the one its environment names, not a tenants registry). Call again without "tenant"; another tenant cannot be reached through this server.`;
    return { ok: false, message, problems: [message] };
  }
  if (tenants !== undefined) {
    const taken = takeTenantArgument(tenants, spec.tool, raw);
    if (!taken.ok) return { ok: false, message: taken.message, problems: [taken.message] };
    ({ tenant, rest: raw } = taken);
  }
  const accepted = acceptArguments(spec.tool, spec.input, raw);
  return accepted.ok ? { ...accepted, tenant } : accepted;
}

function declaresTenant(input: z.ZodType): boolean {
  return input instanceof z.ZodObject && tenantArgumentName in input.shape;
}

/** The audit line's detail with the call's tenant (the audit record has no field of its own for it). */
function withTenant(detail: unknown, tenant: ToolTenant | undefined): unknown {
  if (tenant === undefined) return detail;
  const recorded = { tenant: { name: tenant.name, tenantId: tenant.tenantId } };
  if (detail === undefined) return recorded;
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail))
    return { ...recorded, ...detail };
  return { ...recorded, value: detail };
}

/**
 * The audit line's detail: the call's own, its tenant, and who the HTTP caller is (user or app ids,
 * or a token's fingerprint: never a secret) beside the `caller` name.
 */
function detailFor(detail: unknown, tenant: ToolTenant | undefined, extra: CallExtra): { detail?: unknown } {
  const identity = httpCallerOf(extra)?.identity;
  if (detail === undefined && tenant === undefined && identity === undefined) return {};
  const withIdentity = identity === undefined ? detail : withFields(detail, { identity });
  return { detail: withTenant(withIdentity, tenant) };
}

function withFields(detail: unknown, fields: Record<string, unknown>): unknown {
  if (detail === undefined) return fields;
  if (typeof detail === 'object' && detail !== null && !Array.isArray(detail))
    return { ...fields, ...detail };
  return { ...fields, value: detail };
}

/** A failure of one tenant's call names the tenant; a refused sign-in says what it likely means. */
function forTenant(described: ErrorDescription, error: unknown, tenant: ToolTenant | undefined): string {
  if (tenant === undefined || described.outcome !== 'error') return described.message;
  const signIn =
    error instanceof UnauthorizedError
      ? ` If the app's admin consent in this tenant was revoked, an administrator of "${tenant.displayName}" must consent to it again; the server's other tenants are not affected.`
      : '';
  return `Tenant "${tenant.name}" (${tenant.tenantId}): ${described.message}${signIn}`;
}

interface Connection {
  graph: GraphClient;
  admin: AdminApis | undefined;
}

/**
 * The call's connection: the signed-in user's own (on-behalf-of) when the server has delegated
 * connections and the caller presented a token; else the tenant's (made on its first use), or the
 * server's one tenant's.
 */
/** The caller a call is made on behalf of (on-behalf-of), when it is. */
function onBehalfOf(runtime: ServerRuntime, extra: CallExtra): HttpCaller | undefined {
  const caller = httpCallerOf(extra);
  return runtime.deps.delegated !== undefined && caller?.assertion !== undefined ? caller : undefined;
}

async function connectionFor(
  runtime: ServerRuntime,
  tenant: ToolTenant | undefined,
  extra: CallExtra,
): Promise<Connection> {
  const { tenants, graph, admin, delegated } = runtime.deps;
  const caller = onBehalfOf(runtime, extra);
  if (delegated !== undefined && caller !== undefined) return delegated.connection(caller, tenant);
  if (tenant !== undefined && tenants !== undefined) {
    const connection = await tenants.connection(tenant);
    return { graph: connection.graph, admin: connection.admin };
  }
  if (graph === undefined) throw new Error(`${runtime.name}: the server has no Graph client (nor tenants)`);
  return { graph, admin };
}

/**
 * A tool that takes no tenant (list_tenants) reads none: with a registry there is no Graph client
 * to give it, and one that tries to use it is a bug in the kit, said plainly.
 */
function noTenantConnection(runtime: ServerRuntime): Connection {
  const { graph, admin } = runtime.deps;
  if (graph !== undefined) return { graph, admin };
  const refuse = (): never => {
    throw new Error(`${runtime.name}: a tool that takes no tenant used Graph`);
  };
  return { graph: new Proxy({}, { get: refuse }) as GraphClient, admin: undefined };
}

/**
 * MCP progress when the client asked for it (a progress token); every step with a message is also
 * a debug log line, so a client watching the logs sees how far a long tool got either way.
 */
function progressReporter(extra: CallExtra, log: ToolLogger): ToolContext['progress'] {
  const token = extra.mcpReq._meta?.progressToken;
  return async (done, total, message) => {
    if (message !== undefined) log.debug(message, total === undefined ? { done } : { done, total });
    if (token === undefined) return;
    await extra.mcpReq
      .notify({
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
  const contextFor = (tenant: ToolTenant | undefined, connection: Connection): ToolContext => ({
    graph: connection.graph,
    ...(connection.admin === undefined ? {} : { admin: connection.admin }),
    config: runtime.deps.config,
    ...(tenant === undefined ? {} : { tenant }),
    server: runtime.name,
    signal: extra.mcpReq.signal,
    progress: progressReporter(extra, log),
    log,
    tenantText: (value, maxLength) => {
      tenantData = true;
      return sanitizeTenantText(value, maxLength);
    },
  });

  // Refused arguments are recorded as sent (redacted, bounded); accepted ones as the tool says.
  let auditArguments: unknown;
  let call: CallOutcome;
  let requestIds: readonly string[] = [];
  const accepted = acceptCall(runtime, spec);
  const tenant = accepted.ok ? accepted.tenant : undefined;
  if (!accepted.ok) {
    auditArguments = boundedArguments(spec.arguments);
    call = {
      result: errorResult(accepted.message),
      outcome: 'invalid',
      detail: { kind: 'input', problems: accepted.problems },
    };
  } else {
    const toolArguments = spec.auditArguments(accepted.args);
    // The tenant as the caller named it, beside the tool's own arguments.
    auditArguments =
      tenant === undefined ? toolArguments : { tenant: spec.arguments.tenant, ...toolArguments };
    ({ result: call, requestIds } = await collectRequestIds(async (): Promise<CallOutcome> => {
      try {
        const connection = spec.tenantFree
          ? noTenantConnection(runtime)
          : await connectionFor(runtime, tenant, extra);
        return await spec.body(accepted.args, contextFor(tenant, connection));
      } catch (error) {
        // A call on a user's behalf is refused as that user (their roles), not as the app.
        const delegatedCaller = onBehalfOf(runtime, extra);
        const described =
          (delegatedCaller && describeDelegatedFailure(error, delegatedCaller, runtime.name)) ??
          describeError(error, runtime.name);
        if (described.internal) logInternalError(runtime.name, described.internal.errorId, error, stderr);
        return {
          result: errorResult(forTenant(described, error, tenant)),
          outcome: described.outcome,
          detail: described.detail,
        };
      }
    }));
  }
  if (extra.mcpReq.signal.aborted) call = cancelledOutcome(call, extra.mcpReq.signal.reason);

  try {
    await runtime.deps.auditLog.append({
      tool: spec.tool,
      caller: runtime.caller,
      session: extra.sessionId ?? runtime.session,
      arguments: auditArguments,
      outcome: call.outcome,
      durationMs: performance.now() - started,
      requestIds,
      ...detailFor(call.detail, tenant, extra),
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
