// POST /{version}/$batch: JSON batching as Graph does it. At most 20 requests with unique ids;
// `dependsOn` orders them and a failed dependency answers 424; each sub-request goes through the
// full pipeline (auth, permissions, faults, throttling) on its own, so a 429 inside a batch carries
// its own Retry-After. The outer status is 200 whenever the batch itself was well formed.
import { z } from 'zod';
import { type Fault, type FaultSchedule, faultError, faultRetryAfter } from './faults.js';
import type { GraphPipeline } from './graph-pipeline.js';
import {
  errorResponse,
  type GraphResponse,
  jsonResponse,
  requestIds,
  responseBytes,
} from './graph-response.js';
import { type InMemoryRequestLog, now, queryRecord, redactHeaders } from './request-log.js';
import type { GraphVersion } from './route.js';

export const MAX_BATCH_REQUESTS = 20;

const batchSchema = z.object({
  requests: z.array(
    z.object({
      id: z.union([z.string().min(1), z.number()]).transform(String),
      method: z.string().min(1),
      url: z.string().min(1),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
      dependsOn: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
    }),
  ),
});

type SubRequest = z.infer<typeof batchSchema>['requests'][number];

export interface BatchInput {
  seq: number;
  time: number;
  version: GraphVersion;
  url: string;
  headers: Readonly<Record<string, string>>;
  bodyText: string;
  origin: string;
}

interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const HOP_HEADERS = new Set(['date', 'strict-transport-security']);

function subUrl(
  url: string,
  outer: GraphVersion,
): { version: GraphVersion; rawPath: string; search: string } | undefined {
  let target = url.trim();
  if (/^https:\/\//i.test(target)) {
    const parsed = URL.parse(target);
    if (!parsed) return undefined;
    target = `${parsed.pathname}${parsed.search}`;
  }
  if (!target.startsWith('/')) target = `/${target}`;
  const question = target.indexOf('?');
  const pathPart = question === -1 ? target : target.slice(0, question);
  const search = question === -1 ? '' : target.slice(question + 1);
  const versioned = /^\/(v1\.0|beta)(\/.*)?$/i.exec(pathPart);
  if (versioned) {
    const version = (versioned[1] as string).toLowerCase() === 'beta' ? 'beta' : 'v1.0';
    return { version, rawPath: versioned[2] ?? '/', search };
  }
  return { version: outer, rawPath: pathPart, search };
}

function toSubResponse(id: string, response: GraphResponse): SubResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!HOP_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  const sub: SubResponse = { id, status: response.status, headers };
  if (response.body === undefined) return sub;
  const text = Buffer.isBuffer(response.body) ? undefined : response.body;
  const isJson = (headers['Content-Type'] ?? '').startsWith('application/json');
  if (text !== undefined && isJson) {
    try {
      sub.body = JSON.parse(text);
    } catch {
      sub.body = text; // a scripted malformed body stays malformed inside the batch
    }
  } else {
    sub.body = Buffer.isBuffer(response.body) ? response.body.toString('base64') : response.body;
  }
  return sub;
}

export class BatchExecutor {
  constructor(
    private readonly pipeline: GraphPipeline,
    private readonly faults: FaultSchedule,
    private readonly log: InMemoryRequestLog,
  ) {}

  async execute(input: BatchInput): Promise<GraphResponse> {
    const ids = requestIds(input.headers['client-request-id']);
    let response: GraphResponse;
    let clientId: string | undefined;
    let tenantId: string | undefined;
    let fault: Fault['kind'] | undefined;
    let retryAfter: number | null = null;
    const auth = await this.pipeline.authenticate(input.headers.authorization, ids);
    if (!auth.ok) {
      response = auth.response;
    } else {
      clientId = auth.clientId;
      tenantId = auth.host.tenant.id;
      const scripted = this.faults.take({ method: 'POST', path: '/$batch', inBatch: false });
      fault = scripted?.kind;
      if (scripted?.kind === 'status') {
        retryAfter = faultRetryAfter(scripted);
        const { code, message } = faultError(scripted.status, scripted.code);
        response = errorResponse(
          ids,
          scripted.status,
          code,
          message,
          retryAfter === null ? {} : { 'Retry-After': String(retryAfter) },
        );
      } else if (scripted?.kind === 'drop') {
        response = { status: 0, headers: {}, body: undefined, drop: true };
      } else {
        if (scripted?.kind === 'delay') await new Promise((r) => setTimeout(r, scripted.ms));
        response = await this.run(input, ids, tenantId);
        if (scripted?.kind === 'malformed' && typeof response.body === 'string') {
          response = {
            ...response,
            body: response.body.slice(0, Math.max(1, Math.floor(response.body.length / 2))),
          };
        }
      }
    }
    this.log.add({
      seq: input.seq,
      time: input.time,
      side: 'graph',
      method: 'POST',
      url: input.url,
      version: input.version,
      path: '/$batch',
      query: {},
      headers: redactHeaders(input.headers),
      clientId,
      tenantId,
      status: response.drop ? 0 : response.status,
      workload: null,
      resourceUnits: null,
      retryAfter,
      throttled: false,
      earlyRetry: false,
      fault,
      batch: undefined,
      durationMs: now() - input.time,
      responseBytes: responseBytes(response),
    });
    return response;
  }

