import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { type CallToolResult, CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

export interface ToolCallOutcome extends CallToolResult {
  /** Every text content item, joined by newlines. */
  text: string;
}

/** Calls a tool through the real client and returns the parsed result with its text joined. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
  options?: RequestOptions,
): Promise<ToolCallOutcome> {
  const result = CallToolResultSchema.parse(
    await client.callTool({ name, arguments: args }, CallToolResultSchema, options),
  );
  const text = result.content.map((item) => (item.type === 'text' ? item.text : '')).join('\n');
  return { ...result, text };
}
