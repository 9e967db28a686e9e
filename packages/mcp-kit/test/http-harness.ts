// The sample server over Streamable HTTP, built as the CLI's `--demo --http` builds it (graph-sim,
// the real Graph client over HTTPS, a real audit log), in-process, plus raw HTTP for the refusals.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog } from '@m365-mcp/audit-log';
import type { GraphClient } from '@m365-mcp/graph-core';
import type { GraphSim } from '@m365-mcp/graph-sim';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { startDemoTenant } from '../src/cli/demo.js';
import { graphFromEnvironment, type ServerConfig } from '../src/cli/startup.js';
import type { HttpAuthenticator } from '../src/http/http-authenticator.js';
import { type HttpServerOptions, startHttpServer } from '../src/http/index.js';
import { createServer, type ToolDefinition } from '../src/index.js';
import type { DelegatedConnectionSource } from '../src/server/server-runtime.js';
import { pinProtocolVersion } from '../src/testing/index.js';
import { sampleServer } from './sample-server.js';

/** A fresh random token per run, so a test that finds it in a log found a real leak. */
export function makeToken(): string {
  return randomBytes(24).toString('hex');
}

/**
 * A real MCP client over Streamable HTTP (the SDK v1 Client: spec 2025-11-25, served by the SDK v2's
 * stateless legacy fallback), sending `token` when given (form elicitation by default).
 */
export async function connectClient(
  url: URL,
  token: string | undefined,
  capabilities: ClientCapabilities = { elicitation: { form: {} } },
  protocolVersion?: string,
): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } },
  });
  if (protocolVersion !== undefined) pinProtocolVersion(transport, protocolVersion);
  const client = new Client({ name: 'http-test-client', version: '0.0.0' }, { capabilities });
  await client.connect(transport);
  return { client, transport };
}

export interface SampleHttp {
  url: URL;
  /** The demo tenant's own Graph connection (the app's), as the server uses it. */
  graph: GraphClient;
  /** The first of `tokens`. */
  token: string;
  /** Every token the server accepts, one per client (just `token` unless `tokens` was given). */
  tokens: string[];
  sim: GraphSim;
  auditLogPath: string;
  /** Every stderr line the server wrote. */
  logs: string[];
  /** Resolves once the server has written a line containing `text` (at once if it already has). */
  logged(text: string): Promise<void>;
  /** Requests being answered now. */
  runningCount(): number;
  /** Shuts the HTTP server down as SIGTERM does (clients stay as they are); close() does the rest. */
  stop(): Promise<void>;
  /** A real MCP client over Streamable HTTP, sending `token` (the right one by default). */
  connect(options?: {
    token?: string | undefined;
    capabilities?: ClientCapabilities;
    /** The protocol revision the client asks for; 2025-11-25 (the v1 SDK's latest) by default. */
    protocolVersion?: string;
  }): Promise<{ client: Client; transport: StreamableHTTPClientTransport }>;
  close(): Promise<void>;
}

export async function startSampleHttp(
  options: {
    allowWrites?: boolean;
    noAuth?: boolean;
    /** How many tokens (clients) the server accepts; one by default. */
    tokenCount?: number;
    /** Tools beside the sample server's own (e.g. one that runs until released). */
    extraTools?: ToolDefinition[];
    /**
     * Who may call, instead of the static tokens (e.g. one that gives callers roles); a function is
     * given the demo tenant's simulator first (to register the server's app in its Entra).
     */
    authenticator?: HttpAuthenticator | ((sim: GraphSim) => HttpAuthenticator);
    /** On-behalf-of connections for callers with an assertion. */
    delegated?: DelegatedConnectionSource;
  } & Partial<Pick<HttpServerOptions, 'maxBodyBytes' | 'shutdownGraceMs' | 'timers'>> = {},
): Promise<SampleHttp> {
  const allowWrites = options.allowWrites ?? false;
  const tokens = Array.from({ length: options.tokenCount ?? 1 }, () => makeToken());
  const token = tokens[0] ?? makeToken();
  const demo = await startDemoTenant({ manifest: sampleServer.permissions, writes: allowWrites });
  const scratch = await mkdtemp(join(tmpdir(), 'mcp-kit-http-'));
  const connection = await graphFromEnvironment(demo.env, { ca: demo.sim.ca });
  const config: ServerConfig = {
    auditLogPath: join(scratch, 'audit.jsonl'),
    breakGlassAccounts: [],
    demo: true,
    settings: {},
    allowWrites,
  };
  const auditLog = await openAuditLog(config.auditLogPath, { server: sampleServer.name });
  const logs: string[] = [];
  const watchers = new Set<{ text: string; seen: () => void }>();
  const stderr = (line: string) => {
    logs.push(line);
    for (const watcher of watchers) {
      if (!line.includes(watcher.text)) continue;
      watchers.delete(watcher);
      watcher.seen();
    }
  };
  const {
    noAuth,
    allowWrites: _,
    tokenCount: __,
    extraTools = [],
    authenticator,
    delegated,
    ...limits
  } = options;
  const definition = { ...sampleServer, tools: [...sampleServer.tools, ...extraTools] };
  const http = await startHttpServer({
    name: sampleServer.name,
    auth:
      (typeof authenticator === 'function' ? authenticator(demo.sim) : authenticator) ??
      (noAuth ? { kind: 'none' } : { kind: 'bearer', tokens }),
    port: 0,
    // A server per request (SDK v2 is stateless over HTTP); they share Graph, the audit log and
    // (through it) the write plans, as the CLI's do.
    createSession: ({ caller }) =>
      createServer(definition, {
        graph: connection.graph,
        auditLog,
        config,
        allowWrites,
        caller,
        stderr,
        ...(delegated === undefined ? {} : { delegated }),
      }),
    stderr,
    ...limits,
  });
  const clients: Client[] = [];
  return {
    url: http.url,
    graph: connection.graph,
    token,
    tokens,
    sim: demo.sim,
    auditLogPath: config.auditLogPath,
    logs,
    logged: (text) =>
      logs.some((line) => line.includes(text))
        ? Promise.resolve()
        : new Promise((seen) => void watchers.add({ text, seen })),
    runningCount: () => http.runningCount,
    stop: () => http.close(),
    async connect(connectOptions = {}) {
      const connected = await connectClient(
        http.url,
        'token' in connectOptions ? connectOptions.token : token,
        connectOptions.capabilities,
        connectOptions.protocolVersion,
      );
      clients.push(connected.client);
      return connected;
    },
    async close() {
      await Promise.allSettled(clients.map((client) => client.close()));
      await http.close();
      await auditLog.close();
      await connection.graph.close();
      await demo.sim.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with full control of the headers (Host included), for what a real client
 * would never send.
 */
export function rawRequest(
  url: URL,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'POST',
        path: options.path ?? url.pathname,
        headers: options.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    // The server may answer (413) and close before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** The JSON of an initialize request, as a client's first POST carries it. */
export const initializeBody = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'raw', version: '0.0.0' },
  },
});

/** Headers a Streamable HTTP POST needs, plus the bearer token. */
export function postHeaders(
  token: string | undefined,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
    ...extra,
  };
}
