// Who is calling, as a string that HTTP sessions and write plans are bound to. Today it is the
// fingerprint of the bearer token the client presented (one token per client); Entra sign-in will
// put the signed-in user's object id here instead (`entra:<object id>`). Not the remote address:
// clients roam and proxies vary.
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';

/** No authentication at the transport: stdio (the OS user who started the process) and `--http-no-auth`. */
export const localPrincipal = 'local';

export function tokenPrincipal(fingerprint: string): string {
  return `token:${fingerprint}`;
}

/**
 * What the HTTP layer hands the MCP SDK with each request (it reaches tool handlers as
 * `extra.authInfo`). The secret itself stays in the HTTP layer: nothing downstream needs it.
 */
export function authInfoFor(principal: string): AuthInfo {
  return { token: '', clientId: principal, scopes: [], extra: { principal } };
}

/** The principal of the request a tool handler is answering; `local` when the transport has none. */
export function principalOf(extra: { authInfo?: AuthInfo | undefined }): string {
  const principal = extra.authInfo?.extra?.principal;
  return typeof principal === 'string' && principal.length > 0 ? principal : localPrincipal;
}
