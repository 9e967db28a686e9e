// One request to an admin API beyond Graph, with the Graph client's rules: each attempt waits for a
// slot in the service's scheduler lane (bounded concurrency, pacing, a shared pause after a 429),
// 429/503 are retried honouring Retry-After within the budget, and so are a 504, a dropped
// connection or a malformed body when the request is a read; each attempt has a timeout; every
// response reports its request id. The bearer token is asked for per attempt (the credential
// caches it per scope) and goes only to the URL built here from a trusted base.
import type { Dispatcher } from 'undici';
import { GraphError, networkMessage, TransientError, UnauthorizedError } from '../errors.js';
import { type LazyAgent, loadUndici } from '../lazy-undici.js';
import { parseRetryAfter, RETRYABLE_STATUSES } from '../retry-policy.js';
import type { Scheduler } from '../scheduler.js';
import { combineSignals } from '../signals.js';
import { type GraphResponseInfo, recordRequestId } from '../tracking.js';
import type { AdminWorkload } from '../workload.js';
import type { AdminService } from './admin-service.js';
import { requestIdOf, serviceErrorFromResponse } from './service-errors.js';

export interface ServiceContext {
  agent: LazyAgent;
  scheduler: Scheduler;
  clientSignal: AbortSignal | undefined;
  /** Per attempt, body included. */
  timeoutMs: number;
  onResponse: ((info: GraphResponseInfo) => void) | undefined;
  /** A bearer token for the scope (errors already typed). */
  token(scope: string, serviceName: string, signal: AbortSignal | undefined): Promise<string>;
}

export interface ServiceRequest {
  service: AdminService;
  serviceName: string;
  workload: AdminWorkload;
  method: 'GET' | 'POST';
  url: URL;
  scope: string;
  headers: Record<string, string>;
  body?: string;
  /** Safe to send twice: a read (GET, a Get- cmdlet). Only reads are retried after a drop or a 504. */
  read: boolean;
  /** What to name in messages: a cmdlet, or `GET /path`. */
  what: string;
  cmdlet?: string;
  signal?: AbortSignal | undefined;
}

export interface ServiceResponse {
  status: number;
  /** Parsed JSON; undefined for an empty body. */
  body: unknown;
  requestId: string | undefined;
}

type FetchResponse = Awaited<ReturnType<typeof import('undici')['fetch']>>;

