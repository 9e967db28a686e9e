// The seam between the HTTP transport and how a caller proves who it is. The transport asks an
// authenticator about each request's `Authorization` header and serves the documents it publishes
// (RFC 9728 protected-resource metadata); it knows nothing of tokens, keys or Entra. Two
// authenticators exist: static bearer tokens (bearer-token.ts, the simple option) and Entra ID
// access tokens (entra/, OAuth 2.1 resource server).
import type { HttpCaller } from './principal.js';

export type Authentication =
  | { kind: 'ok'; caller: HttpCaller }
  | {
      kind: 'refused';
      /** 401 when the token is missing or invalid, 403 when it is valid but not enough. */
      status: 401 | 403;
      /** The whole `WWW-Authenticate` header value (`Bearer realm=..., resource_metadata=...`). */
      wwwAuthenticate: string;
      /** For the server's log: why, without the token (e.g. `expired token`, `wrong audience`). */
      reason: string;
    };

export interface HttpAuthenticator {
  /** `token`, `entra`, or `none`: for log lines and `check`. */
  readonly kind: string;
  /** Who sent a request, from its `Authorization` header (undefined when it had none). */
  authenticate(authorization: string | undefined): Promise<Authentication>;
  /**
   * JSON documents served to anyone, without authentication, by absolute path (e.g.
   * `/.well-known/oauth-protected-resource/mcp`), given the server's public MCP endpoint URL.
   */
  documents?(mcpUrl: URL): ReadonlyMap<string, unknown>;
}
