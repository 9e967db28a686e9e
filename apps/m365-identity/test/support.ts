// Shared by the protocol tests: a real MCP client on the server (startTestServer: graph-sim over
// HTTPS through the real credential and Graph client), tool calls with their text joined, and the
// demo tenant's well-known people.
import { type Finding, findingSchema } from '@m365-mcp/mcp-kit';
import { callTool as callKitTool, type ToolCallOutcome } from '@m365-mcp/mcp-kit/testing';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { z } from 'zod';

export type { ToolCallOutcome };

/** The kit's callTool with a longer request timeout: a whole-tenant assessment on a busy machine. */
export function callTool(client: Client, name: string, args: Record<string, unknown> = {}) {
  return callKitTool(client, name, args, { timeout: 120_000 });
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
