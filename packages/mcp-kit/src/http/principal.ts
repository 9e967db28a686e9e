// Who is calling, as a string that HTTP sessions and write plans are bound to: the fingerprint of
// a static bearer token (one token per client), or the Entra object id of the signed-in user or
// calling app (`entra:<tenant id>/<object id>`). Not the remote address: clients roam and proxies
// vary.
import type { AuthInfo } from '@modelcontextprotocol/server';

/** No authentication at the transport: stdio (the OS user who started the process) and `--http-no-auth`. */
export const localPrincipal = 'local';

/**
 * What the caller may do, from the app roles on the server's own app registration (Entra). A
 * `reader` calls read tools and makes write plans; only a `writer` applies them.
 */
export type CallerRole = 'reader' | 'writer';

/** Who a caller is, for the audit log: never a secret. */
export type CallerIdentity =
  | { kind: 'user'; tenantId: string; objectId: string; userPrincipalName?: string; clientId?: string }
  | { kind: 'app'; tenantId: string; clientId: string; objectId?: string }
  | { kind: 'token'; fingerprint: string };

/** A caller the HTTP layer authenticated. */
export interface HttpCaller {
  /** What sessions and write plans are bound to: `token:<fingerprint>`, `entra:<tid>/<oid>`, `local`. */
  principal: string;
  /** How log and audit lines name the caller (no secret): `http:<fingerprint>`, `entra:<upn>`. */
  auditName: string;
  identity?: CallerIdentity;
  /**
   * The caller's roles on the server's app registration. Undefined when the way it signed in has no
   * roles (static tokens, no auth, stdio): such a caller may do whatever the server allows.
   */
  roles?: readonly CallerRole[];
  /**
   * The access token the caller presented, kept only when the server calls Graph on its behalf
   * (on-behalf-of): it is the user assertion of that exchange. Registered as a secret.
   */
  assertion?: string;
}

export function tokenPrincipal(fingerprint: string): string {
  return `token:${fingerprint}`;
}

export function entraPrincipal(tenantId: string, objectId: string): string {
  return `entra:${tenantId.toLowerCase()}/${objectId.toLowerCase()}`;
}

/**
 * What the HTTP layer hands the MCP SDK with each request (it reaches tool handlers as their
 * `authInfo`). Only an on-behalf-of server keeps the caller's token; otherwise nothing downstream
 * needs it.
 */
export function authInfoFor(caller: HttpCaller): AuthInfo {
  return { token: caller.assertion ?? '', clientId: caller.principal, scopes: [], extra: { caller } };
}

/** The authenticated caller of a request, when the transport authenticated one. */
export function httpCallerOf(extra: { authInfo?: AuthInfo | undefined }): HttpCaller | undefined {
  const caller = extra.authInfo?.extra?.caller as HttpCaller | undefined;
  return typeof caller?.principal === 'string' && caller.principal.length > 0 ? caller : undefined;
}

/** The principal of the request a tool handler is answering; `local` when the transport has none. */
export function principalOf(extra: { authInfo?: AuthInfo | undefined }): string {
  return httpCallerOf(extra)?.principal ?? localPrincipal;
}

/**
 * Whether the caller may apply a write plan: a caller with roles needs `writer`; one without roles
 * (static token, stdio) is limited only by the server's `--allow-writes`.
 */
export function mayApplyWrites(extra: { authInfo?: AuthInfo | undefined }): boolean {
  const roles = httpCallerOf(extra)?.roles;
  return roles === undefined || roles.includes('writer');
}
