import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type CallToolResult, CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

export interface ToolCallOutcome extends CallToolResult {
  text: string;
}

/** Calls a tool through the real client (which validates structuredContent against the output schema). */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<ToolCallOutcome> {
  const result = CallToolResultSchema.parse(
    await client.callTool({ name, arguments: args }, CallToolResultSchema),
  );
  const text = result.content.map((item) => (item.type === 'text' ? item.text : '')).join('\n');
  return { ...result, text };
}

/** The tool's own summary: the text before the untrusted-data notice mcp-kit appends. */
export function summaryOf(text: string): string {
  return text.split(/\n+Note: quoted names/)[0] ?? text;
}
