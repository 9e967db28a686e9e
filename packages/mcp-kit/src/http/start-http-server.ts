import { randomUUID } from 'node:crypto';
import { createServer as createNodeServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerSecret } from '@m365-mcp/audit-log';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';
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
import { bearerChecker, httpTokenListProblems } from './bearer-token.js';
import { jsonRpcCodes, replyError } from './http-reply.js';
import { type HttpSession, HttpSessions } from './http-sessions.js';
import { authInfoFor, type HttpCaller, localPrincipal, tokenPrincipal } from './principal.js';
import { readJsonBody } from './read-json-body.js';
import { systemTimers, type Timers } from './timers.js';

/**
 * How clients prove they may call: a bearer token, one per client (its fingerprint is who the
 * client is: its sessions and write plans are bound to it), or nothing at all, which is accepted
 * only on a loopback address and is meant for local testing (the conformance suite cannot send
 * an Authorization header).
 */
export type HttpAuth = { kind: 'bearer'; tokens: readonly string[] } | { kind: 'none' };

export interface HttpServerOptions {
  /** Names the server in logs and in the `WWW-Authenticate` realm. */
  name: string;
  auth: HttpAuth;
  /** Builds the MCP server of one session; `caller` is what its audit lines should say. */
  createSession(session: { caller: string }): McpServer;
  /** The address to listen on; 127.0.0.1 by default. */
  host?: string;
  /** 3000 by default; 0 picks any free port (read the handle's `url`). */
  port?: number;
  /** More Host names to accept (`name` or `name:port`), e.g. a reverse proxy's public name. */
  allowedHosts?: readonly string[];
  /** A session without a request for this long is closed; 30 minutes by default. */
  idleTimeoutMs?: number;
  /** Largest request body; 4 MiB by default. */
  maxBodyBytes?: number;
  /** Most sessions open at once; 100 by default. */
  maxSessions?: number;
  /** How long close() lets running requests finish before cancelling them; 10 s by default. */
  shutdownGraceMs?: number;
  stderr?: StderrWrite;
  /** Runs the idle and shutdown timers; the real ones by default (tests pass their own). */
  timers?: Timers;
}

export interface RunningHttpServer {
  /** The MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  readonly url: URL;
  /** Sessions open now. */
  readonly sessionCount: number;
  /** Stops accepting, lets running requests finish (up to the grace period), closes every session. */
  close(): Promise<void>;
}

/** Who sent a request; the audit line adds `@<remote address>` to its `auditName`. */
type Caller = HttpCaller;

