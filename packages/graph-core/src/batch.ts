// JSON batching (learn.microsoft.com/graph/json-batching): up to 20 requests per POST /$batch.
// Graph throttles each sub-request on its own, so a 200 batch can hold 429s; only those (and the
// requests that failed because they depended on them) are sent again, after their own Retry-After.
import { z } from 'zod';
import { BadRequestError, type GraphError, TransientError } from './errors.js';
import type { BatchOptions, BatchRequest, BatchResult } from './graph-client.js';
import type { WorkloadPause } from './middleware/request-control.js';
import type { GraphVersion, RequestTarget } from './request-target.js';
import { errorFromResponse } from './response-errors.js';
import { isIdempotentMethod, parseRetryAfter, RETRYABLE_STATUSES } from './retry-policy.js';
import type { Scheduler } from './scheduler.js';
import { type GraphResponseInfo, recordRequestId } from './tracking.js';
import type { Transport } from './transport.js';
import { type Workload, workloadOf } from './workload.js';

/** Graph's limit per $batch. */
export const MAX_BATCH_SIZE = 20;

const batchResponseSchema = z.looseObject({
  responses: z.array(
    z.looseObject({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

interface Prepared {
  request: BatchRequest;
  target: RequestTarget;
  workload: Workload;
}

interface WireRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchContext {
  transport: Transport;
  scheduler: Scheduler;
  onResponse: ((info: GraphResponseInfo) => void) | undefined;
}

export async function runBatch(
  context: BatchContext,
  requests: readonly BatchRequest[],
  options: BatchOptions = {},
): Promise<BatchResult[]> {
  const version = options.version ?? 'v1.0';
  const prepared = prepare(context.transport, requests, version);
  const chunks = chunk(prepared);
  const results = new Map<string, BatchResult>();
  await Promise.all(
    chunks.map(async (members) => {
      for (const result of await runChunk(context, members, version, options.signal))
        results.set(result.id, result);
    }),
  );
  return requests.map((request) => {
    const result = results.get(request.id);
    if (result === undefined) throw new Error(`No result for batch request ${request.id}.`);
    return result;
  });
}

function prepare(transport: Transport, requests: readonly BatchRequest[], version: GraphVersion): Prepared[] {
  const ids = new Set<string>();
  for (const request of requests) {
    if (request.id === '' || ids.has(request.id)) {
      throw invalid(`Batch request ids must be unique and non-empty; "${request.id}" is not.`);
    }
    ids.add(request.id);
  }
  return requests.map((request) => {
    for (const dependency of request.dependsOn ?? []) {
      if (!ids.has(dependency) || dependency === request.id) {
        throw invalid(`Batch request "${request.id}" depends on unknown request "${dependency}".`);
      }
    }
    const target = transport.target(request.url, version, request.query);
    if (target.version !== version) {
      throw invalid(`Batch request "${request.id}" is for ${target.version} inside a ${version} batch.`);
    }
    return { request, target, workload: workloadOf(target.path) };
  });
}

/** Requests linked by dependsOn must share a $batch; everything else packs into chunks of 20. */
function chunk(prepared: readonly Prepared[]): Prepared[][] {
  const parent = new Map<string, string>(prepared.map((p) => [p.request.id, p.request.id]));
  const root = (id: string): string => {
    let current = id;
    while (parent.get(current) !== current) current = parent.get(current) ?? current;
    return current;
  };
  for (const { request } of prepared) {
    for (const dependency of request.dependsOn ?? []) parent.set(root(dependency), root(request.id));
  }
  const groups = new Map<string, Prepared[]>();
  for (const item of prepared) {
    const key = root(item.request.id);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const chunks: Prepared[][] = [];
  for (const group of groups.values()) {
    if (group.length > MAX_BATCH_SIZE) {
      throw invalid(
        `${group.length} batch requests depend on each other; a $batch holds at most ${MAX_BATCH_SIZE}.`,
      );
    }
    const fits = chunks.find((existing) => existing.length + group.length <= MAX_BATCH_SIZE);
    if (fits === undefined) chunks.push([...group]);
    else fits.push(...group);
  }
  return chunks;
}

async function runChunk(
  context: BatchContext,
  members: readonly Prepared[],
  version: GraphVersion,
  signal: AbortSignal | undefined,
): Promise<BatchResult[]> {
  const { scheduler } = context;
  const byId = new Map(members.map((member) => [member.request.id, member]));
  const final = new Map<string, BatchResult>();
  const attempts = new Map<string, number>();
  let pending = [...members];
  let waitedMs = 0;

  for (let round = 0; pending.length > 0; round += 1) {
    const pendingIds = new Set(pending.map((member) => member.request.id));
    const wire = pending.map((member) => toWire(member, pendingIds));
    for (const member of pending) attempts.set(member.request.id, (attempts.get(member.request.id) ?? 0) + 1);
    const startedAt = scheduler.clock.now();
    const response = await context.transport.send('POST', '/$batch', {
      version,
      body: { requests: wire },
      signal,
      workload: commonWorkload(pending),
      retryOnDrop: pending.every((member) => member.request.method === 'GET'),
      pausesInBody: (body, now) => announcedPauses(body, now, byId),
    });
    const durationMs = scheduler.clock.now() - startedAt;
    const parsed = batchResponseSchema.safeParse(response.body);
    if (!parsed.success) {
      throw new TransientError({
        status: response.status,
        code: 'malformedResponse',
        message: 'POST /$batch: the response has no "responses" array.',
        method: 'POST',
        path: '/$batch',
        requestId: response.headers.get('request-id') ?? undefined,
      });
    }

    const retry: Prepared[] = [];
    let retryAfterMs: number | undefined;
    const received = new Map(parsed.data.responses.map((sub) => [sub.id, sub]));
    for (const member of pending) {
      const { id } = member.request;
      const sub = received.get(id);
      if (sub === undefined) {
        final.set(id, missing(member, attempts.get(id) ?? 1));
        continue;
      }
      const headers = lowerCaseKeys(sub.headers ?? {});
      const requestId = headers['request-id'] ?? innerRequestId(sub.body);
      recordRequestId(requestId);
      context.onResponse?.({
        method: member.request.method,
        path: member.target.path,
        status: sub.status,
        requestId,
        durationMs,
        workload: member.workload,
        attempt: round,
        batchId: id,
      });
      const subRetryAfter = parseRetryAfter(headers['retry-after'], scheduler.clock.now());
      // A 504 may hide a write that happened; only reads are sent again after one.
      if (
        RETRYABLE_STATUSES.has(sub.status) &&
        (sub.status !== 504 || isIdempotentMethod(member.request.method))
      ) {
        retry.push(member);
        if (subRetryAfter !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, subRetryAfter);
      }
      final.set(id, toResult(member, sub.status, headers, sub.body, attempts.get(id) ?? 1, subRetryAfter));
    }
    // A 424 only means "your dependency failed": when that dependency is retried, so is it.
    for (const member of pending) {
      const result = final.get(member.request.id);
      const retriedIds = new Set(retry.map((r) => r.request.id));
      if (result?.status === 424 && (member.request.dependsOn ?? []).some((dep) => retriedIds.has(dep))) {
        retry.push(member);
      }
    }
    if (retry.length === 0) break;

    const waitMs = retryAfterMs ?? scheduler.backoff(round);
    for (const workload of new Set(retry.map((member) => member.workload))) scheduler.pause(workload, waitMs);
    const { maxRetries, maxTotalWaitMs } = scheduler.budget;
    if (round >= maxRetries || waitedMs + waitMs > maxTotalWaitMs) break;
    waitedMs += waitMs;
    await scheduler.clock.sleep(waitMs, signal);
    pending = retry;
  }
  return members.map(
    (member) => final.get(member.request.id) ?? missing(member, attempts.get(member.request.id) ?? 0),
  );
}

/** Sub-responses that were throttled with a Retry-After: their workloads pause for it. */
function announcedPauses(body: unknown, now: number, byId: ReadonlyMap<string, Prepared>): WorkloadPause[] {
  const parsed = batchResponseSchema.safeParse(body);
  if (!parsed.success) return [];
  const pauses: WorkloadPause[] = [];
  for (const sub of parsed.data.responses) {
    const member = byId.get(sub.id);
    if (member === undefined || !RETRYABLE_STATUSES.has(sub.status)) continue;
    const ms = parseRetryAfter(lowerCaseKeys(sub.headers ?? {})['retry-after'], now);
    if (ms !== undefined) pauses.push({ workload: member.workload, ms });
  }
  return pauses;
}

function toWire(member: Prepared, pendingIds: ReadonlySet<string>): WireRequest {
  const { request, target } = member;
  const wire: WireRequest = { id: request.id, method: request.method, url: `${target.path}${target.search}` };
  const headers = { ...request.headers };
  if (request.body !== undefined) {
    wire.body = request.body;
    if (!Object.keys(headers).some((key) => key.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  if (Object.keys(headers).length > 0) wire.headers = headers;
  // On a retry, dependencies that already succeeded are not resent, so they are no longer waited for.
  const dependsOn = (request.dependsOn ?? []).filter((dep) => pendingIds.has(dep));
  if (dependsOn.length > 0) wire.dependsOn = dependsOn;
  return wire;
}

function toResult(
  member: Prepared,
  status: number,
  headers: Record<string, string>,
  body: unknown,
  attempts: number,
  retryAfterMs: number | undefined,
): BatchResult {
  const result: BatchResult = { id: member.request.id, status, body, headers, attempts };
  if (status < 200 || status >= 300) {
    result.error = errorFromResponse({
      status,
      headers: { get: (name) => headers[name.toLowerCase()] },
      body,
      method: member.request.method,
      path: member.target.path,
      search: member.target.search,
      retryAfterMs,
    });
  }
  return result;
}

function missing(member: Prepared, attempts: number): BatchResult {
  const error: GraphError = new TransientError({
    status: 0,
    code: 'missingBatchResponse',
    message: `${member.request.method} ${member.target.path}: the $batch response had no answer for this request.`,
    method: member.request.method,
    path: member.target.path,
  });
  return { id: member.request.id, status: 0, body: undefined, headers: {}, error, attempts };
}

/** The workload whose lane the $batch takes: its sub-requests' one, or `other` when they are mixed. */
function commonWorkload(members: readonly Prepared[]): Workload {
  const workloads = new Set(members.map((member) => member.workload));
  const [only] = workloads;
  return workloads.size === 1 && only !== undefined ? only : 'other';
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

function innerRequestId(body: unknown): string | undefined {
  const parsed = z
    .object({ error: z.object({ innerError: z.object({ 'request-id': z.string() }) }) })
    .safeParse(body);
  return parsed.success ? parsed.data.error.innerError['request-id'] : undefined;
}

function invalid(message: string): BadRequestError {
  return new BadRequestError({ status: 0, code: 'invalidBatch', message, method: 'POST', path: '/$batch' });
}
