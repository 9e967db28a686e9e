/**
 * A JSON-RPC error answered with exactly this code and message. (The SDK's McpError puts
 * "MCP error <code>: " in front of the message, and the client's McpError puts it there again.)
 */
export class JsonRpcError extends Error {
  override readonly name = 'JsonRpcError';

  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