const mcpPath = '/mcp';
const allowedMethods = ['GET', 'POST', 'DELETE'];

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
  options: Pick<HttpServerOptions, 'auth' | 'host' | 'port' | 'allowedHosts'>,
): { host: string; port: number; extraHosts: AllowedHost[] } {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ServerConfigError(`The HTTP port must be a whole number from 0 to 65535, not ${port}.`);
  }
  if (options.auth.kind === 'bearer') {
    const problems = httpTokenListProblems(options.auth.tokens);
    if (problems.length > 0) {
      const what =
        options.auth.tokens.length === 1
          ? 'The HTTP bearer token (M365_MCP_HTTP_TOKEN)'
          : 'The HTTP bearer tokens (M365_MCP_HTTP_TOKEN, one per client, separated by whitespace):';
      throw new ServerConfigError(`${what} ${problems.join('; ')}.`);
    }
  } else if (!isLoopbackHost(host)) {
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
 * Serves MCP over Streamable HTTP at `/mcp` with stateful sessions, each with its own McpServer.
 * Every request passes, in order: the Host/Origin check (403), the bearer token (401), the path
 * (404), the method (405), the body limit (413) and JSON parsing (400); only then does the SDK's
 * transport see it. A session belongs to the principal that opened it (the fingerprint of its
 * token): a request from anyone else naming it gets the 404 of an unknown session.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { host, port, extraHosts } = validateHttpOptions(options);
  // Loaded here, not at import: a stdio server (most of them) never pays for the HTTP transport.
  const { StreamableHTTPServerTransport } = await import(
    '@modelcontextprotocol/sdk/server/streamableHttp.js'
  );
  const log = createLogger(
    `${options.name}/http`,
    undefined,
    options.stderr ? { stderr: options.stderr } : {},
  );
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const maxSessions = options.maxSessions ?? 100;
  const auth = options.auth;
  // No token may ever reach a log line or the audit log, whatever path it takes.
  if (auth.kind === 'bearer') for (const token of auth.tokens) registerSecret(token);
  const checkBearer = auth.kind === 'bearer' ? bearerChecker(auth.tokens) : undefined;
  const challenge = `Bearer realm="${options.name}"`;
  const timers = options.timers ?? systemTimers;

  const sessions = new HttpSessions({
    timers,
    idleMs: options.idleTimeoutMs ?? 30 * 60 * 1000,
    onIdle: (session) => {
      log.info(`session ${session.id} of ${session.caller} closed after being idle`);
      void session.server.close();
    },
  });
  let allowed: AllowedHost[] = [];
  let closing: Promise<void> | undefined;
  let running = 0;
  let idle: (() => void) | undefined;
  /** Calls being answered, so a shutdown can tell their clients they were cancelled. */
  const calls = new Set<{ session: HttpSession; id: RequestId }>();

  /** Counts a request as running until its response is done (or the client went away). */
  const track = (res: ServerResponse) => {
    running += 1;
    res.once('close', () => {
      running -= 1;
      if (running === 0) idle?.();
    });
  };

  /**
   * The session a request names, when it is the caller's own. Another principal's session is
   * answered exactly like an unknown one, so a session id reveals nothing to a client that does
   * not own it.
   */
  function ownSession(req: IncomingMessage, id: string, caller: Caller): HttpSession | undefined {
    const session = sessions.get(id);
    if (session && session.principal !== caller.principal) {
      log.warning(
        `refused a request from ${caller.principal}@${remoteAddressOf(req)} for session ${id}, which belongs to ${session.principal}`,
      );
      return undefined;
    }
    return session;
  }

  async function openSession(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    opener: Caller,
  ): Promise<void> {
    if (closing) {
      replyError(res, 503, jsonRpcCodes.serverError, 'Service Unavailable: the server is shutting down');
      return;
    }
    if (sessions.size >= maxSessions) {
      replyError(res, 503, jsonRpcCodes.serverError, 'Service Unavailable: too many open sessions', {
        'Retry-After': '60',
      });
      return;
    }
    const caller = `${opener.auditName}@${remoteAddressOf(req)}`;
    const principal = opener.principal;
    const server = options.createSession({ caller });
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      // Unguessable ids; the token, not the session id, is what authenticates each request, and a
      // session answers only the principal that opened it.
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.add({ id, server, transport, caller, principal });
        log.info(`session ${id} opened by ${caller}`);
      },
    });
    server.server.onclose = () => {
      const id = transport.sessionId;
      if (id !== undefined && sessions.get(id)) {
        sessions.remove(id);
        log.info(`session ${id} closed`);
      }
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    // An initialize the SDK refused (e.g. a bad protocol version) leaves no session behind.
    if (transport.sessionId === undefined) await server.close();
  }

  async function post(
    req: IncomingMessage,
    res: ServerResponse,
    sessionId: string | undefined,
    caller: Caller,
  ) {
    const session = sessionId === undefined ? undefined : ownSession(req, sessionId, caller);
    if (sessionId !== undefined && !session) {
      replyError(res, 404, jsonRpcCodes.sessionNotFound, 'Session not found');
      return;
    }
    track(res);
    if (session) res.once('close', sessions.begin(session.id));
    const body = await readJsonBody(req, maxBodyBytes);
    if (body.kind === 'too-large') {
      replyError(
        res,
        413,
        jsonRpcCodes.serverError,
        `Payload Too Large: the limit is ${maxBodyBytes} bytes`,
        {
          Connection: 'close',
        },
      );
      return;
    }
    if (body.kind === 'invalid') {
      replyError(res, 400, jsonRpcCodes.parseError, 'Parse error: the body is not valid JSON');
      return;
    }
    if (session) {
      for (const id of requestIdsOf(body.value)) {
        const call = { session, id };
        calls.add(call);
        res.once('close', () => calls.delete(call));
      }
      await session.transport.handleRequest(req, res, body.value);
      return;
    }
    if (!isInitializeRequest(body.value)) {
      replyError(res, 400, jsonRpcCodes.serverError, 'Bad Request: No valid session ID provided');
      return;
    }
    await openSession(req, res, body.value, caller);
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
    let caller: Caller = { principal: localPrincipal, auditName: 'http:no-auth' };
    if (checkBearer) {
      const verdict = checkBearer(req.headers.authorization);
      if (verdict.kind !== 'ok') {
        log.warning(`refused a request from ${remoteAddressOf(req)}: ${verdict.kind} bearer token`);
        replyError(res, 401, jsonRpcCodes.serverError, 'Unauthorized: a valid bearer token is required', {
          'WWW-Authenticate': verdict.kind === 'wrong' ? `${challenge}, error="invalid_token"` : challenge,
        });
        return;
      }
      caller = {
        principal: tokenPrincipal(verdict.fingerprint),
        auditName: `http:${verdict.fingerprint}`,
        identity: { kind: 'token', fingerprint: verdict.fingerprint },
      };
      // Tool handlers see who is calling as `extra.authInfo` (write plans are bound to it).
      (req as IncomingMessage & { auth?: AuthInfo }).auth = authInfoFor(caller);
    }
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      path = '';
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
    const header = req.headers['mcp-session-id'];
    if (Array.isArray(header)) {
      replyError(res, 400, jsonRpcCodes.serverError, 'Bad Request: one Mcp-Session-Id header at most');
      return;
    }
    if (method === 'POST') {
      await post(req, res, header, caller);
      return;
    }
    if (header === undefined) {
      replyError(res, 400, jsonRpcCodes.serverError, 'Bad Request: Mcp-Session-Id header is required');
      return;
    }
    const session = ownSession(req, header, caller);
    if (!session) {
      replyError(res, 404, jsonRpcCodes.sessionNotFound, 'Session not found');
      return;
    }
    // A GET is the client's long-lived event stream: it is not a running call.
    if (method === 'DELETE') track(res);
    await session.transport.handleRequest(req, res);
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

  async function shutDown(): Promise<void> {
    // The listener stays open during the grace period: a running call may still need its
    // client's answer (a write confirmation comes back as a new POST). New sessions get 503.
    const graceMs = options.shutdownGraceMs ?? 10_000;
    if (running > 0) {
      log.info(`shutting down: waiting up to ${graceMs} ms for ${running} running request(s)`);
      await new Promise<void>((resolve) => {
        const cancelTimer = timers.after(graceMs, resolve);
        idle = () => {
          cancelTimer();
          resolve();
        };
      });
    }
    // Calls still running are cancelled: their clients get an error now rather than waiting
    // for a response that will never come.
    for (const { session, id } of calls) {
      const cancelled: JSONRPCMessage = {
        jsonrpc: '2.0',
        id,
        error: { code: jsonRpcCodes.serverError, message: 'Cancelled: the server is shutting down' },
      };
      await session.transport.send(cancelled, { relatedRequestId: id }).catch(() => undefined);
    }
    // Closing a session aborts whatever it still runs and ends its event streams.
    await Promise.allSettled(sessions.all().map((session) => session.server.close()));
    const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeAllConnections();
    await stopped;
  }

  return {
    url,
    get sessionCount() {
      return sessions.size;
    },
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
