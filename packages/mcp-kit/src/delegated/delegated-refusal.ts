// Graph's 403 to a call made on behalf of a user usually means the user's own directory roles do
// not allow it (the app's delegated scope is checked by `check`, and consent is per app): say so,
// and name the roles, rather than tell the model to grant an application permission.
import { directoryRolesFor } from '@m365-mcp/auth';
import type { ForbiddenError } from '@m365-mcp/graph-core';

/**
 * The message for a ForbiddenError of a delegated call. `user` is how the caller is named (their
 * UPN, or the audit name). Written for the model and the admin: what was refused, whom, why, what
 * would allow it.
 */
export function delegatedRefusalMessage(error: ForbiddenError, user: string, server: string): string {
  const call = error.method && error.path ? `${error.method} ${error.path}` : 'the call';
  const access = error.method === undefined || /^(GET|HEAD)$/i.test(error.method) ? 'read' : 'write';
  const [least] = error.requiredPermissions;
  const roles = least === undefined ? [] : directoryRolesFor(least, access).map((role) => role.name);
  const needs = roles.length === 0 ? 'a directory role that allows it' : `needs one of: ${roles.join(', ')}`;
  // Graph's 403 does not say which half failed; the roles are the usual one (the app's scopes are
  // consented once for everyone), so they come first and the scope is the fallback to check.
  const scope =
    least === undefined
      ? ` If their roles do allow it, the app lacks a delegated permission for it: \`${server} check\`, run as that user, shows which.`
      : ` If their roles do allow it, the app lacks the delegated permission ${least} (or a broader one): \`${server} check\`, run as that user, shows which.`;
  const requestId = error.requestId === undefined ? '' : ` (Graph request-id ${error.requestId})`;
  return `Graph refused ${user}: their directory roles do not allow this (${call}, 403 Forbidden; ${needs}).${scope}${requestId}`;
}
