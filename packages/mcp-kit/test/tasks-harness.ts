// The sample server with the Tasks extension's test tools, over Streamable HTTP (in-process, real
// sockets, two bearer tokens: two principals) or over stdio (the SDK's stdio transport on a pipe
// pair), sharing one task store with an injected clock. Task methods are sent as raw JSON-RPC built
// per the spec (the SDK v2 client refuses `resultType: "task"`; ext-tasks' requester needs a raw
// dispatcher for 2026-07-28 servers): a 2026-07-28 `_meta` envelope per request, declaring the
// extension in its clientCapabilities when asked to.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openAuditLog } from '@m365-mcp/audit-log';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';
import { startDemoTenant } from '../src/cli/demo.js';
import { graphFromEnvironment, type ServerConfig } from '../src/cli/startup.js';
import { startHttpServer } from '../src/http/index.js';
import { createServer, defineTool, type ToolDefinition } from '../src/index.js';
import type { TaskStore } from '../src/tasks/task-store.js';
import { makeToken } from './http-harness.js';
import { countSlowly, sampleServer } from './sample-server.js';

export const tasksCapability = { extensions: { 'io.modelcontextprotocol/tasks': {} } };

/** A long tool that reports a step, then runs until released or aborted (and says which). */
export function steppedTool() {
  let started: () => void = () => undefined;
  let release: () => void = () => undefined;
  let aborted: (reason: unknown) => void = () => undefined;
  const startedP = new Promise<void>((resolve) => (started = resolve));
  const releasedP = new Promise<void>((resolve) => (release = resolve));
  const abortedP = new Promise<unknown>((resolve) => (aborted = resolve));
  const tool: ToolDefinition = defineTool({
    name: 'audit_in_steps',
    title: 'Audit in steps',
    description: 'Reports step 1, then waits for the test. No Graph calls.',
    input: {},
    output: { done: z.boolean() },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    longRunning: true,
    async handler(_args, ctx) {
      await ctx.progress(1, 2, 'step 1 of 2: reading sites');
      ctx.signal.addEventListener('abort', () => aborted(ctx.signal.reason), { once: true });
      started();
      await Promise.race([releasedP, abortedP]);
      return { structured: { done: true }, summary: 'Done.' };
    },
  });
  return { tool, started: startedP, release, aborted: abortedP };
}

export type Rpc = (
  method: string,
  params: Record<string, unknown>,
  options?: { tasks?: boolean; token?: string },
) => Promise<{ result?: Record<string, unknown>; error?: { code: number; message: string; data?: unknown } }>;

function envelope(params: Record<string, unknown>, tasks: boolean): Record<string, unknown> {
  return {
    ...params,
    _meta: {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'tasks-test', version: '0.0.0' },
      'io.modelcontextprotocol/clientCapabilities': tasks ? tasksCapability : {},
    },
  };
}

export interface TasksServer {
  rpc: Rpc;
  tokens: string[];
  url?: URL;
  auditLogPath: string;
  close(): Promise<void>;
}

export async function startTasksServer(
  transport: 'http' | 'stdio',
  tasks: TaskStore,
  extraTools: ToolDefinition[],
): Promise<TasksServer> {
  const demo = await startDemoTenant({ manifest: sampleServer.permissions, writes: false });
  const scratch = await mkdtemp(join(tmpdir(), 'mcp-kit-tasks-'));
  const connection = await graphFromEnvironment(demo.env, { ca: demo.sim.ca });
  const config: ServerConfig = {
    auditLogPath: join(scratch, 'audit.jsonl'),
    breakGlassAccounts: [],
    demo: true,
    settings: {},
    allowWrites: false,
  };
  const auditLog = await openAuditLog(config.auditLogPath, { server: sampleServer.name });
  // count_slowly as a long tool: the same tool, run as a task when asked.
  const definition = {
    ...sampleServer,
    tools: [
      ...sampleServer.tools.filter((tool) => tool.name !== countSlowly.name),
      { ...countSlowly, longRunning: true },
      ...extraTools,
    ],
  };
  const make = (caller: string) =>
    createServer(definition, {
      graph: connection.graph,
      auditLog,
      config,
      allowWrites: false,
      caller,
      tasks,
      stderr: () => undefined,
    });
  const cleanup = async () => {
    await auditLog.close();
    await connection.graph.close();
    await demo.sim.close();
    await rm(scratch, { recursive: true, force: true });
  };
  let nextId = 1;
  if (transport === 'http') {
    const tokens = [makeToken(), makeToken()];
    const http = await startHttpServer({
      name: sampleServer.name,
      auth: { kind: 'bearer', tokens },
      port: 0,
      createSession: ({ caller }) => make(caller),
      stderr: () => undefined,
    });
    const rpc: Rpc = async (method, params, options = {}) => {
      const id = nextId++;
      const nameField = method === 'tools/call' ? params.name : params.taskId;
      const response = await fetch(http.url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${options.token ?? tokens[0]}`,
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          'MCP-Protocol-Version': '2026-07-28',
          'Mcp-Method': method,
          ...(typeof nameField === 'string' ? { 'Mcp-Name': nameField } : {}),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params: envelope(params, options.tasks ?? true) }),
      });
      const text = await response.text();
      // JSON, or an SSE stream whose last data line is the response.
      const json = response.headers.get('content-type')?.includes('text/event-stream')
        ? (text
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => JSON.parse(line.slice(5)))
            .find((message) => message.id === id) ?? {})
        : JSON.parse(text);
      return json;
    };
    return {
      rpc,
      tokens,
      url: http.url,
      auditLogPath: config.auditLogPath,
      async close() {
        await http.close();
        await cleanup();
      },
    };
  }
  const input = new PassThrough();
  const output = new PassThrough();
  const handle = serveStdio(() => make('local-user'), { transport: new StdioServerTransport(input, output) });
  const waiting = new Map<number, (message: never) => void>();
  let buffered = '';
  output.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      waiting.get(message.id)?.(message as never);
      waiting.delete(message.id);
    }
  });
  const rpc: Rpc = (method, params, options = {}) => {
    const id = nextId++;
    const answered = new Promise<never>((resolve) => waiting.set(id, resolve));
    input.write(
      `${JSON.stringify({ jsonrpc: '2.0', id, method, params: envelope(params, options.tasks ?? true) })}\n`,
    );
    return answered;
  };
  return {
    rpc,
    tokens: [],
    auditLogPath: config.auditLogPath,
    async close() {
      await handle.close();
      await cleanup();
    },
  };
}

/**
 * Polls tasks/get until the task is no longer working: each poll waits on the last answer, then
 * yields to pending I/O (a stdio pipe pair answers within the microtask queue, which would starve
 * the tool's own I/O, e.g. its audit append); no poll waits on the clock.
 */
export async function pollUntilDone(rpc: Rpc, taskId: string): Promise<Record<string, unknown>> {
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    const { result, error } = await rpc('tasks/get', { taskId });
    if (error !== undefined) throw new Error(`tasks/get: ${error.message}`);
    if (result?.status !== 'working') return result ?? {};
  }
}
