import type { CallToolResult } from '@modelcontextprotocol/server';
import { untrustedDataMetaKey, untrustedDataNotice } from './tenant-text.js';

export function answerResult(
  summary: string,
  structured: Record<string, unknown>,
  options: { isError?: boolean } = {},
): CallToolResult {
  return {
    content: [{ type: 'text', text: summary }],
    structuredContent: structured,
    ...(options.isError ? { isError: true } : {}),
  };
}

export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** Adds the untrusted-data notice and marker to a result that quotes tenant data. */
export function markUntrusted(result: CallToolResult): CallToolResult {
  return {
    ...result,
    content: [...result.content, { type: 'text', text: untrustedDataNotice }],
    _meta: { ...result._meta, [untrustedDataMetaKey]: true },
  };
}
