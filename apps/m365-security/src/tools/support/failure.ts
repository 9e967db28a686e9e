import { ForbiddenError } from '@m365-mcp/graph-core';
import { describeError } from '@m365-mcp/mcp-kit';

/** Why a read failed, in words safe to show (403 names the permission), and whether it was a 403. */
export function failure(error: unknown, server: string): { reason: string; skipped: boolean } {
  return { reason: describeError(error, server).message, skipped: error instanceof ForbiddenError };
}
