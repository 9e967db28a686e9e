// `tools/call`, answered by us rather than by McpServer. The SDK parses every tools/call request with
// its own schema before any handler it installs runs: arguments that are not an object came back as
// a -32603 "internal error" carrying a zod dump, and arguments that failed a tool's schema were
// refused before our envelope could audit them. McpServer still lists the tools (tools/list, with
// the schemas it converts); calls reach us through the protocol's documented fallback handler, so
// every call that reaches the server is audited, refused or not.
import {
  type CallToolResult,
  ProtocolErrorCode as ErrorCode,
  type Result,
} from '@modelcontextprotocol/server';
import { runAsTask } from '../tasks/run-as-task.js';
import { declaresTasks } from '../tasks/tasks-extension.js';
import { quoteArgument } from '../tools/tenant-text.js';
import { auditRefusedCall, type CallExtra, callExtraOf } from './audited-call.js';
import { JsonRpcError } from './json-rpc-error.js';
import type { ServerRuntime } from './server-runtime.js';

/** One tool's envelope: checks the arguments, runs the tool, audits the call. */
export type ToolCall = (args: Record<string, unknown>, extra: CallExtra) => Promise<CallToolResult>;

export interface ToolCallTable {
  calls: ReadonlyMap<string, ToolCall>;
  /** Write tools the server has but did not register (it runs read-only), to say so when called. */
  writesOff: ReadonlySet<string>;
  /** Long tools: run as a task when the request declares the Tasks extension (see tasks/). */
  longRunning?: ReadonlySet<string>;
}

// The longest tool name the spec allows; a longer "name" is shown and audited cut to this.
const MAX_TOOL_NAME = 128;

function shownName(name: string): string {
  return quoteArgument(name, MAX_TOOL_NAME);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

async function callTool(
  runtime: ServerRuntime,
  table: ToolCallTable,
  params: Record<string, unknown>,
  extra: CallExtra,
): Promise<CallToolResult | Result> {
  const { name } = params;
  if (typeof name !== 'string' || name === '') {
    await auditRefusedCall(runtime, extra, {
      tool: typeof name === 'string' ? name : '(no tool name)',
      arguments: params.arguments,
      detail: { kind: 'malformed-request', problem: `params.name is ${kindOf(name)}` },
    });
    throw new JsonRpcError(ErrorCode.InvalidParams, 'params.name must be the name of a tool (a string)');
  }
  const tool = shownName(name);
  const call = table.calls.get(name);
  if (!call) {
    await auditRefusedCall(runtime, extra, {
      tool,
      arguments: params.arguments,
      detail: { kind: 'unknown-tool', ...(table.writesOff.has(name) ? { writesOff: true } : {}) },
    });
    const why = table.writesOff.has(name)
      ? ` (a write tool: this server runs read-only; it exists only when the server is started with --allow-writes)`
      : '';
    throw new JsonRpcError(ErrorCode.InvalidParams, `Unknown tool: ${tool}${why}`);
  }
  // Absent arguments are no arguments; anything else must be an object (null included: the
  // CallToolRequest schema allows an object or nothing).
  const args = params.arguments === undefined ? {} : params.arguments;
  if (!isObject(args)) {
    await auditRefusedCall(runtime, extra, {
      tool,
      arguments: args,
      detail: { kind: 'malformed-request', problem: `arguments is ${kindOf(args)}` },
    });
    throw new JsonRpcError(ErrorCode.InvalidParams, 'arguments must be a JSON object');
  }
  // The server decides (spec): a long tool, asked by a request that declares the extension.
  if (table.longRunning?.has(name) === true && declaresTasks(extra))
    return runAsTask(runtime.tasks, extra, (taskExtra) => call(args, taskExtra));
  return call(args, extra);
}

/** Makes this server answer tools/call from `table` (after McpServer has registered the tools). */
export function serveToolCalls(runtime: ServerRuntime, table: ToolCallTable): void {
  const protocol = runtime.server.server;
  protocol.removeRequestHandler('tools/call');
  protocol.fallbackRequestHandler = async (request, ctx): Promise<Result> => {
    if (request.method === 'tools/call')
      return callTool(runtime, table, request.params ?? {}, callExtraOf(ctx));
    // What the protocol answers for a method nobody handles.
    throw new JsonRpcError(ErrorCode.MethodNotFound, 'Method not found');
  };
}
