// One Graph request through graph-client's middleware chain, answered as parsed JSON or a typed
// error. Everything above (paging, $batch, the GraphClient methods) is built on `send`.
import { type Client, ResponseType } from '@microsoft/microsoft-graph-client';
import { TransientError, toGraphError } from './errors.js';
import { RequestControl, type RequestControlInit } from './middleware/request-control.js';
import { type GraphVersion, type QueryParams, type RequestTarget, resolveTarget } from './request-target.js';
import { errorFromResponse } from './response-errors.js';
import { isIdempotentMethod } from './retry-policy.js';
import { combineSignals } from './signals.js';
import { type Workload, workloadOf } from './workload.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface SendOptions {
  version?: GraphVersion | undefined;
  query?: QueryParams | undefined;
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  body?: unknown;
  /** Overrides the method's idempotency for drop/malformed retries (a $batch of reads is safe). */
  retryOnDrop?: boolean | undefined;
  /** Overrides the workload the path implies (a $batch takes its sub-requests' workload). */
  workload?: Workload | undefined;
  pausesInBody?: RequestControlInit['pausesInBody'];
}

export interface GraphResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for 204 / an empty body. */
  body: unknown;
  target: RequestTarget;
}

export class Transport {
  constructor(
    private readonly client: Client,
    readonly graphBaseUrl: string,
    private readonly clientSignal: AbortSignal | undefined,
  ) {}

  target(
    pathOrUrl: string,
    version: GraphVersion | undefined,
    query: QueryParams | undefined,
  ): RequestTarget {
    return resolveTarget(this.graphBaseUrl, pathOrUrl, version ?? 'v1.0', query);
  }

  async send(method: HttpMethod, pathOrUrl: string, options: SendOptions = {}): Promise<GraphResponse> {
    const target = this.target(pathOrUrl, options.version, options.query);
    const signal = combineSignals(this.clientSignal, options.signal);
    const control = new RequestControl({
      method,
      path: target.path,
      workload: options.workload ?? workloadOf(target.path),
      retryOnDrop: options.retryOnDrop ?? isIdempotentMethod(method),
      expectJson: true,
      signal,
      pausesInBody: options.pausesInBody,
    });
    const request = this.client
      .api(`${target.path}${target.search}`)
      .version(target.version)
      .headers(options.headers ?? {})
      .middlewareOptions([control])
      .responseType(ResponseType.RAW);
    if (signal !== undefined) request.option('signal', signal);

    let raw: unknown;
    try {
      raw = await dispatch(request, method, options.body);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw control.failure ?? toGraphError(error, { method, path: target.path });
    }
    if (!isResponse(raw)) {
      throw new TransientError({
        status: 0,
        code: 'noResponse',
        message: `${method} ${target.path}: no response from Microsoft Graph.`,
        method,
        path: target.path,
      });
    }
    if (!raw.ok) {
      throw errorFromResponse({
        status: raw.status,
        headers: raw.headers,
        body: await readJsonQuietly(raw),
        method,
        path: target.path,
        search: target.search,
        retryAfterMs: control.retryAfterMs,
      });
    }
    return { status: raw.status, headers: raw.headers, body: control.json, target };
  }
}

/** undici's Response (from the npm package) is not Node's global class, so check its shape. */
function isResponse(value: unknown): value is Response {
  return (
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    typeof value.status === 'number' &&
    'headers' in value &&
    'text' in value &&
    typeof value.text === 'function'
  );
}

type SendableRequest = ReturnType<Client['api']>;

function dispatch(request: SendableRequest, method: HttpMethod, body: unknown): Promise<unknown> {
  switch (method) {
    case 'GET':
      return request.get();
    case 'POST':
      return request.post(body ?? {});
    case 'PATCH':
      return request.patch(body ?? {});
    case 'PUT':
      return request.put(body ?? {});
    case 'DELETE':
      return request.delete();
  }
}

async function readJsonQuietly(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
