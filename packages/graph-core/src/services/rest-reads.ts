// GETs of the REST admin APIs (Teams, Fabric, SharePoint admin): one document, or every row across
// the service's pages. Rows are a top-level array or `value`; the next page is `@odata.nextLink`
// (OData services), or Fabric's `continuationUri` / `continuationToken`
// (learn.microsoft.com/rest/api/fabric/articles/pagination: the next page is the continuationUri,
// or the same request with `?continuationToken=`).
import { GraphError } from '../errors.js';
import type { AdminWorkload } from '../workload.js';
import type { RestService } from './admin-service.js';
import { serviceUrl, trustedLink } from './service-links.js';
import { type ServiceContext, type ServiceResponse, sendServiceRequest } from './service-request.js';

const MAX_PAGES = 10_000;

export interface RestTarget {
  service: RestService;
  serviceName: string;
  workload: AdminWorkload;
  baseUrl: string;
  scope: string;
}

export async function restGet(
  ctx: ServiceContext,
  target: RestTarget,
  path: string,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const response = await get(ctx, target, serviceUrl(target.baseUrl, path), signal);
  return response.body;
}

export async function restList(
  ctx: ServiceContext,
  target: RestTarget,
  path: string,
  signal: AbortSignal | undefined,
): Promise<unknown[]> {
  const first = serviceUrl(target.baseUrl, path);
  const rows: unknown[] = [];
  const seen = new Set<string>();
  let url = first;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    seen.add(url.href);
    const response = await get(ctx, target, url, signal);
    const body = response.body;
    const value = Array.isArray(body) ? body : isRecord(body) ? body.value : undefined;
    if (!Array.isArray(value)) {
      throw new GraphError({
        status: response.status,
        code: 'unexpectedResponse',
        message: `${target.serviceName}: GET ${first.pathname} is not a list (no array, no "value" array).`,
        method: 'GET',
        path: first.pathname,
        requestId: response.requestId,
      });
    }
    rows.push(...value);
    const next = nextPage(target, first, body);
    if (next === undefined) return rows;
    if (seen.has(next.href)) {
      throw new GraphError({
        status: 200,
        code: 'pagingLoop',
        message: `${target.serviceName}: GET ${first.pathname} handed back a page link it had already given; stopped reading.`,
        method: 'GET',
        path: first.pathname,
        requestId: response.requestId,
      });
    }
    url = next;
  }
  throw new GraphError({
    status: 200,
    code: 'pagingLoop',
    message: `${target.serviceName}: GET ${first.pathname} has more than ${MAX_PAGES} pages; stopped reading.`,
    method: 'GET',
    path: first.pathname,
  });
}

function nextPage(target: RestTarget, first: URL, body: unknown): URL | undefined {
  if (!isRecord(body)) return undefined;
  const link = text(body['@odata.nextLink']) ?? text(body.continuationUri);
  if (link !== undefined) return trustedLink(target.baseUrl, link, target.serviceName);
  const token = text(body.continuationToken);
  if (token === undefined) return undefined;
  const next = new URL(first.href);
  next.searchParams.set('continuationToken', token);
  return next;
}

function get(
  ctx: ServiceContext,
  target: RestTarget,
  url: URL,
  signal: AbortSignal | undefined,
): Promise<ServiceResponse> {
  return sendServiceRequest(ctx, {
    service: target.service,
    serviceName: target.serviceName,
    workload: target.workload,
    method: 'GET',
    url,
    scope: target.scope,
    // SharePoint's REST answers a flat object, without OData annotations, only when asked so.
    headers: {
      Accept: target.service === 'sharepointAdmin' ? 'application/json;odata=nometadata' : 'application/json',
    },
    read: true,
    what: `GET ${url.pathname}`,
    signal,
  });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
