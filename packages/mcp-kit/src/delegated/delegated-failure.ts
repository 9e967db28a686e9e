// How a failed call made on behalf of a user is described to the model and the audit log, where it
// differs from an app-only call: Graph's 403 is the user's roles (not a missing application
// permission), and a caller who cannot be acted for is told why (not "failed unexpectedly").
import { ForbiddenError } from '@m365-mcp/graph-core';
import type { HttpCaller } from '../http/principal.js';
import { describeError, type ErrorDescription } from '../tools/error-result.js';
import { DelegatedCallError } from './delegated-connections.js';
import { delegatedRefusalMessage } from './delegated-refusal.js';

/** How the model is told who was refused: their UPN when the sign-in carried one. */
export function delegatedUserName(caller: HttpCaller): string {
  return caller.identity?.kind === 'user' && caller.identity.userPrincipalName !== undefined
    ? caller.identity.userPrincipalName
    : caller.auditName;
}

/**
 * The description of `error` for a call made on behalf of `caller`; undefined when nothing about it
 * is delegated (describeError's own description applies).
 */
export function describeDelegatedFailure(
  error: unknown,
  caller: HttpCaller,
  server: string,
): ErrorDescription | undefined {
  if (error instanceof DelegatedCallError) {
    return { message: error.message, outcome: 'error', detail: { kind: 'delegated', reason: error.message } };
  }
  if (error instanceof ForbiddenError) {
    const described = describeError(error, server);
    return {
      ...described,
      message: delegatedRefusalMessage(error, delegatedUserName(caller), server),
      detail: { ...described.detail, delegated: true },
    };
  }
  return undefined;
}
