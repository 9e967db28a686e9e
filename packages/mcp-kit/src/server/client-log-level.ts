// MCP logging (spec 2025-11-25, server/utilities/logging): the client picks the lowest level it
// wants with `logging/setLevel`; each log line a tool writes during a call goes to the client as
// `notifications/message` on that call's own stream, when its level is at or above the client's.
// The spec names no level for a client that never sets one; we send `info` and above (a few lines
// per long tool), never `debug` unless asked. Spec 2026-07-28 moves the choice into each request's
// `_meta["io.modelcontextprotocol/logLevel"]`; a request that carries it gets that level.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  ErrorCode,
  type LoggingLevel,
  LoggingLevelSchema,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { JsonRpcError } from './json-rpc-error.js';

export const DEFAULT_CLIENT_LOG_LEVEL: LoggingLevel = 'info';
export const PER_REQUEST_LOG_LEVEL_KEY = 'io.modelcontextprotocol/logLevel';

/** Sends one log line to the client if its level wants it; never throws, never waits. */
export type ClientLogSink = (level: LoggingLevel, logger: string, data: unknown) => void;

const LEVELS = LoggingLevelSchema.options;

function severity(level: LoggingLevel): number {
  return LEVELS.indexOf(level);
}

/** The level one client session asked for (each session has its own server, so its own state). */
export class ClientLogLevel {
  #level: LoggingLevel = DEFAULT_CLIENT_LOG_LEVEL;

  get level(): LoggingLevel {
    return this.#level;
  }

  set(level: LoggingLevel): void {
    this.#level = level;
  }
}

// Only the method is checked by the SDK before our handler sees the request: an unknown level is
// ours to answer, with the -32602 the spec asks for (the SDK's own handler answers a zod dump as an
// internal error).
const setLevelRequest = z.object({
  method: z.literal('logging/setLevel'),
  params: z.looseObject({ level: z.unknown() }).optional(),
});

/** Answers `logging/setLevel` for this server (which must declare the `logging` capability). */
export function serveSetLevel(server: McpServer, levels: ClientLogLevel): void {
  server.server.setRequestHandler(setLevelRequest, async (request) => {
    const parsed = LoggingLevelSchema.safeParse(request.params?.level);
    if (!parsed.success) {
      throw new JsonRpcError(ErrorCode.InvalidParams, `level must be one of ${LEVELS.join(', ')}`);
    }
    levels.set(parsed.data);
    return {};
  });
}

/** Where the log lines of one tool call go: the call's own stream, at the level in force. */
export function clientLogSink(
  levels: ClientLogLevel,
  extra: RequestHandlerExtra<ServerRequest, ServerNotification>,
): ClientLogSink {
  const requested = LoggingLevelSchema.safeParse(extra._meta?.[PER_REQUEST_LOG_LEVEL_KEY]);
  return (level, logger, data) => {
    const threshold = requested.success ? requested.data : levels.level;
    if (severity(level) < severity(threshold)) return;
    // Related to the request, so over Streamable HTTP it travels on that request's SSE stream. A
    // client that went away must not turn a tool call into a failure.
    extra
      .sendNotification({ method: 'notifications/message', params: { level, logger, data } })
      .catch(() => undefined);
  };
}
