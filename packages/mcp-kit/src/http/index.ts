// @m365-mcp/mcp-kit/http: the Streamable HTTP server a server runs with --http.

export { tokenFingerprint } from './bearer-token.js';
export {
  type HttpAuth,
  type HttpServerOptions,
  type RunningHttpServer,
  startHttpServer,
} from './start-http-server.js';
export { systemTimers, type Timers } from './timers.js';
