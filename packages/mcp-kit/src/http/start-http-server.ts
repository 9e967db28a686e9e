import { randomUUID } from 'node:crypto';
import { createServer as createNodeServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, type McpServer, type RequestId } from '@modelcontextprotocol/server';
import { ServerConfigError } from '../config/load-config.js';
import { createLogger, logInternalError, type StderrWrite } from '../server/logger.js';
import {
  type AllowedHost,
  allowedHostsFor,
  isLoopbackHost,
  isWildcardHost,
  parseAllowedHost,
  refuseForeignHostOrOrigin,
} from './allowed-hosts.js';
import { noAuthAuthenticator, staticTokenAuthenticator } from './bearer-token.js';
import type { HttpAuthenticator } from './http-authenticator.js';
import { jsonRpcCodes, replyError } from './http-reply.js';
import { type PipedResponse, pipeWebResponse, toWebRequest } from './node-web-bridge.js';
import { authInfoFor, type HttpCaller } from './principal.js';
import { readJsonBody } from './read-json-body.js';
import { systemTimers, type Timers } from './timers.js';

/**
 * How clients prove they may call: an authenticator (static bearer tokens, Entra ID access
 * tokens), or, as a shorthand, one of the two simple ones: bearer tokens, one per client, or
 * nothing at all, which is accepted only on a loopback address and is meant for local testing (the
 * conformance suite cannot send an Authorization header).
 */
export type HttpAuth =
  | HttpAuthenticator
  | { kind: 'bearer'; tokens: readonly string[]; authenticate?: undefined }
  | { kind: 'none'; authenticate?: undefined };

export interface HttpServerOptions {
  /** Names the server in logs and in the `WWW-Authenticate` realm. */
  name: string;
  auth: HttpAuth;
  /**
   * Builds the MCP server that answers one request (SDK v2 serves statelessly: a server per
   * request). `caller` is what its audit lines should say. Whatever must outlive a request (write
   * plans, the audit log, Graph connections) is shared by the instances, not made here.
   */
  createSession(request: { caller: string; era: 'legacy' | 'modern' }): McpServer;
  /** The address to listen on; 127.0.0.1 by default. */
  host?: string;
  /** 3000 by default; 0 picks any free port (read the handle's `url`). */
  port?: number;
  /** More Host names to accept (`name` or `name:port`), e.g. a reverse proxy's public name. */
  allowedHosts?: readonly string[];
  /** Largest request body; 4 MiB by default. */
  maxBodyBytes?: number;
  /** How long close() lets running requests finish before cancelling them; 10 s by default. */
  shutdownGraceMs?: number;
  stderr?: StderrWrite;
  /** Runs the shutdown timer; the real one by default (tests pass their own). */
  timers?: Timers;
}

export interface RunningHttpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  readonly url: URL;
  /** Requests being answered now. */
  readonly runningCount: number;
  /** Stops accepting, lets running requests finish (up to the grace period), cancels the rest. */
  close(): Promise<void>;
}

const mcpPath = '/mcp';
/** Answers whether the server is up, to anyone on an allowed Host. */
export const healthPath = '/healthz';
const allowedMethods = ['GET', 'POST', 'DELETE'];

/** The authenticator an `auth` option stands for. */
export function authenticatorFor(auth: HttpAuth, realm: string): HttpAuthenticator {
  if (auth.authenticate !== undefined) return auth;
  if ('tokens' in auth) return staticTokenAuthenticator(auth.tokens, realm);
  return noAuthAuthenticator();
}

/** The ids of the requests (not notifications or responses) a POST body carries. */
function requestIdsOf(body: unknown): RequestId[] {
  const messages: unknown[] = Array.isArray(body) ? body : [body];
  return messages.flatMap((message) => {
    if (typeof message !== 'object' || message === null || !('method' in message) || !('id' in message))
      return [];
    const id = message.id;
    return typeof id === 'string' || typeof id === 'number' ? [id] : [];
  });
}

