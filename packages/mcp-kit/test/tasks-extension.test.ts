// The Tasks extension (io.modelcontextprotocol/tasks, SEP-2663, MCP 2026-07-28) for long tools,
// over Streamable HTTP and over stdio: a long tool called by a request that declares the extension
// answers a task handle, polled with tasks/get until done (the same result as a direct call);
// tasks/cancel aborts the tool; another principal's task id is unknown; an expired task is gone
// (injected clock); a request without the extension gets the plain result.
import { Client as ModernClient, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskStore } from '../src/tasks/task-store.js';
import { callTool } from '../src/testing/index.js';
import { readAudit } from './audit-file.js';
import { pollUntilDone, startTasksServer, steppedTool, type TasksServer } from './tasks-harness.js';

const ttlMs = 60_000;

function clock() {
  let now = Date.parse('2026-12-01T10:00:00Z');
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

for (const transport of ['http', 'stdio'] as const) {
  describe(`tasks over ${transport}`, () => {
    let server: TasksServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it('starts a long tool as a task, polled until done: the result is the direct call’s', async () => {
      server = await startTasksServer(transport, new TaskStore({ ttlMs, pollIntervalMs: 500 }), []);
      const direct = await server.rpc(
        'tools/call',
        { name: 'count_slowly', arguments: { n: 3 } },
        { tasks: false },
      );
      expect(direct.result?.resultType).toBe('complete');

      const created = await server.rpc('tools/call', { name: 'count_slowly', arguments: { n: 3 } });
      expect(created.error).toBeUndefined();
      const handle = created.result ?? {};
      expect(handle).toMatchObject({ resultType: 'task', status: 'working', ttlMs, pollIntervalMs: 500 });
      expect(handle.taskId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(String(handle.createdAt))).not.toBeNaN();

      const done = await pollUntilDone(server.rpc, String(handle.taskId));
      expect(done).toMatchObject({ resultType: 'complete', status: 'completed', taskId: handle.taskId });
      const { resultType: _direct, _meta: _dm, ...directResult } = direct.result ?? {};
      const { _meta: _tm, ...taskResult } = done.result as Record<string, unknown>;
      expect(taskResult).toEqual(directResult);
      // Both calls audited, each when its tool ended.
      const lines = await readAudit(server.auditLogPath);
      expect(lines.map((line) => [line.tool, line.outcome])).toEqual([
        ['count_slowly', 'ok'],
        ['count_slowly', 'ok'],
      ]);
    });

    it('puts progress in the status message; tasks/cancel aborts the tool and the task is cancelled', async () => {
      const stepped = steppedTool();
      server = await startTasksServer(transport, new TaskStore({ ttlMs }), [stepped.tool]);
      const created = await server.rpc('tools/call', { name: 'audit_in_steps', arguments: {} });
      const taskId = String(created.result?.taskId);
      await stepped.started;
      const working = await server.rpc('tasks/get', { taskId });
      expect(working.result).toMatchObject({
        status: 'working',
        statusMessage: 'step 1 of 2: reading sites',
      });

      const cancelled = await server.rpc('tasks/cancel', { taskId });
      expect(cancelled.error).toBeUndefined();
      expect(cancelled.result?.resultType).toBe('complete');
      expect(String(await stepped.aborted)).toMatch(/cancelled/);
      const after = await server.rpc('tasks/get', { taskId });
      expect(after.result).toMatchObject({ status: 'cancelled' });
      expect(after.result).not.toHaveProperty('result');
    });

    it('forgets a task after its TTL (and stops its tool)', async () => {
      const time = clock();
      const stepped = steppedTool();
      server = await startTasksServer(transport, new TaskStore({ ttlMs, now: time.now }), [stepped.tool]);
      const created = await server.rpc('tools/call', { name: 'audit_in_steps', arguments: {} });
      const taskId = String(created.result?.taskId);
      await stepped.started;
      time.advance(ttlMs - 1);
      expect((await server.rpc('tasks/get', { taskId })).result?.status).toBe('working');
      time.advance(1);
      const gone = await server.rpc('tasks/get', { taskId });
      expect(gone.error).toMatchObject({ code: -32602 });
      expect(gone.error?.message).toMatch(/Task not found/);
      expect(String(await stepped.aborted)).toMatch(/expired/);
    });

    it('answers the task methods only to a request that declares the extension (-32021)', async () => {
      server = await startTasksServer(transport, new TaskStore({ ttlMs }), []);
      const created = await server.rpc('tools/call', { name: 'count_slowly', arguments: { n: 1 } });
      const refused = await server.rpc(
        'tasks/get',
        { taskId: String(created.result?.taskId) },
        { tasks: false },
      );
      expect(refused.error).toMatchObject({
        code: -32021,
        data: { requiredCapabilities: { extensions: { 'io.modelcontextprotocol/tasks': {} } } },
      });
    });
  });
}

describe('tasks over HTTP: principals and clients without the extension', () => {
  let server: TasksServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("another caller's task id is unknown to get and cancel", async () => {
    const stepped = steppedTool();
    server = await startTasksServer('http', new TaskStore({ ttlMs }), [stepped.tool]);
    const created = await server.rpc('tools/call', { name: 'audit_in_steps', arguments: {} });
    const taskId = String(created.result?.taskId);
    await stepped.started;
    const other = server.tokens[1];
    const got = await server.rpc('tasks/get', { taskId }, { token: other });
    expect(got.error).toMatchObject({ code: -32602 });
    const cancel = await server.rpc('tasks/cancel', { taskId }, { token: other });
    expect(cancel.error).toMatchObject({ code: -32602 });
    // The owner's task is untouched.
    expect((await server.rpc('tasks/get', { taskId })).result?.status).toBe('working');
    stepped.release();
    expect((await pollUntilDone(server.rpc, taskId)).status).toBe('completed');
  });

  it('the SDK v2 client (no extension declared) gets the plain result of a long tool', async () => {
    server = await startTasksServer('http', new TaskStore({ ttlMs }), []);
    const client = new ModernClient(
      { name: 'modern', version: '0.0.0' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } } },
    );
    await client.connect(
      new StreamableHTTPClientTransport(server.url as URL, {
        requestInit: { headers: { Authorization: `Bearer ${server.tokens[0]}` } },
      }),
    );
    try {
      const result = await callTool(client, 'count_slowly', { n: 2 });
      expect(result.isError).toBeFalsy();
      expect(result.structured).toEqual({ counted: 2 });
    } finally {
      await client.close();
    }
  });
});
