// MCP logging (spec 2025-11-25, server/utilities/logging): the client picks the lowest level it
// wants with `logging/setLevel`; each log line a tool writes during a call goes to the client as
// `notifications/message` on that call's own stream, when its level is at or above the client's.
// The spec names no level for a client that never sets one; we send `info` and above (a few lines
// per long tool), never `debug` unless asked. Spec 2026-07-28 moves the choice into each request's
// `_meta["io.modelcontextprotocol/logLevel"]`: a request that carries it gets that level, and one
// that does not gets no log lines at all (the client did not ask for any).
import {
  ProtocolErrorCode as ErrorCode,
  LOG_LEVEL_META_KEY,
  type LoggingLevel,
  type McpServer,
  PROTOCOL_VERSION_META_KEY,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import { JsonRpcError } from './json-rpc-error.js';

export const DEFAULT_CLIENT_LOG_LEVEL: LoggingLevel = 'info';
export const PER_REQUEST_LOG_LEVEL_KEY: string = LOG_LEVEL_META_KEY;

/** Sends one log line to the client if its level wants it; never throws, never waits. */
export type ClientLogSink = (level: LoggingLevel, logger: string, data: unknown) => void;

// RFC 5424's levels, lowest first, as the spec lists them.
const LoggingLevelSchema = z.enum([
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] satisfies LoggingLevel[]);
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

/**
 * Answers `logging/setLevel` for this server (which must declare the `logging` capability). The
 * SDK parses a request with its own schema before any handler it routes to: an unknown level came
 * back as a -32603 carrying a zod dump. So, like tools/call, the request reaches us through the
 * protocol's fallback handler and an unknown level gets the -32602 the spec asks for.
 */
export function serveSetLevel(server: McpServer, levels: ClientLogLevel): void {
  const protocol = server.server;
  protocol.removeRequestHandler('logging/setLevel');
  const next = protocol.fallbackRequestHandler;
  protocol.fallbackRequestHandler = async (request, ctx) => {
    if (request.method !== 'logging/setLevel') {
      if (next) return next(request, ctx);
      throw new JsonRpcError(ErrorCode.MethodNotFound, 'Method not found');
    }
    const parsed = LoggingLevelSchema.safeParse(request.params?.level);
    if (!parsed.success) {
      throw new JsonRpcError(ErrorCode.InvalidParams, `level must be one of ${LEVELS.join(', ')}`);
    }
    levels.set(parsed.data);
    return {};
  };
}

/** Where the log lines of one tool call go: the call's own stream, at the level in force. */
export function clientLogSink(levels: ClientLogLevel, extra: ServerContext): ClientLogSink {
  // The SDK v2 lifts the 2026-07-28 envelope keys out of `_meta` into `envelope`.
  const envelope: Record<string, unknown> = extra.mcpReq.envelope ?? {};
  const requested = LoggingLevelSchema.safeParse(
    envelope[PER_REQUEST_LOG_LEVEL_KEY] ?? extra.mcpReq._meta?.[PER_REQUEST_LOG_LEVEL_KEY],
  );
  // A 2026-07-28 request (its envelope names its protocol version) that names no level asked for
  // no log lines; the session-wide default is a 2025-era notion.
  const modern = envelope[PROTOCOL_VERSION_META_KEY] !== undefined;
  if (modern && !requested.success) return () => undefined;
  return (level, logger, data) => {
    const threshold = requested.success ? requested.data : levels.level;
    if (severity(level) < severity(threshold)) return;
    // Related to the request, so over Streamable HTTP it travels on that request's SSE stream. A
    // client that went away must not turn a tool call into a failure.
    extra.mcpReq
      .notify({ method: 'notifications/message', params: { level, logger, data } })
      .catch(() => undefined);
  };
}
