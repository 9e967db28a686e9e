// @m365-mcp/mcp-kit/http: the Streamable HTTP server a server runs with --http.

export { noAuthAuthenticator, staticTokenAuthenticator, tokenFingerprint } from './bearer-token.js';
export { entraAuthenticator } from './entra/index.js';
export type { Authentication, HttpAuthenticator } from './http-authenticator.js';
export type { CallerIdentity, CallerRole, HttpCaller } from './principal.js';
export {
  authenticatorFor,
  type HttpAuth,
  type HttpServerOptions,
  healthPath,
  type RunningHttpServer,
  startHttpServer,
} from './start-http-server.js';
export { systemTimers, type Timers } from './timers.js';
