// One Graph request, plain or inside a $batch, through the same steps Graph takes: authentication,
// routing, permission check, scripted faults, throttling, the route's handler, OData rendering.
// Every request leaves one entry in the request log.

import type { SigningKey } from '../entra/keys.js';
import { verifyAccessToken } from '../entra/tokens.js';
import { userDirectoryRoles } from '../entra/users.js';
import { delegatedPermissionsFor } from '../permissions/delegated-permissions.js';
import { type RoutePermissions, resolveRoutePermissions } from '../permissions/route-permissions.js';
import { graphSchema } from '../schema/graph-schema.js';
import type { HostedTenant } from '../tenants/hosted-tenants.js';
import { requestCost } from './costs.js';
import { userRoleAllows } from './delegated-access.js';
import type { DownloadLinks } from './download-links.js';
import { type Fault, type FaultSchedule, faultError, faultRetryAfter } from './faults.js';
import {
  errorResponse,
  type GraphResponse,
  type RequestIds,
  requestIds,
  responseBytes,
} from './graph-response.js';
import { parseODataQuery } from './odata/query.js';
import { checkQueryAgainstSchema } from './odata/schema-checks.js';
import { renderResult } from './render.js';
import { type InMemoryRequestLog, now, queryRecord, redactHeaders } from './request-log.js';
import {
  GraphSimError,
  type GraphVersion,
  type HttpMethod,
  type RouteContext,
  type RouteDefinition,
  type Workload,
} from './route.js';
import { type CompiledRoute, Router, splitPath } from './router.js';
import type { SkipTokenCodec } from './skiptoken.js';
import { projectorFor } from './version-projection.js';

export interface GraphRequestInput {
  seq: number;
  /** Arrival, epoch ms. */
  time: number;
  method: string;
  version: GraphVersion;
  /** Version-less path as received (still percent-encoded), starting with '/'. */
  rawPath: string;
  /** Query string without '?'. */
  search: string;
  /** What the log shows as the URL. */
  url: string;
  /** Lower-case names. */
  headers: Readonly<Record<string, string>>;
  body: unknown;
  /** The body claimed to be JSON and was not. */
  invalidBody?: boolean;
  origin: string;
  batch: { seq: number; id: string } | undefined;
}

export interface GraphPipelineDeps {
  /** The hosted tenant a bearer token names (its `tid`), which answers the request. */
  tenantFor: (authorization: string | undefined) => HostedTenant;
  routes: readonly RouteDefinition[];
  signingKey: SigningKey;
  codec: SkipTokenCodec;
  downloads: { links: DownloadLinks; contentMode: 'redirect' | 'inline' };
  faults: FaultSchedule;
  log: InMemoryRequestLog;
}

interface Outcome {
  response: GraphResponse;
  clientId?: string;
  tenantId?: string;
  workload?: Workload;
  resourceUnits?: number;
  retryAfter?: number | null;
  throttled?: boolean;
  earlyRetry?: boolean;
  fault?: Fault['kind'];
  user?: { id: string; userPrincipalName: string | undefined };
}

