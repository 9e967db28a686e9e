// tasks/get, tasks/update and tasks/cancel (Tasks extension, SEP-2663), answered from the
// process's task store. Each request is checked on its own (stateless HTTP): it must declare the
// extension (else -32021) and the task must be the caller's own (else "not found", -32602: another
// caller's task id is as unknown as a made-up one).
import { ProtocolErrorCode as ErrorCode, type Result } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { principalOf } from '../http/principal.js';
import { callExtraOf } from '../server/audited-call.js';
import { JsonRpcError } from '../server/json-rpc-error.js';
import type { KitMcpServer } from '../server/kit-mcp-server.js';
import type { TaskStore } from './task-store.js';
import { declaresTasks, missingTasksCapability } from './tasks-extension.js';

const taskIdParams = z.looseObject({ taskId: z.string().min(1) });
const updateParams = z.looseObject({
  taskId: z.string().min(1),
  inputResponses: z.record(z.string(), z.unknown()),
});

function notFound(): JsonRpcError {
  return new JsonRpcError(ErrorCode.InvalidParams, 'Failed to retrieve task: Task not found (or expired)');
}

export function serveTaskMethods(server: KitMcpServer, tasks: TaskStore): void {
  const protocol = server.server;
  protocol.setRequestHandler('tasks/get', { params: taskIdParams }, async (params, ctx): Promise<Result> => {
    const extra = callExtraOf(ctx);
    if (!declaresTasks(extra)) throw missingTasksCapability();
    const task = tasks.get(principalOf(extra), params.taskId);
    if (task === undefined) throw notFound();
    return { ...task };
  });
  // No kit tool asks for input during a task (no input_required), so an update has nothing to
  // answer; it is acknowledged for a known task, as the spec says to ignore unknown keys.
  protocol.setRequestHandler(
    'tasks/update',
    { params: updateParams },
    async (params, ctx): Promise<Result> => {
      const extra = callExtraOf(ctx);
      if (!declaresTasks(extra)) throw missingTasksCapability();
      if (tasks.get(principalOf(extra), params.taskId) === undefined) throw notFound();
      return {};
    },
  );
  protocol.setRequestHandler(
    'tasks/cancel',
    { params: taskIdParams },
    async (params, ctx): Promise<Result> => {
      const extra = callExtraOf(ctx);
      if (!declaresTasks(extra)) throw missingTasksCapability();
      if (!tasks.cancel(principalOf(extra), params.taskId)) throw notFound();
      return {};
    },
  );
}
