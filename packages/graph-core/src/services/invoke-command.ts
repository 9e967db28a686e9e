// Exchange Online's and Security & Compliance's cmdlets over their REST admin API, as the
// ExchangeOnlineManagement module (v3) runs them: `POST {base}/adminapi/beta/{tenantId}/InvokeCommand`
// with `{"CmdletInput":{"CmdletName":…,"Parameters":{…}}}`, the module's routing headers, and pages
// of `value` linked by `@odata.nextLink` (the same body posted to each link).
import { randomUUID } from 'node:crypto';
import { GraphError } from '../errors.js';
import type { CmdletService } from './admin-service.js';
import { trustedLink } from './service-links.js';
import { type ServiceContext, sendServiceRequest } from './service-request.js';

/** A cmdlet parameter's value, as the InvokeCommand body carries it. */
export type CmdletParameterValue = string | number | boolean | readonly string[];
export type CmdletParameters = Readonly<Record<string, CmdletParameterValue>>;

/**
 * The mailbox app-only requests are routed by: the organisation's system mailbox, whose id is the
 * same in every tenant (the module's own anchor for app-only sessions).
 */
const SYSTEM_MAILBOX = 'SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}';
/** Rows a page holds at most, asked for with `Prefer: odata.maxpagesize`. */
const PAGE_SIZE = 1000;
/** A cmdlet listing more pages than this is looping, not large. */
const MAX_PAGES = 10_000;

const CMDLET_NAME = /^[A-Z][A-Za-z]+-[A-Za-z0-9]+$/;
const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

export interface InvokeTarget {
  service: CmdletService;
  serviceName: string;
  baseUrl: string;
  scope: string;
  tenantId: string;
}

export async function invokeCmdlet(
  ctx: ServiceContext,
  target: InvokeTarget,
  cmdlet: string,
  parameters: CmdletParameters,
  signal: AbortSignal | undefined,
): Promise<Record<string, unknown>[]> {
  checkCmdlet(cmdlet, parameters);
  const body = JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } });
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    Prefer: `odata.maxpagesize=${PAGE_SIZE}`,
    'X-CmdletName': cmdlet,
    'X-ClientApplication': 'ExoManagementModule',
    'X-ResponseFormat': 'json',
    'X-AnchorMailbox': `APP:${SYSTEM_MAILBOX}@${target.tenantId}`,
    'client-request-id': randomUUID(),
  };
  // Only Get- cmdlets are reads; anything else must not be sent twice.
  const read = cmdlet.startsWith('Get-');
  const rows: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let url = new URL(`${target.baseUrl}/adminapi/beta/${encodeURIComponent(target.tenantId)}/InvokeCommand`);
  for (let page = 0; page < MAX_PAGES; page += 1) {
    seen.add(url.href);
    const response = await sendServiceRequest(ctx, {
      service: target.service,
      serviceName: target.serviceName,
      workload: target.service,
      method: 'POST',
      url,
      scope: target.scope,
      headers,
      body,
      read,
      what: cmdlet,
      cmdlet,
      signal,
    });
    const envelope = response.body;
    const value = isRecord(envelope) ? envelope.value : undefined;
    if (!Array.isArray(value)) {
      throw new GraphError({
        status: response.status,
        code: 'unexpectedResponse',
        message: `${target.serviceName}: ${cmdlet} answered without a "value" array.`,
        method: 'POST',
        path: url.pathname,
        requestId: response.requestId,
      });
    }
    for (const row of value) if (isRecord(row)) rows.push(row);
    const next = isRecord(envelope) ? envelope['@odata.nextLink'] : undefined;
    if (typeof next !== 'string' || next === '') return rows;
    url = trustedLink(target.baseUrl, next, target.serviceName);
    if (seen.has(url.href)) throw loop(target.serviceName, cmdlet, url.pathname, response.requestId);
  }
  throw loop(target.serviceName, cmdlet, url.pathname, undefined);
}

function checkCmdlet(cmdlet: string, parameters: CmdletParameters): void {
  if (!CMDLET_NAME.test(cmdlet)) {
    throw new GraphError({
      status: 0,
      code: 'invalidCmdlet',
      message: `"${cmdlet.slice(0, 80)}" is not a cmdlet name (Verb-Noun, e.g. Get-OrganizationConfig).`,
    });
  }
  for (const name of Object.keys(parameters)) {
    if (!PARAMETER_NAME.test(name)) {
      throw new GraphError({
        status: 0,
        code: 'invalidCmdlet',
        message: `${cmdlet}: "${name.slice(0, 80)}" is not a parameter name.`,
      });
    }
  }
}

function loop(serviceName: string, cmdlet: string, path: string, requestId: string | undefined): GraphError {
  return new GraphError({
    status: 200,
    code: 'pagingLoop',
    message: `${serviceName}: ${cmdlet} handed back a next-page link it had already given; stopped reading.`,
    method: 'POST',
    path,
    requestId,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
