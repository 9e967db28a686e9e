// The download URL that Graph's `/content` redirects to (SharePoint's download.aspx): not a Graph
// route, so no bearer token and no Graph permission check; the signed tempauth is the credential.
// It honours one byte range (206, Content-Range, 416), answers 401 to a forged or expired tempauth
// and 403 to a tempauth used for another file, takes scripted faults like any request (429 with
// Retry-After, drops, delays) and is logged with side `download`.
import { DOWNLOAD_PATH, type DownloadLinks, redactTempauth } from '../../engine/download-links.js';
import { type FaultSchedule, faultError, faultRetryAfter } from '../../engine/faults.js';
import { type GraphResponse, requestIds } from '../../engine/graph-response.js';
import type { RequestLogEntry } from '../../engine/request-log.js';
import { queryRecord, redactHeaders } from '../../engine/request-log.js';
import { GraphSimError } from '../../engine/route.js';
import type { Tenant } from '../../tenant/model.js';
import { fileBody } from './file-bytes.js';
import { findDrive, findItem } from './lookup.js';

export { DOWNLOAD_PATH };

export interface FileDownloadDeps {
  /** The hosted tenant a download URL names (undefined: the simulator's first tenant). */
  tenantFor: (tenantId: string | undefined) => Tenant | undefined;
  links: DownloadLinks;
  faults: FaultSchedule;
}

export interface FileDownloadRequest {
  method: string;
  /** Query string without '?'. */
  search: string;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
}

export function isDownloadPath(pathPart: string): boolean {
  return pathPart.toLowerCase() === DOWNLOAD_PATH.toLowerCase();
}

export interface FileDownloadOutcome {
  response: GraphResponse;
  /** What the request log records beyond the common fields. */
  log: Pick<RequestLogEntry, 'url' | 'query' | 'headers' | 'retryAfter' | 'fault' | 'tenantId'>;
}

export async function serveFileDownload(
  deps: FileDownloadDeps,
  request: FileDownloadRequest,
): Promise<FileDownloadOutcome> {
  const params = new URLSearchParams(request.search);
  const redacted = redactTempauth(params);
  const log: FileDownloadOutcome['log'] = {
    url: `${DOWNLOAD_PATH}?${redacted.toString()}`,
    query: queryRecord(redacted),
    headers: redactHeaders(request.headers),
    retryAfter: null,
    fault: undefined,
    tenantId: undefined,
  };
  const fault = deps.faults.take({ method: request.method, path: DOWNLOAD_PATH, inBatch: false });
  log.fault = fault?.kind;
  if (fault?.kind === 'drop')
    return { response: { status: 0, headers: {}, body: undefined, drop: true }, log };
  if (fault?.kind === 'status') {
    const retryAfter = faultRetryAfter(fault);
    log.retryAfter = retryAfter;
    return {
      response: sharePointError(
        fault.status,
        faultError(fault.status, fault.code).message,
        retryAfter === null ? {} : { 'Retry-After': String(retryAfter) },
      ),
      log,
    };
  }
  if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
  return { response: answer(deps, request, params, log), log };
}

function answer(
  deps: FileDownloadDeps,
  request: FileDownloadRequest,
  params: URLSearchParams,
  log: FileDownloadOutcome['log'],
): GraphResponse {
  if (request.method !== 'GET') return sharePointError(405, 'Only GET downloads a file.', { Allow: 'GET' });
  const grant = deps.links.verify(params);
  if (!grant.ok) {
    if (grant.reason === 'otherItem') return sharePointError(403, 'Access denied.');
    return unauthorized(grant.reason === 'expired' ? 'The token is expired.' : 'The token is not valid.');
  }
  const tenant = deps.tenantFor(grant.tenantId);
  if (!tenant) return unauthorized('The token is not valid.');
  log.tenantId = tenant.id;
  try {
    const item = findItem(findDrive(tenant.sharepoint, grant.driveId), grant.itemId);
    if (item.kind !== 'file') return sharePointError(400, 'The item is a folder; only files have content.');
    const { status, body, headers } = fileBody(item, request.headers.range);
    return {
      status,
      headers: {
        ...spHeaders(),
        'Content-Type': item.mimeType ?? 'application/octet-stream',
        'Cache-Control': 'private',
        ...headers,
      },
      body,
    };
  } catch (error) {
    if (error instanceof GraphSimError) return sharePointError(error.status, error.message, error.headers);
    throw error;
  }
}

function spHeaders(): Record<string, string> {
  const { requestId } = requestIds(undefined);
  return { SPRequestGuid: requestId, 'request-id': requestId, 'X-Content-Type-Options': 'nosniff' };
}

/** SharePoint's REST error shape (not Graph's): `{ error: { code, message: { lang, value } } }`. */
function sharePointError(status: number, message: string, extra: Record<string, string> = {}): GraphResponse {
  const body = JSON.stringify({ error: { code: `${status}`, message: { lang: 'en-US', value: message } } });
  return {
    status,
    headers: { ...spHeaders(), 'Content-Type': 'application/json;odata=verbose;charset=utf-8', ...extra },
    body,
  };
}

/** SharePoint's answer to a bad tempauth: 401 with an `error_description`. */
function unauthorized(description: string): GraphResponse {
  return {
    status: 401,
    headers: {
      ...spHeaders(),
      'Content-Type': 'application/json;charset=utf-8',
      'x-ms-diagnostics': `3000006;reason="${description}";category="invalid_client"`,
    },
    body: JSON.stringify({ error_description: `Invalid tempauth. ${description}` }),
  };
}
