// Every tools/call that reaches a server is audited with its true outcome (refused arguments,
// unknown tools, malformed requests, cancelled calls), and tool log lines reach the client through
// MCP logging at the level it set. Driven through a real MCP client over the in-memory transport.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AuditEntryInput,
  type AuditLog,
  openAuditLog,
  REDACTED,
  registerSecret,
} from '@m365-mcp/audit-log';
import { cloudProfile, createGraphClient } from '@m365-mcp/graph-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import {
  CallToolResultSchema,
  EmptyResultSchema,
  type LoggingMessageNotification,
  LoggingMessageNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createServer, defineTool, type ServerDefinition } from '../src/index.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { disableUser, samplePermissions } from './sample-server.js';

/** Resolves when the tool body has started; the body then waits for the call's abort signal. */
let bodyStarted: () => void = () => undefined;

const waitForCancel = defineTool({
  name: 'wait_for_cancel',
  title: 'Wait for cancel',
  description: 'Waits until the client cancels, then finishes normally anyway.',
  input: {},
  output: { finished: z.boolean() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(_args, ctx) {
    bodyStarted();
    await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
    return { structured: { finished: true }, summary: 'Finished.' };
  },
});

const SECRET = 'sEcReT-value-that-must-never-be-logged-123';

const logLines = defineTool({
  name: 'log_lines',
  title: 'Log lines',
  description: 'Writes one log line at each level.',
  input: { pages: z.number().int().min(1).max(100), filter: z.object({ since: z.iso.date() }).optional() },
  output: { logged: z.number() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler({ pages }, ctx) {
    ctx.log.debug('pages read', { pages });
    ctx.log.info('areas ran');
    ctx.log.warning(`a warning that quotes ${SECRET}`);
    ctx.log.error('an error line');
    return { structured: { logged: 4 }, summary: 'Logged 4 lines.' };
  },
});

const stepTwice = defineTool({
  name: 'step_twice',
  title: 'Step twice',
  description: 'Reports two progress steps.',
  input: {},
  output: { steps: z.number() },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(_args, ctx) {
    await ctx.progress(1, 2, 'read 1 of 2 pages');
    await ctx.progress(2, 2, 'read 2 of 2 pages');
    return { structured: { steps: 2 }, summary: 'Two steps.' };
  },
});

const definition: ServerDefinition = {
  name: 'm365-envelope',
  title: 'M365 envelope',
  version: '0.0.1',
  instructions: 'Tests the call envelope.',
  permissions: samplePermissions,
  tools: [waitForCancel, logLines, stepTwice, disableUser],
};

interface Harness {
  client: Client;
  auditLogPath: string;
  /** The next audit line appended (resolves after it is written). */
  nextAuditLine(): Promise<AuditEntryInput>;
  messages: LoggingMessageNotification['params'][];
  close(): Promise<void>;
}

async function start(): Promise<Harness> {
  const scratch = await mkdtemp(join(tmpdir(), 'call-envelope-'));
  const auditLogPath = join(scratch, 'audit.jsonl');
  const auditLog: AuditLog = await openAuditLog(auditLogPath, { server: definition.name });
  const waiting: ((entry: AuditEntryInput) => void)[] = [];
  // These tools make no Graph call, so this client is never used.
  const graph = createGraphClient({
    credential: { getToken: async () => null },
    cloud: cloudProfile('global'),
  });
  const server = createServer(definition, {
    graph,
    auditLog: {
      append: async (entry) => {
        const written = await auditLog.append(entry);
        for (const resolve of waiting.splice(0)) resolve(entry);
        return written;
      },
    },
    config: { auditLogPath, breakGlassAccounts: [], allowWrites: false, demo: false, settings: {} },
    allowWrites: false,
    caller: 'test-user',
    stderr: () => undefined,
  });
  const client = new Client({ name: 'call-envelope', version: '0.0.0' });
  const messages: LoggingMessageNotification['params'][] = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
    messages.push(n.params);
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  return {
    client,
    auditLogPath,
    messages,
    nextAuditLine: () => new Promise((resolve) => void waiting.push(resolve)),
    async close() {
      await client.close();
      await server.close();
      await auditLog.close();
      await graph.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

async function lastAuditLine(h: Harness) {
  return (await readAudit(h.auditLogPath)).at(-1);
}

/** A raw tools/call, so a test can send what a well-behaved client would not. */
function rawCall(h: Harness, params: Record<string, unknown>) {
  return h.client.request({ method: 'tools/call', params: params as never }, CallToolResultSchema);
}

let h: Harness;
beforeEach(async () => {
  h = await start();
});
afterEach(async () => {
  await h.close();
});

describe('arguments refused by the input schema', () => {
  it('are an isError result naming the argument and what is wrong, audited as invalid', async () => {
    const result = await callTool(h.client, 'log_lines', { pages: 0 });
    expect(result.isError).toBe(true);
    expect(result.text).toBe(
      'Invalid arguments for log_lines: "pages": too small: expected number to be >=1. Correct it and call log_lines again; tools/list gives the input schema.',
    );
    expect(await lastAuditLine(h)).toMatchObject({
      tool: 'log_lines',
      outcome: 'invalid',
      arguments: { pages: 0 },
      requestIds: [],
      detail: { kind: 'input', problems: ['"pages": too small: expected number to be >=1'] },
    });
  });

  it('name a missing argument and a nested one, every problem in one answer', async () => {
    const result = await callTool(h.client, 'log_lines', { filter: { since: 'yesterday' } });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(
      /^Invalid arguments for log_lines: "pages" is missing \(expected number\); "filter\.since": invalid ISO date\. Correct them/,
    );
    expect(await lastAuditLine(h)).toMatchObject({
      outcome: 'invalid',
      arguments: { filter: { since: 'yesterday' } },
    });
  });

  it('are audited as received but redacted and bounded, whatever their size', async () => {
    registerSecret(SECRET);
    const huge = 'x'.repeat(200_000);
    const result = await callTool(h.client, 'log_lines', {
      pages: huge,
      clientSecret: 'anything',
      note: `token ${SECRET}`,
      many: Array.from({ length: 10_000 }, (_, i) => i),
    });
    expect(result.isError).toBe(true);
    const line = await lastAuditLine(h);
    expect(line?.outcome).toBe('invalid');
    const args = line?.arguments as Record<string, unknown>;
    expect(args.pages).toBe(`${'x'.repeat(1000)}… [199000 more characters]`);
    expect(args.clientSecret).toBe(REDACTED);
    expect(args.note).toBe(`token ${REDACTED}`);
    expect(args.many).toHaveLength(51);
    expect((args.many as unknown[]).at(-1)).toBe('[9950 more items]');
    expect(JSON.stringify(line).length).toBeLessThan(10_000);
  });
});

describe('requests that are not a call of a tool', () => {
  it.each([
    ['a string', 'limit=3', 'string'],
    ['a number', 5, 'number'],
    ['an array', [1, 2], 'array'],
    ['null', null, 'null'],
  ])('arguments that are %s: a one-line -32602, audited as invalid', async (_, args, kind) => {
    await expect(rawCall(h, { name: 'log_lines', arguments: args })).rejects.toMatchObject({
      code: -32602,
      message: 'MCP error -32602: arguments must be a JSON object',
    });
    expect(await lastAuditLine(h)).toMatchObject({
      tool: 'log_lines',
      outcome: 'invalid',
      arguments: args,
      detail: { kind: 'malformed-request', problem: `arguments is ${kind}` },
    });
  });

  it('an unknown tool: -32602 "Unknown tool", audited (probing for tools is worth seeing)', async () => {
    await expect(rawCall(h, { name: 'drop_tenant', arguments: {} })).rejects.toMatchObject({
      code: -32602,
      message: 'MCP error -32602: Unknown tool: drop_tenant',
    });
    expect(await lastAuditLine(h)).toMatchObject({
      tool: 'drop_tenant',
      outcome: 'invalid',
      detail: { kind: 'unknown-tool' },
    });
    // A write tool on a read-only server says why it is not there.
    await expect(rawCall(h, { name: 'disable_user', arguments: { userId: 'x' } })).rejects.toMatchObject({
      message: expect.stringMatching(/Unknown tool: disable_user \(a write tool: .*--allow-writes\)$/),
    });
    expect(await lastAuditLine(h)).toMatchObject({
      tool: 'disable_user',
      outcome: 'invalid',
      arguments: { userId: 'x' },
      detail: { kind: 'unknown-tool', writesOff: true },
    });
  });

  it('no tool name: -32602, audited', async () => {
    await expect(rawCall(h, { arguments: {} })).rejects.toMatchObject({
      code: -32602,
      message: 'MCP error -32602: params.name must be the name of a tool (a string)',
    });
    expect(await lastAuditLine(h)).toMatchObject({
      tool: '(no tool name)',
      outcome: 'invalid',
      detail: { kind: 'malformed-request', problem: 'params.name is undefined' },
    });
  });

  it('other methods are unchanged: an unknown one is still -32601', async () => {
    await expect(
      h.client.request({ method: 'no/such-method' as never, params: {} }, EmptyResultSchema),
    ).rejects.toMatchObject({ code: -32601 });
  });
});

describe('a call the client cancels', () => {
  it('is audited as cancelled, even though its body finished', async () => {
    const started = new Promise<void>((resolve) => {
      bodyStarted = resolve;
    });
    const controller = new AbortController();
    const pending = callTool(h.client, 'wait_for_cancel', {}, { signal: controller.signal });
    await started;
    const audited = h.nextAuditLine();
    controller.abort('the user pressed stop');
    await expect(pending).rejects.toThrow();
    const line = await audited;
    expect(line).toMatchObject({
      tool: 'wait_for_cancel',
      outcome: 'cancelled',
      detail: { kind: 'cancelled', reason: 'the user pressed stop', bodyOutcome: 'ok' },
    });
    expect(await lastAuditLine(h)).toMatchObject({ tool: 'wait_for_cancel', outcome: 'cancelled' });
  });
});

describe('MCP logging', () => {
  const levelsSent = () =>
    h.messages.filter((m) => m.logger === 'm365-envelope/log_lines').map((m) => m.level);

  it('declares the capability; without setLevel the client gets info and above, no debug', async () => {
    expect(h.client.getServerCapabilities()?.logging).toEqual({});
    await callTool(h.client, 'log_lines', { pages: 2 });
    expect(levelsSent()).toEqual(['info', 'warning', 'error']);
  });

  it('setLevel debug sends every line; setLevel error silences info and warning', async () => {
    await h.client.setLoggingLevel('debug');
    await callTool(h.client, 'log_lines', { pages: 2 });
    expect(levelsSent()).toEqual(['debug', 'info', 'warning', 'error']);
    expect(h.messages[0]).toEqual({
      level: 'debug',
      logger: 'm365-envelope/log_lines',
      data: { message: 'pages read', data: { pages: 2 } },
    });

    h.messages.length = 0;
    await h.client.setLoggingLevel('error');
    await callTool(h.client, 'log_lines', { pages: 2 });
    expect(levelsSent()).toEqual(['error']);
  });

  it('a request may carry its own level in _meta (spec 2026-07-28)', async () => {
    await h.client.setLoggingLevel('error');
    await rawCall(h, {
      name: 'log_lines',
      arguments: { pages: 1 },
      _meta: { 'io.modelcontextprotocol/logLevel': 'debug' },
    });
    expect(levelsSent()).toEqual(['debug', 'info', 'warning', 'error']);
  });

  it('each progress step with a message is also a debug line, with or without a progress token', async () => {
    await h.client.setLoggingLevel('debug');
    const progress: unknown[] = [];
    await callTool(h.client, 'step_twice', {}, { onprogress: (p) => void progress.push(p) });
    await callTool(h.client, 'step_twice', {});
    const steps = h.messages.filter((m) => m.logger === 'm365-envelope/step_twice');
    expect(steps).toHaveLength(4);
    expect(steps[1]).toEqual({
      level: 'debug',
      logger: 'm365-envelope/step_twice',
      data: { message: 'read 2 of 2 pages', data: { done: 2, total: 2 } },
    });
    expect(progress).toHaveLength(2);
  });

  it('never carries a secret', async () => {
    registerSecret(SECRET);
    await callTool(h.client, 'log_lines', { pages: 1 });
    expect(JSON.stringify(h.messages)).not.toContain(SECRET);
    expect(h.messages.find((m) => m.level === 'warning')?.data).toBe(`a warning that quotes ${REDACTED}`);
  });

  it('an unknown level is a one-line -32602, not a zod dump', async () => {
    await expect(
      h.client.request({ method: 'logging/setLevel', params: { level: 'loud' as never } }, EmptyResultSchema),
    ).rejects.toMatchObject({
      code: -32602,
      message:
        'MCP error -32602: level must be one of debug, info, notice, warning, error, critical, alert, emergency',
    });
  });
});
