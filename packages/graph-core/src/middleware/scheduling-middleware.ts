// Our place in graph-client's chain (after authentication, before redirects and HTTP): every
// attempt of a request waits for its workload's slot, and 429/503/504, dropped connections and
// malformed bodies are retried here within the budget, so throttling is coordinated per workload.
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { networkMessage, TransientError } from '../errors.js';
import { parseRetryAfter, RETRYABLE_STATUSES } from '../retry-policy.js';
import type { Scheduler } from '../scheduler.js';
import { type GraphResponseInfo, recordRequestId } from '../tracking.js';
import { RequestControl } from './request-control.js';

type Outcome =
  | { kind: 'done' }
  | { kind: 'throttled'; status: number; retryAfterMs: number | undefined }
  | { kind: 'dropped'; error: unknown; timedOut: boolean }
  | { kind: 'malformed' };

export class SchedulingMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly onResponse: ((info: GraphResponseInfo) => void) | undefined,
    /** Per attempt, body included: a hung connection must not hang the tool that waits on it. */
    private readonly attemptTimeoutMs: number,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (next === undefined) throw new Error('SchedulingMiddleware has no next middleware.');
    const control = requestControl(context);
    const { init } = control;
    const { clock, budget } = this.scheduler;
    let waitedMs = 0;

    for (let attempt = 0; ; attempt += 1) {
      control.attempts = attempt + 1;
      if (attempt > 0) setHeader(context, 'Retry-Attempt', String(attempt));
      const release = await this.scheduler.acquire(init.workload, init.signal);
      const startedAt = clock.now();
      let outcome: Outcome;
      try {
        outcome = await this.sendOnce(next, context, control);
      } catch (error) {
        release();
        throw error;
      }
      const retryAfterMs = outcome.kind === 'throttled' ? outcome.retryAfterMs : undefined;
      const waitMs = retryAfterMs ?? this.scheduler.backoff(attempt);
      if (outcome.kind === 'throttled') {
        // The service throttles the workload, not the request: hold every request of it back, and
        // do so before this slot frees, or the next queued request would walk into the throttle.
        this.scheduler.pause(init.workload, waitMs);
      } else if (outcome.kind === 'done' && init.pausesInBody !== undefined) {
        for (const { workload, ms } of init.pausesInBody(control.json, clock.now())) {
          this.scheduler.pause(workload, ms);
        }
      }
      release();
      this.report(context, control, attempt, clock.now() - startedAt);

      if (outcome.kind === 'done') return;
      control.retryAfterMs = retryAfterMs;
      // 429 and 503 say the request was not processed; a 504 (or a drop) may hide one that was.
      const retryable = (outcome.kind === 'throttled' && outcome.status !== 504) || init.retryOnDrop;
      const withinBudget = attempt < budget.maxRetries && waitedMs + waitMs <= budget.maxTotalWaitMs;
      if (!retryable || !withinBudget) {
        if (outcome.kind === 'throttled') return; // the caller turns the last response into a typed error
        control.failure = failureOf(outcome, control, attempt);
        throw control.failure;
      }
      if (outcome.kind === 'throttled') await discardBody(context.response);
      waitedMs += waitMs;
      await clock.sleep(waitMs, init.signal);
    }
  }

  /** One try on the wire; a failure to get an answer is an outcome, an abort by the caller is thrown. */
  private async sendOnce(next: Middleware, context: Context, control: RequestControl): Promise<Outcome> {
    const { signal } = control.init;
    const timeout = AbortSignal.timeout(this.attemptTimeoutMs);
    try {
      context.response = undefined;
      context.options = {
        ...context.options,
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      };
      await next.execute(context);
      return await this.inspect(context, control);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      return { kind: 'dropped', error, timedOut: timeout.aborted };
    }
  }

  private async inspect(context: Context, control: RequestControl): Promise<Outcome> {
    const response = context.response;
    if (response === undefined) return { kind: 'dropped', error: new Error('No response.'), timedOut: false };
    if (RETRYABLE_STATUSES.has(response.status)) {
      return {
        kind: 'throttled',
        status: response.status,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.scheduler.clock.now()),
      };
    }
    if (!control.init.expectJson || !response.ok || response.status === 204) return { kind: 'done' };
    // Read the body while the request still counts as in flight, so a truncated or garbled body is
    // retried like a dropped connection instead of surfacing as a parse error later.
    const text = await response.text();
    try {
      control.json = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      return { kind: 'malformed' };
    }
    context.response = new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    return { kind: 'done' };
  }

  private report(context: Context, control: RequestControl, attempt: number, durationMs: number): void {
    const response = context.response;
    if (response === undefined) return;
    const requestId = response.headers.get('request-id') ?? undefined;
    recordRequestId(requestId);
    this.onResponse?.({
      method: control.init.method,
      path: control.init.path,
      status: response.status,
      requestId,
      durationMs,
      workload: control.init.workload,
      attempt,
    });
  }
}

function requestControl(context: Context): RequestControl {
  const option = context.middlewareControl?.getMiddlewareOptions(RequestControl);
  if (option instanceof RequestControl) return option;
  throw new Error('Graph requests must be sent through GraphClient (no RequestControl was given).');
}

function failureOf(outcome: Outcome, control: RequestControl, attempt: number): TransientError {
  const { method, path } = control.init;
  const tries = `after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}`;
  if (outcome.kind === 'malformed') {
    return new TransientError({
      status: 0,
      code: 'malformedResponse',
      message: `${method} ${path}: Microsoft Graph sent a body that is not valid JSON (${tries}).`,
      method,
      path,
    });
  }
  const cause = outcome.kind === 'dropped' ? outcome.error : undefined;
  const timedOut = outcome.kind === 'dropped' && outcome.timedOut;
  const what = timedOut ? 'Microsoft Graph did not answer in time' : networkMessage(cause);
  const unsafe = control.init.retryOnDrop
    ? ''
    : ' It was not retried because it may already have taken effect.';
  return new TransientError({
    status: 0,
    code: timedOut ? 'timeout' : 'networkError',
    message: `${method} ${path}: ${what} (${tries}).${unsafe}`,
    method,
    path,
    cause,
  });
}

function setHeader(context: Context, name: string, value: string): void {
  const options = context.options ?? {};
  context.options = options;
  if (options.headers instanceof Headers) {
    options.headers.set(name, value);
  } else if (Array.isArray(options.headers)) {
    options.headers = [
      ...options.headers.filter(([key]) => key?.toLowerCase() !== name.toLowerCase()),
      [name, value],
    ];
  } else {
    options.headers = { ...options.headers, [name]: value };
  }
}

async function discardBody(response: Response | undefined): Promise<void> {
  try {
    await response?.arrayBuffer();
  } catch {
    // The connection may already be gone; nothing to free then.
  }
}