  private async run(
    input: BatchInput,
    ids: ReturnType<typeof requestIds>,
    tenantId: string,
  ): Promise<GraphResponse> {
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(input.bodyText);
    } catch {
      return errorResponse(ids, 400, 'BadRequest', 'Invalid batch payload format.');
    }
    const parsed = batchSchema.safeParse(parsedJson);
    if (!parsed.success) return errorResponse(ids, 400, 'BadRequest', 'Invalid batch payload format.');
    const requests = parsed.data.requests;
    if (requests.length === 0)
      return errorResponse(ids, 400, 'BadRequest', 'The batch request contains no requests.');
    if (requests.length > MAX_BATCH_REQUESTS) {
      return errorResponse(
        ids,
        400,
        'BadRequest',
        `The number of requests in the batch (${requests.length}) exceeds the limit of ${MAX_BATCH_REQUESTS}.`,
      );
    }
    const seen = new Set<string>();
    for (const request of requests) {
      if (seen.has(request.id)) {
        return errorResponse(
          ids,
          400,
          'BadRequest',
          `Batch request ids must be unique; '${request.id}' is repeated.`,
        );
      }
      for (const dependency of request.dependsOn ?? []) {
        // Requiring dependencies to come first also rules out cycles.
        if (!seen.has(dependency)) {
          return errorResponse(
            ids,
            400,
            'BadRequest',
            `Request '${request.id}' depends on unknown or later request '${dependency}'.`,
          );
        }
      }
      seen.add(request.id);
    }

    const results = new Map<string, Promise<GraphResponse>>();
    for (const request of requests) {
      const dependencies = (request.dependsOn ?? []).map((id) => results.get(id) as Promise<GraphResponse>);
      results.set(request.id, this.runOne(input, request, dependencies, tenantId));
    }
    const responses = await Promise.all(requests.map((r) => results.get(r.id) as Promise<GraphResponse>));
    if (responses.some((r) => r.drop)) return { status: 0, headers: {}, body: undefined, drop: true };
    return jsonResponse(ids, 200, {
      responses: requests.map((r, i) => toSubResponse(r.id, responses[i] as GraphResponse)),
    });
  }

  private async runOne(
    input: BatchInput,
    request: SubRequest,
    dependencies: Promise<GraphResponse>[],
    tenantId: string,
  ): Promise<GraphResponse> {
    const settled = await Promise.all(dependencies);
    const seq = this.log.allocateSeq();
    const time = now();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    if (input.headers.authorization) headers.authorization = input.headers.authorization;
    if (input.headers['user-agent'] && !headers['user-agent'])
      headers['user-agent'] = input.headers['user-agent'];
    const batch = { seq: input.seq, id: request.id };
    const method = request.method.toUpperCase();
    const target = subUrl(request.url, input.version);
    if (settled.some((r) => r.status < 200 || r.status > 299) || !target) {
      const subIds = requestIds(headers['client-request-id']);
      const response = target
        ? errorResponse(subIds, 424, 'FailedDependency', 'The request depends on a request that failed.')
        : errorResponse(subIds, 400, 'BadRequest', `Invalid request URL '${request.url}'.`);
      this.log.add({
        seq,
        time,
        side: 'graph',
        method,
        url: request.url,
        version: target?.version ?? input.version,
        path: target?.rawPath ?? request.url,
        query: queryRecord(new URLSearchParams(target?.search ?? '')),
        headers: redactHeaders(headers),
        clientId: undefined,
        tenantId,
        status: response.status,
        workload: null,
        resourceUnits: null,
        retryAfter: null,
        throttled: false,
        earlyRetry: false,
        fault: undefined,
        batch,
        durationMs: now() - time,
        responseBytes: responseBytes(response),
      });
      return response;
    }
    return this.pipeline.execute({
      seq,
      time,
      method,
      version: target.version,
      rawPath: target.rawPath,
      search: target.search,
      url: request.url,
      headers,
      body: request.body,
      origin: input.origin,
      batch,
    });
  }
}