function remoteAddressOf(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

/** Refuses, before anything starts, a configuration that would be unsafe or cannot work. */
export function validateHttpOptions(
  options: Pick<HttpServerOptions, 'host' | 'port' | 'allowedHosts'> & { auth: HttpAuth },
): { host: string; port: number; extraHosts: AllowedHost[] } {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ServerConfigError(`The HTTP port must be a whole number from 0 to 65535, not ${port}.`);
  }
  const { auth } = options;
  if (auth.authenticate === undefined && 'tokens' in auth) {
    // Refuses weak, repeated or indistinguishable tokens (ServerConfigError).
    staticTokenAuthenticator(auth.tokens, 'check');
  } else if (auth.kind === 'none' && !isLoopbackHost(host)) {
    throw new ServerConfigError(
      `Running without authentication is allowed only on a loopback address (127.0.0.1, ::1, localhost), not on ${host}.`,
    );
  }
  const extraHosts: AllowedHost[] = [];
  for (const value of options.allowedHosts ?? []) {
    const parsed = parseAllowedHost(value);
    if (!parsed)
      throw new ServerConfigError(`"${value}" is not a host name or address (with an optional :port).`);
    extraHosts.push(parsed);
  }
  return { host, port, extraHosts };
}

function listen(
  server: ReturnType<typeof createNodeServer>,
  host: string,
  port: number,
): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new ServerConfigError(`Cannot listen on ${host}:${port} (${error.code ?? error.message}).`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Serves MCP over Streamable HTTP at `/mcp`: spec 2026-07-28 statelessly (no sessions, no
 * initialize), and 2025-era clients (2025-11-25, 2025-06-18) through the SDK's stateless legacy
 * fallback. Every request is authenticated on its own and passes, in order: the Host/Origin check
 * (403), the authenticator (401/403 with `WWW-Authenticate`; its public documents, such as the
 * protected-resource metadata, are served before it), the path (404), the method (405), the body
 * limit (413) and JSON parsing (400); only then does the SDK see it, with the caller as its
 * `authInfo` (write plans are bound to the caller's principal).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { host, port, extraHosts } = validateHttpOptions({
    auth: options.auth,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.allowedHosts === undefined ? {} : { allowedHosts: options.allowedHosts }),
  });
  const authenticator = authenticatorFor(options.auth, options.name);
  const log = createLogger(
    `${options.name}/http`,
    undefined,
    options.stderr ? { stderr: options.stderr } : {},
  );
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const timers = options.timers ?? systemTimers;

  // One handler for the process; it builds a server per request from the factory. The audit name
  // (`caller@address`) rides in authInfo.extra, beside the caller principal.ts reads.
  const handler = createMcpHandler(
    ({ era, authInfo }) => {
      const caller = authInfo?.extra?.auditCaller;
      return options.createSession({ caller: typeof caller === 'string' ? caller : 'http:unknown', era });
    },
    {
      maxRequestBodySize: maxBodyBytes,
      onerror: (error) => log.debug(`request refused by the MCP handler: ${error.message}`),
    },
  );

  let allowed: AllowedHost[] = [];
  let closing: Promise<void> | undefined;
  let idle: (() => void) | undefined;
  /** Requests being answered, so a shutdown can tell their clients they were cancelled. */
  const running = new Set<{
    ids: RequestId[];
    abort: AbortController;
    res: ServerResponse;
    piped?: PipedResponse;
  }>();

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: unknown,
    caller: HttpCaller,
  ): Promise<void> {
    const abort = new AbortController();
    const entry: { ids: RequestId[]; abort: AbortController; res: ServerResponse; piped?: PipedResponse } = {
      ids: requestIdsOf(body),
      abort,
      res,
    };
    running.add(entry);
    res.once('close', () => {
      running.delete(entry);
      if (running.size === 0) idle?.();
    });
    const auditCaller = `${caller.auditName}@${remoteAddressOf(req)}`;
    const authInfo = authInfoFor(caller);
    const response = await handler.fetch(toWebRequest(req, url, body, abort.signal), {
      authInfo: { ...authInfo, extra: { ...authInfo.extra, auditCaller } },
      ...(body === undefined ? {} : { parsedBody: body }),
    });
    if (res.destroyed || res.writableEnded) return;
    entry.piped = pipeWebResponse(response, res);
    await entry.piped.done;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = refuseForeignHostOrOrigin(
      { host: req.headers.host, origin: req.headers.origin },
      allowed,
    );
    if (refusal) {
      replyError(res, 403, jsonRpcCodes.serverError, refusal);
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      url = new URL('http://localhost/');
    }
    const path = url.pathname;
    // For the container runtime or a load balancer: no authentication (a probe holds no token) and
    // nothing about the server in the answer; 503 once shutting down, so traffic moves elsewhere.
    if (path === healthPath && req.method === 'GET') {
      const text = JSON.stringify({ status: closing ? 'stopping' : 'ok' });
      res.writeHead(closing ? 503 : 200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        'Cache-Control': 'no-store',
      });
      res.end(text);
      return;
    }
    // Public documents (RFC 9728 protected-resource metadata): no authentication, GET only.
    const document = req.method === 'GET' ? documents().get(path) : undefined;
    if (document !== undefined) {
      const text = JSON.stringify(document);
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        'Cache-Control': 'max-age=3600',
      });
      res.end(text);
      return;
    }
    const authorization = req.headers.authorization;
    const verdict = await authenticator.authenticate(authorization);
    if (verdict.kind !== 'ok') {
      log.warning(`refused a request from ${remoteAddressOf(req)}: ${verdict.reason}`);
      const what =
        verdict.status === 401
          ? 'Unauthorized: a valid bearer token is required'
          : 'Forbidden: the token does not allow this';
      replyError(res, verdict.status, jsonRpcCodes.serverError, what, {
        'WWW-Authenticate': verdict.wwwAuthenticate,
      });
      return;
    }
    if (path !== mcpPath) {
      replyError(res, 404, jsonRpcCodes.serverError, `Not Found: the MCP endpoint is ${mcpPath}`);
      return;
    }
    const method = req.method ?? '';
    if (!allowedMethods.includes(method)) {
      replyError(res, 405, jsonRpcCodes.serverError, 'Method Not Allowed', {
        Allow: allowedMethods.join(', '),
      });
      return;
    }
    if (closing) {
      replyError(res, 503, jsonRpcCodes.serverError, 'Service Unavailable: the server is shutting down');
      return;
    }
    if (method !== 'POST') {
      // 2025-era session operations (GET stream, DELETE): the SDK answers 405, there are no sessions.
      await answer(req, res, url, undefined, verdict.caller);
      return;
    }
    const body = await readJsonBody(req, maxBodyBytes);
    if (body.kind === 'too-large') {
      replyError(
        res,
        413,
        jsonRpcCodes.serverError,
        `Payload Too Large: the limit is ${maxBodyBytes} bytes`,
        { Connection: 'close' },
      );
      return;
    }
    if (body.kind === 'invalid') {
      replyError(res, 400, jsonRpcCodes.parseError, 'Parse error: the body is not valid JSON');
      return;
    }
    await answer(req, res, url, body.value, verdict.caller);
  }

  const httpServer = createNodeServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const errorId = randomUUID();
      logInternalError(`${options.name}/http`, errorId, error, options.stderr);
      replyError(res, 500, jsonRpcCodes.internalError, `Internal error (error id ${errorId})`);
    });
  });
  const address = await listen(httpServer, host, port);
  allowed = allowedHostsFor({ host, address: address.address, port: address.port }, extraHosts);
  const shownHost = isWildcardHost(host) || host === 'localhost' ? host : address.address;
  const url = new URL(
    `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}${mcpPath}`,
  );
  const published = authenticator.documents?.(url) ?? new Map<string, unknown>();
  function documents(): ReadonlyMap<string, unknown> {
    return published;
  }

  async function shutDown(): Promise<void> {
    // The listener stays open during the grace period; new requests get 503.
    const graceMs = options.shutdownGraceMs ?? 10_000;
    if (running.size > 0) {
      log.info(`shutting down: waiting up to ${graceMs} ms for ${running.size} running request(s)`);
      await new Promise<void>((resolve) => {
        const cancelTimer = timers.after(graceMs, resolve);
        idle = () => {
          cancelTimer();
          resolve();
        };
      });
    }
    // Calls still running are cancelled: their clients get an error now rather than waiting for a
    // response that will never come, and the tools see their signal aborted.
    for (const entry of running) {
      entry.abort.abort(new Error('the server is shutting down'));
      const errors = entry.ids.map((id) =>
        JSON.stringify({
          jsonrpc: '2.0',
          id,
          error: { code: jsonRpcCodes.serverError, message: 'Cancelled: the server is shutting down' },
        }),
      );
      if (entry.piped?.streaming) {
        for (const [index, error] of errors.entries()) {
          if (index < errors.length - 1) entry.res.write(`event: message\ndata: ${error}\n\n`);
          else entry.piped.finish(error);
        }
        if (errors.length === 0) entry.piped.finish();
      } else if (!entry.res.headersSent && errors.length === 1) {
        const text = errors[0] ?? '';
        entry.res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(text),
        });
        entry.res.end(text);
      } else {
        entry.res.destroy();
      }
    }
    await handler.close().catch(() => undefined);
    const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeAllConnections();
    await stopped;
  }

  return {
    url,
    get runningCount() {
      return running.size;
    },
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
