// Shared by the protocol tests: a real MCP client on the server (startTestServer: graph-sim over
// HTTPS through the real credential and Graph client), tool calls with their text joined, and the
// demo tenant's well-known people.
import { type Finding, findingSchema } from '@m365-mcp/mcp-kit';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type CallToolResult, CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

export interface ToolCallOutcome extends CallToolResult {
  text: string;
  structured: Record<string, unknown>;
}

export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<ToolCallOutcome> {
  const result = CallToolResultSchema.parse(
    await client.callTool({ name, arguments: args }, CallToolResultSchema, { timeout: 120_000 }),
  );
  const text = result.content.map((item) => (item.type === 'text' ? item.text : '')).join('\n');
  return { ...result, text, structured: (result.structuredContent ?? {}) as Record<string, unknown> };
}

export function findingsOf(result: ToolCallOutcome): Finding[] {
  return z.array(findingSchema).parse(result.structured.findings);
}

/** The failing or warning findings with this id. */
export function problems(result: ToolCallOutcome, id: string): Finding[] {
  return findingsOf(result).filter((f) => f.id === id && (f.status === 'fail' || f.status === 'warning'));
}

/** The text a client shows: the summary (the first text item). */
export function summaryOf(result: ToolCallOutcome): string {
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}