export async function sendServiceRequest(
  ctx: ServiceContext,
  request: ServiceRequest,
): Promise<ServiceResponse> {
  const { scheduler } = ctx;
  const { clock, budget } = scheduler;
  const signal = combineSignals(ctx.clientSignal, request.signal);
  const path = request.url.pathname;
  const [{ fetch }, dispatcher] = await Promise.all([loadUndici(), ctx.agent.dispatcher()]);
  let waitedMs = 0;
  for (let attempt = 0; ; attempt += 1) {
    const token = await ctx.token(request.scope, request.serviceName, signal);
    const release = await scheduler.acquire(request.workload, signal);
    const startedAt = clock.now();
    const timeout = AbortSignal.timeout(ctx.timeoutMs);
    const attemptSignal = combineSignals(signal, timeout) as AbortSignal;
    let response: FetchResponse;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: {
          ...request.headers,
          Authorization: `Bearer ${token}`,
          ...(attempt > 0 ? { 'Retry-Attempt': String(attempt) } : {}),
        },
        ...(request.body === undefined ? {} : { body: request.body }),
        redirect: 'manual',
        signal: attemptSignal,
        dispatcher: dispatcher as Dispatcher,
      });
    } catch (error) {
      release();
      if (signal?.aborted) throw signal.reason;
      const failure = dropped(request, error, timeout.aborted, attempt);
      const waitMs = scheduler.backoff(attempt);
      if (!request.read || attempt >= budget.maxRetries || waitedMs + waitMs > budget.maxTotalWaitMs) {
        throw failure;
      }
      waitedMs += waitMs;
      await clock.sleep(waitMs, signal);
      continue;
    }
    const requestId = requestIdOf(response.headers);
    recordRequestId(requestId);
    const report = () =>
      ctx.onResponse?.({
        method: request.method,
        path,
        status: response.status,
        requestId,
        durationMs: clock.now() - startedAt,
        workload: request.workload,
        attempt,
        service: request.service,
        ...(request.cmdlet === undefined ? {} : { cmdlet: request.cmdlet }),
      });

    if (response.status >= 200 && response.status < 300) {
      // Read the body while the request holds its slot: a broken or garbled body is retried like a drop.
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        release();
        report();
        if (signal?.aborted) throw signal.reason;
        const waitMs = scheduler.backoff(attempt);
        if (!request.read || attempt >= budget.maxRetries || waitedMs + waitMs > budget.maxTotalWaitMs) {
          throw dropped(request, error, timeout.aborted, attempt);
        }
        waitedMs += waitMs;
        await clock.sleep(waitMs, signal);
        continue;
      }
      release();
      report();
      const parsed = parseJson(text);
      if (parsed.ok) return { status: response.status, body: parsed.value, requestId };
      const waitMs = scheduler.backoff(attempt);
      if (!request.read || attempt >= budget.maxRetries || waitedMs + waitMs > budget.maxTotalWaitMs) {
        throw new TransientError({
          status: response.status,
          code: 'malformedResponse',
          message: `${request.serviceName}: ${request.what} answered with a body that is not valid JSON (after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}).`,
          method: request.method,
          path,
          requestId,
        });
      }
      waitedMs += waitMs;
      await clock.sleep(waitMs, signal);
      continue;
    }

    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), clock.now());
    if (RETRYABLE_STATUSES.has(response.status)) {
      const waitMs = retryAfterMs ?? scheduler.backoff(attempt);
      // The service throttles the caller, not this request: hold back the lane before the slot frees.
      if (response.status !== 504) scheduler.pause(request.workload, waitMs);
      // 429 and 503 say the request was not processed; a 504 may hide one that was.
      const retryable = response.status !== 504 || request.read;
      if (retryable && attempt < budget.maxRetries && waitedMs + waitMs <= budget.maxTotalWaitMs) {
        await discard(response);
        release();
        report();
        waitedMs += waitMs;
        await clock.sleep(waitMs, signal);
        continue;
      }
    }
    const body = await readJsonQuietly(response);
    release();
    report();
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      const where = location === null ? undefined : URL.parse(location, request.url.href);
      throw new GraphError({
        status: response.status,
        code: 'redirected',
        message:
          `${request.serviceName}: ${request.what} was redirected${where ? ` to ${where.host}` : ''}; redirects are not ` +
          'followed, so the token goes nowhere else. If the service moved your tenant to a regional endpoint, set its base URL (M365_*_URL).',
        method: request.method,
        path,
        requestId,
      });
    }
    throw serviceErrorFromResponse({
      serviceName: request.serviceName,
      what: request.what,
      method: request.method,
      path,
      status: response.status,
      body,
      requestId,
      retryAfterMs,
    });
  }
}

function dropped(
  request: ServiceRequest,
  error: unknown,
  timedOut: boolean,
  attempt: number,
): TransientError {
  const tries = `after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}`;
  const what = timedOut
    ? 'no answer in time'
    : networkMessage(error).replace('Microsoft Graph', request.serviceName);
  const unsafe = request.read ? '' : ' It was not retried because it may already have taken effect.';
  return new TransientError({
    status: 0,
    code: timedOut ? 'timeout' : 'networkError',
    message: `${request.serviceName}: ${request.what}: ${what} (${tries}).${unsafe}`,
    method: request.method,
    path: request.url.pathname,
    cause: error,
  });
}

/** A credential failure as the typed error, naming the service and never the token. */
export function tokenError(serviceName: string, scope: string, error: unknown): UnauthorizedError {
  const detail = error instanceof Error ? error.message : String(error);
  return new UnauthorizedError({
    status: 0,
    code: 'credentialError',
    message: `Could not obtain a token for ${serviceName} (scope ${scope}): ${detail}`,
    cause: error,
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

async function readJsonQuietly(response: FetchResponse): Promise<unknown> {
  try {
    const parsed = parseJson(await response.text());
    return parsed.ok ? parsed.value : undefined;
  } catch {
    return undefined;
  }
}

async function discard(response: FetchResponse): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}
