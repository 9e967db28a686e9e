// The contract between the simulator's engine (HTTP, auth, OData, paging, $batch, throttling,
// faults, request log) and its route modules (one per Graph area, in ../routes). A route module
// only says what a path returns from the tenant model; the engine does everything generic.
import type { Tenant } from '../tenant/model.js';

export type GraphVersion = 'v1.0' | 'beta';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Throttling families, as Microsoft documents them (learn.microsoft.com/graph/throttling-limits and
 * SharePoint's "avoid getting throttled" page). Each has its own budget in the engine.
 */
export type Workload =
  | 'directory' // identity and access: users, groups, roles, apps, policies (resource-unit token bucket)
  | 'identityProtection' // risky users, risk detections, conditional access: ~1 request/s per tenant, no Retry-After
  | 'reports' // identity and access reports: 5 requests / 10 s per app per tenant
  | 'security' // alerts, incidents, secure score: 150 requests / min per app per tenant
  | 'sharepoint' // sites, drives, items, permissions: resource units per minute per app per tenant
  | 'other';

/** The OData query options of a request, decoded. */
export interface ODataQuery {
  top?: number;
  skip?: number;
  select?: string[];
  filter?: string;
  orderby?: string;
  expand?: string;
  count?: boolean;
  search?: string;
  /** Every query parameter as received (decoded), including non-OData ones such as `search` on /sites. */
  raw: URLSearchParams;
}

/** The calling application, from the bearer token. */
export interface CallerApp {
  clientId: string;
  roles: readonly string[];
}

export interface RouteContext {
  method: HttpMethod;
  version: GraphVersion;
  /** Values of the `{name}` segments of the route path, decoded. */
  params: Readonly<Record<string, string>>;
  query: ODataQuery;
  /** Request headers, lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** The parsed JSON body (undefined when there is none). */
  body: unknown;
  tenant: Tenant;
  /** The calling app; for a user (delegated) token `roles` are the token's delegated scopes. */
  app: CallerApp;
  /** The signed-in user of a delegated token (`/me`); undefined for an app-only token. */
  user?: { id: string; userPrincipalName: string | undefined };
  /** Absolute base for links in responses, e.g. `https://127.0.0.1:50123/v1.0`. */
  baseUrl: string;
  /** Pre-authenticated download URLs for file content (what Graph's `/content` redirects to). */
  downloads: FileDownloads;
}

export interface FileDownloads {
  /** `redirect`: `/content` answers 302 to a download URL, as Graph does; `inline`: the bytes themselves. */
  readonly contentMode: 'redirect' | 'inline';
  /** A signed download URL for one file on the simulator's host, valid for the configured lifetime. */
  urlFor(driveId: string, itemId: string): string;
}

export type RouteResult =
  /**
   * A collection: the engine applies $filter, $orderby, $select, $count, $top/$skip and pages it with
   * an opaque $skiptoken in `@odata.nextLink` (page size: `pageSize` of the route, clamped by $top).
   */
  | { kind: 'collection'; items: readonly object[]; context?: string }
  /** One entity, rendered with `@odata.context` (`…/$metadata#<context>/$entity`). */
  | { kind: 'entity'; body: object; context?: string; status?: number }
  /** A delta page: items plus the final `@odata.deltaLink` token the route chose. */
  | { kind: 'delta'; items: readonly object[]; deltaToken: string; context?: string }
  | { kind: 'noContent' }
  /** `302 Found` to `location`, no body (Graph's answer to file `/content`). */
  | { kind: 'redirect'; location: string }
  /** Anything else, sent as given (used for non-OData bodies such as file content). */
  | {
      kind: 'raw';
      status: number;
      body: string | Buffer;
      contentType: string;
      headers?: Record<string, string>;
    };

export interface RouteDefinition {
  method: HttpMethod;
  /** Path relative to the version, with `{name}` placeholders: `/security/incidents/{id}`. Case-insensitive. */
  path: string;
  /** Versions that serve this route (default both). */
  versions?: readonly GraphVersion[];
  workload: Workload;
  /**
   * Resource units this request costs against its workload's budget (default: 1, or the documented
   * cost for the workload: SharePoint multi-item reads 2, permission reads 5, and so on).
   */
  cost?: number | ((ctx: RouteContext) => number);
  /** Server-side page size for collections (Graph differs per endpoint). Default 100. */
  pageSize?: number;
  /** Largest $top honoured (a larger $top is clamped). Default 999. */
  maxPageSize?: number;
  /**
   * Application permissions any one of which allows the call. Default: looked up in Microsoft's
   * catalogue (catalogue.generated.json) by method and path with every `{name}` read as `{id}`.
   */
  permissions?: readonly string[];
  /**
   * Only a user (delegated) token reaches this route (`/me`): an app-only token gets Graph's 400
   * "/me request is only valid with delegated authentication flow.", and an app needs no
   * application permission for it.
   */
  delegatedOnly?: boolean;
  /**
   * Navigation paths this route renders inline with `$expand` (`principal`, `policy/rules`). Graph
   * allows others; graph-sim answers them with 501 rather than a body silently without them.
   */
  expand?: readonly string[];
  /** Properties that $filter may use on this collection; others get 400 like Graph. Default: any. */
  filterable?: readonly string[];
  handler(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

/** Thrown by a route handler to answer with a Graph error body. */
export class GraphSimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphSimError';
  }
}

export function notFound(what: string): GraphSimError {
  return new GraphSimError(404, 'itemNotFound', `${what} was not found.`);
}

export function badRequest(message: string): GraphSimError {
  return new GraphSimError(400, 'invalidRequest', message);
}
