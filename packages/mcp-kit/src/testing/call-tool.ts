import { Client as ModernClient } from '@modelcontextprotocol/client';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { type CallToolResult, CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

/** A tool's answer as a test reads it. */
export interface ToolCallOutcome extends CallToolResult {
  /** Every text content item, joined by newlines. */
  text: string;
  /** structuredContent (the client has validated it against the tool's output schema); `{}` when absent. */
  structured: Record<string, unknown>;
}

/**
 * Calls a tool through a real MCP client, which validates structuredContent against the tool's
 * output schema as any client would, and returns the result with its text joined. The client is
 * the SDK v1 one (spec 2025-11-25, 2025-06-18) or the SDK v2 one (2026-07-28 or either of those).
 */
export async function callTool(
  client: Client | ModernClient,
  name: string,
  args: Record<string, unknown> = {},
  options?: RequestOptions,
): Promise<ToolCallOutcome> {
  const raw =
    client instanceof ModernClient
      ? await client.callTool({ name, arguments: args }, options as Parameters<ModernClient['callTool']>[1])
      : await client.callTool({ name, arguments: args }, CallToolResultSchema, options);
  const result = CallToolResultSchema.parse(raw);
  const text = result.content.map((item) => (item.type === 'text' ? item.text : '')).join('\n');
  return { ...result, text, structured: result.structuredContent ?? {} };
}
