// The front door of the admin APIs beyond Graph, on the simulator's own origin: each service under
// a path prefix that stands for its real host (`/exchange` for https://outlook.office365.com, ...),
// with the paths after it exactly the real service's. Every request is authenticated and
// authorised as that service does, may meet a scripted fault, is answered by the service's module
// (a cmdlet table or a REST handler) and leaves one entry in the request log.

import { type FaultSchedule, faultRetryAfter } from '../engine/faults.js';
import { type InMemoryRequestLog, now, queryRecord, redactHeaders } from '../engine/request-log.js';
import type { SigningKey } from '../entra/keys.js';
import { acceptedAudiences, type SimService } from '../entra/resources.js';
import { verifyBearerToken } from '../entra/tokens.js';
import type { HostedTenant } from '../tenants/hosted-tenants.js';
import { authorise } from './authorise.js';
import { complianceCmdlets } from './compliance/cmdlets.js';
import { exchangeCmdlets } from './exchange/cmdlets.js';
import { defenderCmdlets } from './exchange/defender-cmdlets.js';
import { fabricHandler } from './fabric/handler.js';
import { invokeCommand, invokeCommandPath, isTenantSegment, parseCmdletCall } from './invoke-command.js';
import type { CmdletTable, RestHandler } from './service-handler.js';
import {
  exchangeError,
  faultResponse,
  jsonResponse,
  type ServiceResponse,
  tokenError,
} from './service-responses.js';
import { sharepointAdminHandler } from './sharepoint-admin/handler.js';
import { teamsHandler } from './teams/handler.js';

export type { SimService } from '../entra/resources.js';

/** Each service's path prefix on the simulator's origin. */
export const SERVICE_PREFIXES: Readonly<Record<SimService, string>> = {
  exchange: '/exchange',
  compliance: '/compliance',
  teams: '/teams',
  fabric: '/fabric',
  sharepointAdmin: '/sharepoint-admin',
};

/** The service a request path's first segment names, if any. */
export function serviceOfSegment(segment: string | undefined): SimService | undefined {
  if (!segment) return undefined;
  const lower = `/${segment.toLowerCase()}`;
  return (Object.keys(SERVICE_PREFIXES) as SimService[]).find((s) => SERVICE_PREFIXES[s] === lower);
}

/** The base URLs a client is given, one per service (standing for the real hosts). */
export function serviceUrlsOf(origin: string): Record<SimService, string> {
  return Object.fromEntries(
    (Object.keys(SERVICE_PREFIXES) as SimService[]).map((s) => [s, `${origin}${SERVICE_PREFIXES[s]}`]),
  ) as Record<SimService, string>;
}

/** What answers an authorised request, per service (tests may pass fixture tables and handlers). */
export interface ServiceHandlers {
  /** Exchange Online's cmdlets, its Defender / EOP policy cmdlets included. */
  exchangeCmdlets: CmdletTable;
  complianceCmdlets: CmdletTable;
  teams: RestHandler;
  fabric: RestHandler;
  sharepointAdmin: RestHandler;
}

export function defaultServiceHandlers(): ServiceHandlers {
  return {
    exchangeCmdlets: { ...exchangeCmdlets, ...defenderCmdlets },
    complianceCmdlets,
    teams: teamsHandler,
    fabric: fabricHandler,
    sharepointAdmin: sharepointAdminHandler,
  };
}

export interface ServiceDeps {
  /** The hosted tenant a bearer token names (its `tid`), which answers the request. */
  tenantFor: (authorization: string | undefined) => HostedTenant;
  signingKey: SigningKey;
  faults: FaultSchedule;
  log: InMemoryRequestLog;
  handlers: ServiceHandlers;
}

export interface ServiceRequest {
  seq: number;
  time: number;
  service: SimService;
  method: string;
  /** The full path as received (prefix included), decoded. */
  path: string;
  /** Decoded segments after the prefix. */
  segments: readonly string[];
  search: string;
  url: string;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
  origin: string;
}

