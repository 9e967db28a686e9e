// The Fabric admin REST API, as far as the audit reads it: GET /v1/admin/tenantsettings, paged with
// continuationToken/continuationUri (Microsoft's fabric-rest-api-specs: x-ms-pageable, nextLinkName
// continuationUri, items in `value`), and Fabric's error body `{requestId, errorCode, message}`.
import { randomUUID } from 'node:crypto';
import type { RestHandler, RestRequest, RestResult } from '../service-handler.js';

const TENANT_SETTINGS = '/v1/admin/tenantsettings';

/**
 * Rows a page. Microsoft does not document the page size of this list; a small one makes the demo
 * tenant's list span two pages, so a client that ignores continuationUri misses settings.
 */
export const FABRIC_TENANT_SETTINGS_PAGE_SIZE = 20;

export function fabricError(status: number, errorCode: string, message: string): RestResult {
  return { status, body: { requestId: randomUUID(), errorCode, message } };
}

/** The continuation token is the next row's offset, in base64url, so it reads as opaque. */
function encodeToken(offset: number): string {
  return Buffer.from(`tenantsettings:${offset}`).toString('base64url');
}

function decodeToken(token: string): number | undefined {
  const match = /^tenantsettings:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

function listTenantSettings({ query, tenant, baseUrl }: RestRequest): RestResult {
  const rows = tenant.fabric.tenantSettings;
  const token = query.get('continuationToken');
  let offset = 0;
  if (token !== null) {
    const decoded = decodeToken(token);
    if (decoded === undefined || decoded > rows.length) {
      return fabricError(400, 'InvalidContinuationToken', 'The continuation token is not valid.');
    }
    offset = decoded;
  }
  const end = offset + FABRIC_TENANT_SETTINGS_PAGE_SIZE;
  const body: Record<string, unknown> = { value: structuredClone(rows.slice(offset, end)) };
  if (end < rows.length) {
    const next = encodeToken(end);
    body.continuationToken = next;
    // The service sends an absolute URI; without the base URL the caller used, only the token is
    // sent (a path alone would resolve against the origin and lose the simulator's service prefix).
    if (baseUrl !== undefined) {
      body.continuationUri = `${baseUrl}${TENANT_SETTINGS}?continuationToken=${encodeURIComponent(next)}`;
    }
  }
  return { status: 200, body };
}

export const fabricHandler: RestHandler = (request) => {
  // Fabric's routes do not depend on case in the path's segments.
  const path = request.path.replace(/\/+$/, '').toLowerCase();
  if (path === TENANT_SETTINGS) {
    if (request.method !== 'GET') {
      return fabricError(
        405,
        'MethodNotAllowed',
        `The method ${request.method} is not allowed on ${request.path}.`,
      );
    }
    return listTenantSettings(request);
  }
  return fabricError(404, 'EntityNotFound', `The requested resource ${request.path} could not be found.`);
};
