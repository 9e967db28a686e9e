// What a tool call's body hands back to the audited call envelope, in a file of its own so the
// envelope (audited-call.ts) and the cancellation rule (cancelled-outcome.ts) share it without
// importing each other.
import type { AuditOutcome } from '@m365-mcp/audit-log';
import type { CallToolResult } from '@modelcontextprotocol/server';

export interface CallOutcome {
  result: CallToolResult;
  outcome: AuditOutcome;
  detail?: unknown;
  /** Set when the call changed the tenant (some write was sent): a cancellation never hides that. */
  changedTenant?: boolean;
}