interface Outcome {
  response: ServiceResponse;
  clientId?: string;
  tenantId?: string;
  cmdlet?: string;
  retryAfter?: number | null;
  fault?: 'status' | 'delay' | 'drop' | 'malformed' | 'nextLinkLoop';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A 200 whose JSON stops halfway. */
function truncate(response: ServiceResponse): ServiceResponse {
  const text = response.body ?? '{"value":[]}';
  return { ...response, status: 200, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
}

function notFound(service: SimService, path: string): ServiceResponse {
  if (service === 'exchange' || service === 'compliance') {
    return exchangeError(
      404,
      'NotFound',
      `No resource at ${path}: the admin API is POST /adminapi/beta/{tenant}/InvokeCommand.`,
    );
  }
  return jsonResponse(404, { error: { code: 'NotFound', message: `No resource at ${path}.` } });
}

async function run(deps: ServiceDeps, request: ServiceRequest): Promise<Outcome> {
  const host = deps.tenantFor(request.headers.authorization);
  const tenant = host.tenant;
  const { service, headers } = request;
  const accept = headers.accept;
  const check = await verifyBearerToken(
    deps.signingKey,
    tenant.id,
    headers.authorization,
    acceptedAudiences(tenant, service),
  );
  // A token of a service principal deleted since (consent revoked) is no longer valid for the tenant.
  const problem = !check.ok
    ? check.reason
    : check.objectId !== undefined && host.deletedServicePrincipals.has(check.objectId)
      ? 'invalid'
      : undefined;
  if (!check.ok || problem !== undefined) {
    return {
      response: tokenError(service, problem ?? 'invalid', {
        origin: request.origin,
        tenantId: tenant.id,
        accept,
      }),
    };
  }
  const clientId = check.clientId;
  const tenantId = tenant.id;
  const refusal = authorise(
    {
      service,
      method: request.method,
      tenant,
      grant: (id) => host.grants.get(id.toLowerCase()),
      origin: request.origin,
      accept,
    },
    check,
  );
  if (refusal) return { clientId, tenantId, response: refusal };

  const cmdletService = service === 'exchange' || service === 'compliance';
  let cmdlet: string | undefined;
  let call: ReturnType<typeof parseCmdletCall> | undefined;
  const invoke = cmdletService ? invokeCommandPath(request.segments) : undefined;
  if (cmdletService) {
    if (!invoke) return { clientId, tenantId, response: notFound(service, request.path) };
    if (request.method !== 'POST') {
      return {
        clientId,
        tenantId,
        response: exchangeError(405, 'MethodNotAllowed', 'InvokeCommand accepts POST only.'),
      };
    }
    if (!isTenantSegment(tenant, invoke.tenant)) {
      return {
        clientId,
        tenantId,
        response: exchangeError(
          401,
          'Unauthorized',
          `The tenant '${invoke.tenant}' in the request URL is not the tenant of the access token.`,
        ),
      };
    }
    call = parseCmdletCall(request.body);
    if ('status' in call) return { clientId, tenantId, response: call };
    cmdlet = call.cmdlet;
  }

  const outcome: Outcome = {
    clientId,
    tenantId,
    ...(cmdlet === undefined ? {} : { cmdlet }),
    response: jsonResponse(500, {}),
  };
  const fault = deps.faults.take({
    method: request.method,
    path: request.path,
    inBatch: false,
    ...(cmdlet === undefined ? {} : { cmdlet }),
  });
  if (fault) outcome.fault = fault.kind;
  if (fault?.kind === 'status') {
    const retryAfter = faultRetryAfter(fault);
    outcome.retryAfter = retryAfter;
    outcome.response = faultResponse(service, fault.status, retryAfter, accept);
    return outcome;
  }
  if (fault?.kind === 'drop') {
    outcome.response = { status: 0, headers: {}, body: undefined, drop: true };
    return outcome;
  }
  if (fault?.kind === 'delay') await sleep(fault.ms);

  if (invoke && call && !('status' in call)) {
    outcome.response = invokeCommand(
      {
        tenant,
        table: service === 'exchange' ? deps.handlers.exchangeCmdlets : deps.handlers.complianceCmdlets,
        baseUrl: `${request.origin}${SERVICE_PREFIXES[service]}/adminapi/${invoke.version}/${invoke.tenant}`,
        search: request.search,
        prefer: headers.prefer,
        nextLinkLoop: fault?.kind === 'nextLinkLoop',
      },
      call,
    );
  } else {
    const handler =
      service === 'teams'
        ? deps.handlers.teams
        : service === 'fabric'
          ? deps.handlers.fabric
          : deps.handlers.sharepointAdmin;
    const result = handler({
      method: request.method,
      path: `/${request.segments.join('/')}`,
      query: new URLSearchParams(request.search),
      tenant,
    });
    outcome.response = jsonResponse(result.status, result.body, result.headers ?? {});
  }
  if (fault?.kind === 'malformed') outcome.response = truncate(outcome.response);
  return outcome;
}

/** Answers one request to an admin API and logs it (side = the service). */
export async function handleServiceRequest(
  deps: ServiceDeps,
  request: ServiceRequest,
): Promise<ServiceResponse> {
  let outcome: Outcome;
  try {
    outcome = await run(deps, request);
  } catch (error) {
    process.stderr.write(`graph-sim: ${request.method} ${request.url} failed: ${String(error)}\n`);
    outcome = {
      response: jsonResponse(500, {
        error: { code: 'InternalServerError', message: 'An unexpected error occurred.' },
      }),
    };
  }
  deps.log.add({
    seq: request.seq,
    time: request.time,
    side: request.service,
    method: request.method,
    url: request.url,
    version: null,
    path: request.path,
    query: queryRecord(new URLSearchParams(request.search)),
    headers: redactHeaders(request.headers),
    clientId: outcome.clientId,
    tenantId: outcome.tenantId,
    status: outcome.response.drop ? 0 : outcome.response.status,
    workload: null,
    resourceUnits: null,
    retryAfter: outcome.retryAfter ?? null,
    throttled: false,
    earlyRetry: false,
    fault: outcome.fault,
    batch: undefined,
    durationMs: now() - request.time,
    responseBytes: outcome.response.body === undefined ? 0 : Buffer.byteLength(outcome.response.body),
    ...(outcome.cmdlet === undefined ? {} : { cmdlet: outcome.cmdlet }),
  });
  return outcome.response;
}
