// The end of the middleware chain: undici's own fetch with our Agent, so TLS trust (a simulator's
// CA or a private endpoint's) and keep-alive are per client, not process-wide. undici itself is
// loaded on the first request (../lazy-undici.ts).
import type { Context, FetchOptions, Middleware } from '@microsoft/microsoft-graph-client';
import { type LazyAgent, loadUndici } from '../lazy-undici.js';

export class UndiciHttpHandler implements Middleware {
  constructor(private readonly agent: LazyAgent) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const options = context.options ?? {};
    const body = options.body;
    if (body !== undefined && body !== null && typeof body !== 'string') {
      throw new TypeError('Only JSON (string) request bodies are supported.');
    }
    const [{ fetch: undiciFetch }, dispatcher] = await Promise.all([loadUndici(), this.agent.dispatcher()]);
    const response = await undiciFetch(url, {
      method: options.method ?? 'GET',
      headers: headerRecord(options.headers),
      body: body ?? undefined,
      signal: options.signal ?? undefined,
      redirect: 'manual',
      dispatcher,
    });
    // undici's Response is the implementation behind Node's global Response; the types differ only nominally.
    context.response = response as unknown as Response;
  }
}

export function headerRecord(headers: FetchOptions['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers === undefined) return record;
  if (headers instanceof Headers) {
    headers.forEach((value, key) => {
      record[key] = value;
    });
  } else if (Array.isArray(headers)) {
    for (const [key, value] of headers) if (key !== undefined && value !== undefined) record[key] = value;
  } else {
    for (const [key, value] of Object.entries(headers)) if (typeof value === 'string') record[key] = value;
  }
  return record;
}
