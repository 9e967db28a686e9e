// A tools/call answered with a task handle (CreateTaskResult, `resultType: "task"`): the tool runs
// on in the background with the task's own abort signal (tasks/cancel, expiry), its progress goes
// into the task's status message, and its result (or JSON-RPC error) into the task. The call's
// audit line is written when the tool ends, by the same envelope as a direct call.
import type { CallToolResult, Result } from '@modelcontextprotocol/server';
import { principalOf } from '../http/principal.js';
import type { CallExtra } from '../server/audited-call.js';
import { JsonRpcError } from '../server/json-rpc-error.js';
import type { TaskStore } from './task-store.js';

// The progress token the kit gives a call run as a task, so the envelope's progress reporter
// (audited-call.ts) reports into the task instead of to a request that has already been answered.
const taskProgressToken = 'io.modelcontextprotocol/tasks:progress';

function errorOf(error: unknown): { code: number; message: string } {
  if (error instanceof JsonRpcError) return { code: error.code, message: error.message };
  // The envelope turns a tool's failures into isError results; anything else is the kit's bug.
  return { code: -32603, message: 'Internal error' };
}

export function runAsTask(
  tasks: TaskStore,
  extra: CallExtra,
  run: (extra: CallExtra) => Promise<CallToolResult>,
): Result {
  const { taskId, signal } = tasks.create(principalOf(extra));
  const taskExtra: CallExtra = {
    ...extra,
    mcpReq: {
      ...extra.mcpReq,
      signal,
      _meta: { ...extra.mcpReq._meta, progressToken: taskProgressToken },
      // The request is answered at once; notifications for it (progress, log lines) have nowhere
      // to go but the task (progress) or nowhere (logs: stderr still has them).
      notify: async (notification) => {
        if (notification.method !== 'notifications/progress') return;
        const message = (notification.params as { message?: unknown } | undefined)?.message;
        if (typeof message === 'string') tasks.progress(taskId, message);
      },
    },
  };
  void run(taskExtra).then(
    (result) => tasks.complete(taskId, result as Record<string, unknown>),
    (error: unknown) => tasks.fail(taskId, errorOf(error)),
  );
  const created = tasks.get(principalOf(extra), taskId);
  if (created === undefined) throw new JsonRpcError(-32603, 'The task could not be created');
  // The task is in the store (tasks/get finds it) before the handle is answered, as the spec requires.
  return { resultType: 'task', ...created };
}
