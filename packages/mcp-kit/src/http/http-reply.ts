import type { ServerResponse } from 'node:http';

/** JSON-RPC error codes the transport answers with before a message reaches the server. */
export const jsonRpcCodes = {
  parseError: -32700,
  /** The SDK's generic "server error" code, used for transport-level refusals. */
  serverError: -32000,
  sessionNotFound: -32001,
  internalError: -32603,
} as const;

/**
 * Answers with a JSON-RPC error body (what MCP clients expect from the endpoint) and closes the
 * exchange. Messages are fixed strings of ours: nothing from the request is echoed back.
 */
export function replyError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}
