import { AuditLogError } from '@m365-mcp/audit-log';
import { UnknownTenantError } from '@m365-mcp/auth';
import { describeError } from '../tools/error-result.js';
import { DemoUnavailableError } from './demo-tenant.js';

/** The one line a failed command prints, loaded only when a command has failed. */
export function failureMessage(error: unknown, serverName: string): string {
  // A refused audit log or a demo without its simulator says what is wrong and what to run; neither
  // is an internal error.
  if (
    error instanceof AuditLogError ||
    error instanceof DemoUnavailableError ||
    error instanceof UnknownTenantError
  )
    return error.message;
  return describeError(error, serverName).message;
}