const METHODS = new Set<string>(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

const AUTH_MESSAGES = {
  missing: 'Access token is empty.',
  invalid: 'Access token validation failure. Invalid audience or signature.',
  expired: 'Lifetime validation failed, the token is expired.',
  wrongTenant: 'Access token validation failure: the token was issued for another tenant.',
} as const;

/** Graph's answer when the calling app has no service principal in the tenant (consent revoked). */
const IDENTITY_NOT_FOUND = 'The identity of the calling application could not be established.';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class GraphPipeline {
  readonly router: Router;
  private readonly permissions = new Map<CompiledRoute, RoutePermissions>();

  constructor(private readonly deps: GraphPipelineDeps) {
    this.router = new Router(deps.routes);
    // Resolved now so that a route without permissions fails the start, not its first call.
    for (const compiled of this.router.routes) {
      this.permissions.set(compiled, resolveRoutePermissions(compiled.route));
    }
  }

  /**
   * Checks the bearer token alone (the outer $batch request needs only this), against the hosted
   * tenant its `tid` names; a token whose service principal was deleted there is refused.
   */
  async authenticate(authorization: string | undefined, ids: RequestIds) {
    const host = this.deps.tenantFor(authorization);
    const check = await verifyAccessToken(this.deps.signingKey, host.tenant.id, authorization);
    if (check.ok) {
      if (check.objectId !== undefined && host.deletedServicePrincipals.has(check.objectId)) {
        return {
          ok: false as const,
          response: errorResponse(ids, 401, 'Authorization_IdentityNotFound', IDENTITY_NOT_FOUND),
        };
      }
      return { ...check, host };
    }
    return {
      ok: false as const,
      response: errorResponse(ids, 401, 'InvalidAuthenticationToken', AUTH_MESSAGES[check.reason], {
        'WWW-Authenticate': 'Bearer realm="", error="invalid_token"',
      }),
    };
  }

  async execute(input: GraphRequestInput): Promise<GraphResponse> {
    let outcome: Outcome;
    try {
      outcome = await this.run(input);
    } catch (error) {
      // A route bug must not take the simulator down; it answers like Graph's generic failure.
      process.stderr.write(`graph-sim: ${input.method} ${input.url} failed: ${String(error)}\n`);
      outcome = {
        response: errorResponse(
          requestIds(input.headers['client-request-id']),
          500,
          'generalException',
          'An unexpected error occurred.',
        ),
      };
    }
    this.deps.log.add({
      seq: input.seq,
      time: input.time,
      side: 'graph',
      method: input.method,
      url: input.url,
      version: input.version,
      path: this.displayPath(input.rawPath),
      query: queryRecord(new URLSearchParams(input.search)),
      headers: redactHeaders(input.headers),
      clientId: outcome.clientId,
      tenantId: outcome.tenantId,
      ...(outcome.user === undefined
        ? {}
        : { userId: outcome.user.id, userPrincipalName: outcome.user.userPrincipalName }),
      status: outcome.response.drop ? 0 : outcome.response.status,
      workload: outcome.workload ?? null,
      resourceUnits: outcome.resourceUnits ?? null,
      retryAfter: outcome.retryAfter ?? null,
      throttled: outcome.throttled ?? false,
      earlyRetry: outcome.earlyRetry ?? false,
      fault: outcome.fault,
      batch: input.batch,
      durationMs: now() - input.time,
      responseBytes: responseBytes(outcome.response),
    });
    return outcome.response;
  }

  private displayPath(rawPath: string): string {
    try {
      return `/${splitPath(rawPath).map(decodeURIComponent).join('/')}`;
    } catch {
      return rawPath;
    }
  }

  private async run(input: GraphRequestInput): Promise<Outcome> {
    const ids = requestIds(input.headers['client-request-id']);
    const auth = await this.authenticate(input.headers.authorization, ids);
    if (!auth.ok) return { response: auth.response };
    const { tenant, throttling } = auth.host;
    const clientId = auth.clientId;
    const tenantId = tenant.id;
    const user = auth.user;
    const outcomeOf = (rest: Omit<Outcome, 'clientId' | 'tenantId' | 'user'>): Outcome => ({
      clientId,
      tenantId,
      ...(user === undefined ? {} : { user: { id: user.id, userPrincipalName: user.userPrincipalName } }),
      ...rest,
    });
    if (input.invalidBody) {
      return {
        clientId,
        tenantId,
        response: errorResponse(
          ids,
          400,
          'BadRequest',
          'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
        ),
      };
    }

    let segments: string[];
    try {
      segments = splitPath(input.rawPath).map(decodeURIComponent);
    } catch {
      return {
        clientId,
        tenantId,
        response: errorResponse(ids, 400, 'BadRequest', 'The request URI is not valid.'),
      };
    }
    const path = `/${segments.join('/')}`;
    const match = this.router.match(input.method, input.version, segments);
    if (match.kind === 'notFound') {
      return {
        clientId,
        tenantId,
        response: errorResponse(
          ids,
          400,
          'BadRequest',
          `Resource not found for the segment '${match.segment}'.`,
        ),
      };
    }
    if (match.kind === 'methodNotAllowed' || !METHODS.has(input.method)) {
      return {
        clientId,
        tenantId,
        response: errorResponse(
          ids,
          405,
          'Request_BadRequest',
          'Specified HTTP method is not allowed for the request target.',
        ),
      };
    }
    const { route } = match.compiled;
    const workload = route.workload;
    const permissions = this.permissions.get(match.compiled) as RoutePermissions;
    if (route.delegatedOnly && !user) {
      return outcomeOf({
        workload,
        response: errorResponse(
          ids,
          400,
          'BadRequest',
          '/me request is only valid with delegated authentication flow.',
        ),
      });
    }
    // An app-only token carries application permissions in `roles`; a user token delegated ones in
    // `scp`, and the user must also hold a directory role that allows the call.
    const held = user ? user.scopes : auth.roles;
    const anyOf = user ? delegatedPermissionsFor(route.method, route.path, permissions) : permissions.anyOf;
    const granted = new Set(held.map((r) => r.toLowerCase()));
    const allowed =
      anyOf.some((p) => granted.has(p.toLowerCase())) &&
      (!user || userRoleAllows(input.method, path, workload, userDirectoryRoles(tenant, user.id)));
    if (!allowed) {
      return outcomeOf({
        workload,
        response: errorResponse(
          ids,
          403,
          'Authorization_RequestDenied',
          'Insufficient privileges to complete the operation.',
        ),
      });
    }

    const outcome: Outcome = outcomeOf({
      workload,
      response: errorResponse(ids, 500, 'generalException', ''),
    });
    try {
      const params = new URLSearchParams(input.search);
      const query = parseODataQuery(params);
      checkQueryAgainstSchema(graphSchema(input.version), route, query, input.headers);
      const ctx: RouteContext = {
        method: input.method as HttpMethod,
        version: input.version,
        params: match.params,
        query,
        headers: input.headers,
        body: input.body,
        tenant,
        app: { clientId, roles: held },
        ...(user === undefined ? {} : { user: { id: user.id, userPrincipalName: user.userPrincipalName } }),
        baseUrl: `${input.origin}/${input.version}`,
        downloads: {
          contentMode: this.deps.downloads.contentMode,
          urlFor: (driveId, itemId) =>
            this.deps.downloads.links.urlFor(input.origin, driveId, itemId, undefined, tenantId),
        },
      };
      const cost = requestCost(route, ctx);
      outcome.resourceUnits = cost;
      const arrival = input.time;
      outcome.earlyRetry = throttling.isEarlyRetry(workload, clientId, arrival);

      const fault = this.deps.faults.take({
        method: input.method,
        path,
        inBatch: input.batch !== undefined,
        version: input.version,
      });
      if (fault) outcome.fault = fault.kind;
      if (fault?.kind === 'status') {
        const retryAfter = faultRetryAfter(fault);
        const { code, message } = faultError(fault.status, fault.code);
        outcome.retryAfter = retryAfter;
        if (retryAfter !== null && fault.status === 429)
          throttling.noteRetryAfter(workload, clientId, retryAfter, now());
        outcome.response = errorResponse(
          ids,
          fault.status,
          code,
          message,
          retryAfter === null ? {} : { 'Retry-After': String(retryAfter) },
        );
        return outcome;
      }
      if (fault?.kind === 'drop') {
        outcome.response = { status: 0, headers: {}, body: undefined, drop: true };
        return outcome;
      }
      if (fault?.kind === 'delay') await sleep(fault.ms);

      const decision = throttling.decide(
        { workload, tenantId: tenant.id, clientId, cost, now: arrival },
        outcome.earlyRetry,
      );
      if (decision.throttled) {
        outcome.throttled = true;
        outcome.retryAfter = decision.retryAfter;
        if (decision.retryAfter !== null)
          throttling.noteRetryAfter(workload, clientId, decision.retryAfter, now());
        const headers: Record<string, string> = { ...decision.headers };
        if (decision.retryAfter !== null) headers['Retry-After'] = String(decision.retryAfter);
        outcome.response = errorResponse(ids, 429, decision.code, decision.message, headers);
        return outcome;
      }

      const result = await route.handler(ctx);
      const search = input.search ? `?${input.search}` : '';
      outcome.response = renderResult(
        ids,
        result,
        {
          method: input.method,
          path,
          resourceUrl: `${input.origin}/${input.version}${input.rawPath}`,
          baseUrl: ctx.baseUrl,
          selfUrl: `${input.origin}/${input.version}${input.rawPath}${search}`,
          query,
          route,
          project: projectorFor(input.version, route.method, route.path),
          codec: this.deps.codec,
          nextLinkLoop: fault?.kind === 'nextLinkLoop',
        },
        path.slice(1),
      );
      if (workload === 'directory') outcome.response.headers['x-ms-resource-unit'] = String(cost);
      if (fault?.kind === 'malformed') outcome.response = truncate(outcome.response);
      return outcome;
    } catch (error) {
      if (error instanceof GraphSimError) {
        outcome.response = errorResponse(ids, error.status, error.code, error.message, error.headers);
        return outcome;
      }
      throw error;
    }
  }
}

/** A 200 whose JSON stops halfway: every proper prefix of a JSON object is invalid JSON. */
function truncate(response: GraphResponse): GraphResponse {
  const text = response.body === undefined ? '{"value":[]}' : response.body.toString();
  const cut = Math.max(1, Math.floor(text.length / 2));
  return { ...response, status: 200, body: text.slice(0, Math.min(cut, text.length - 1) || 1) };
}
