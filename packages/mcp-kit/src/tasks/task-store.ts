// The tasks of one server process (MCP Tasks extension, io.modelcontextprotocol/tasks, SEP-2663).
// Over HTTP the SDK builds a server instance per request, so a task started by one request must be
// found by the next: one store per process, beside the write plans. Each task belongs to the
// principal that started it; for anyone else its id is unknown. A task is kept for its TTL from
// creation (spec: `ttlMs`, "from creation"), then forgotten (and stopped if it is still running).
import { randomUUID } from 'node:crypto';

export type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

/** A task as the spec's `Task` (+ the status-specific `result` / `error`) puts it on the wire. */
export interface WireTask {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttlMs: number | null;
  pollIntervalMs?: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
}

interface TaskRecord {
  readonly taskId: string;
  readonly owner: string;
  readonly createdAt: number;
  lastUpdatedAt: number;
  status: TaskStatus;
  statusMessage?: string;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
  /** Aborted by tasks/cancel and by expiry: the tool's `ctx.signal`. */
  readonly abort: AbortController;
}

export interface TaskStoreOptions {
  /** How long a task is kept from its creation; one hour by default (a tenant-wide audit is long). */
  ttlMs?: number;
  /** The polling interval suggested to clients; 2 seconds by default. */
  pollIntervalMs?: number;
  /** Milliseconds since the epoch; injected by tests. */
  now?: () => number;
}

const terminal = new Set<TaskStatus>(['completed', 'failed', 'cancelled']);

export class TaskStore {
  readonly ttlMs: number;
  readonly pollIntervalMs: number;
  private readonly now: () => number;
  private readonly tasks = new Map<string, TaskRecord>();

  constructor(options: TaskStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** A new task in `working`, owned by `owner`; its id is a random UUID (unguessable, per the spec). */
  create(owner: string): { taskId: string; signal: AbortSignal } {
    this.forgetExpired();
    const now = this.now();
    const record: TaskRecord = {
      taskId: randomUUID(),
      owner,
      createdAt: now,
      lastUpdatedAt: now,
      status: 'working',
      abort: new AbortController(),
    };
    this.tasks.set(record.taskId, record);
    return { taskId: record.taskId, signal: record.abort.signal };
  }

  /** The task as the wire shows it, or undefined when `owner` has no such (unexpired) task. */
  get(owner: string, taskId: string): WireTask | undefined {
    const record = this.find(owner, taskId);
    return record === undefined ? undefined : this.wire(record);
  }

  /** A running task's progress, as its status message. */
  progress(taskId: string, message: string): void {
    const record = this.tasks.get(taskId);
    if (record === undefined || terminal.has(record.status)) return;
    record.statusMessage = message;
    record.lastUpdatedAt = this.now();
  }

  /** The tool call's result (isError results included: the spec's `completed`). */
  complete(taskId: string, result: Record<string, unknown>, statusMessage?: string): void {
    this.settle(taskId, { status: 'completed', result, statusMessage });
  }

  /** A JSON-RPC error the call ended with (the spec's `failed`). */
  fail(taskId: string, error: { code: number; message: string }): void {
    this.settle(taskId, { status: 'failed', error, statusMessage: error.message });
  }

  /**
   * Cancels `owner`'s task: aborts the tool's signal and marks it `cancelled` (a task already
   * finished keeps its status). False when the owner has no such task.
   */
  cancel(owner: string, taskId: string): boolean {
    const record = this.find(owner, taskId);
    if (record === undefined) return false;
    if (!terminal.has(record.status)) {
      record.status = 'cancelled';
      record.statusMessage = 'Cancelled by the client.';
      record.lastUpdatedAt = this.now();
      record.abort.abort(new Error('The task was cancelled (tasks/cancel).'));
    }
    return true;
  }

  private settle(
    taskId: string,
    outcome: Pick<TaskRecord, 'status' | 'result' | 'error'> & { statusMessage?: string | undefined },
  ): void {
    const record = this.tasks.get(taskId);
    // A cancelled (or expired) task stays as it is: its tool ended after the client stopped waiting.
    if (record === undefined || terminal.has(record.status)) return;
    record.status = outcome.status;
    if (outcome.result !== undefined) record.result = outcome.result;
    if (outcome.error !== undefined) record.error = outcome.error;
    if (outcome.statusMessage === undefined) delete record.statusMessage;
    else record.statusMessage = outcome.statusMessage;
    record.lastUpdatedAt = this.now();
  }

  private find(owner: string, taskId: string): TaskRecord | undefined {
    this.forgetExpired();
    const record = this.tasks.get(taskId);
    return record?.owner === owner ? record : undefined;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [taskId, record] of this.tasks) {
      if (now < record.createdAt + this.ttlMs) continue;
      this.tasks.delete(taskId);
      record.abort.abort(new Error('The task expired (its TTL elapsed).'));
    }
  }

  private wire(record: TaskRecord): WireTask {
    return {
      taskId: record.taskId,
      status: record.status,
      ...(record.statusMessage === undefined ? {} : { statusMessage: record.statusMessage }),
      createdAt: new Date(record.createdAt).toISOString(),
      lastUpdatedAt: new Date(record.lastUpdatedAt).toISOString(),
      ttlMs: this.ttlMs,
      pollIntervalMs: this.pollIntervalMs,
      ...(record.status === 'completed' && record.result !== undefined ? { result: record.result } : {}),
      ...(record.status === 'failed' && record.error !== undefined ? { error: record.error } : {}),
    };
  }
}
