// What the Tasks extension (io.modelcontextprotocol/tasks, SEP-2663, MCP 2026-07-28) puts on the
// wire that the SDK does not know: the extension id, and whether one request's per-request client
// capabilities (the `io.modelcontextprotocol/clientCapabilities` envelope key) declare it.
import { MissingRequiredClientCapabilityError } from '@modelcontextprotocol/server';
import type { CallExtra } from '../server/audited-call.js';

export const tasksExtensionId = 'io.modelcontextprotocol/tasks';
const clientCapabilitiesKey = 'io.modelcontextprotocol/clientCapabilities';

/**
 * True when this request's client capabilities declare the extension. The spec lets a server
 * answer a task only to a request that does ("regardless of prior declarations"); a 2025-era
 * client has no per-request envelope and so never gets one.
 */
export function declaresTasks(extra: CallExtra): boolean {
  const envelope: Record<string, unknown> = extra.mcpReq.envelope ?? {};
  const capabilities = envelope[clientCapabilitiesKey];
  if (typeof capabilities !== 'object' || capabilities === null) return false;
  const extensions = (capabilities as { extensions?: unknown }).extensions;
  return typeof extensions === 'object' && extensions !== null && tasksExtensionId in extensions;
}

/** -32021 for a task method from a request that does not declare the extension (spec: MUST). */
export function missingTasksCapability(): MissingRequiredClientCapabilityError {
  return new MissingRequiredClientCapabilityError(
    { requiredCapabilities: { extensions: { [tasksExtensionId]: {} } } },
    `Missing required client capability: the ${tasksExtensionId} extension (declare it in the request's clientCapabilities)`,
  );
}
