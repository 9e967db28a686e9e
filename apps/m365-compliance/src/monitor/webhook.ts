// Delivery with bounded retries and exponential backoff. Network errors, 408, 429 and 5xx are
// retried; other answers are final. Never throws: the monitor reports the outcome and carries on.

export interface WebhookDelivery {
  url: string;
  attempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Extra request headers (the worker's Idempotency-Key); content-type is always JSON. */
  headers?: Record<string, string>;
}

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  status?: number;
  error?: string;
}

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function deliverWebhook(delivery: WebhookDelivery, body: unknown): Promise<DeliveryResult> {
  const attempts = delivery.attempts ?? 4;
  const backoff = delivery.backoffMs ?? 1_000;
  let last: DeliveryResult = { ok: false, attempts: 0, error: 'not attempted' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (delivery.signal?.aborted) return { ...last, error: 'stopped before delivery' };
    try {
      const timeout = AbortSignal.timeout(delivery.timeoutMs ?? 10_000);
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { ...delivery.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        redirect: 'error',
        signal: delivery.signal ? AbortSignal.any([timeout, delivery.signal]) : timeout,
      });
      await response.body?.cancel();
      if (response.ok) return { ok: true, attempts: attempt, status: response.status };
      last = { ok: false, attempts: attempt, status: response.status, error: `HTTP ${response.status}` };
      if (!retryable(response.status)) return last;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      last = { ok: false, attempts: attempt, error: cause ?? (error as Error).name ?? 'network error' };
    }
    if (attempt < attempts) await sleep(backoff * 2 ** (attempt - 1), delivery.signal);
  }
  return last;
}

/** What may be logged of a webhook URL: its origin. The path of Slack/Teams webhooks is the secret. */
export function webhookOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid URL';
  }
}
