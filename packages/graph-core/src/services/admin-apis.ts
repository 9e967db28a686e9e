// The admin APIs beyond Microsoft Graph, behind one interface with the Graph client's rules (typed
// errors with request ids, retries within a budget, a scheduler lane per service, a per-attempt
// timeout, abort, response tracking). Nothing happens until the first call: no token, no undici,
// no Graph read (the SharePoint admin host needs the tenant's initial domain, read once).
import type { TokenCredential } from '@azure/identity';
import type { CloudProfile } from '../cloud.js';
import type { GraphClient } from '../graph-client.js';
import { LazyAgent } from '../lazy-undici.js';
import { Scheduler, type SchedulerOptions } from '../scheduler.js';
import { trustWith } from '../tls-trust.js';
import type { GraphResponseInfo } from '../tracking.js';
import type { AdminWorkload } from '../workload.js';
import type { AdminService, CmdletService, RestService } from './admin-service.js';
import { type CmdletParameters, invokeCmdlet } from './invoke-command.js';
import { restGet, restList } from './rest-reads.js';
import { ADMIN_SERVICE_NAMES, serviceEndpoint, sharePointAdminHost } from './service-endpoints.js';
import { type ServiceContext, tokenError } from './service-request.js';
import { initialDomainOf, tenantIdOfToken } from './tenant-facts.js';

export interface AdminApisOptions {
  credential: TokenCredential;
  cloud: CloudProfile;
  /** The tenant the InvokeCommand path names; read from the token's `tid` claim when absent. */
  tenantId?: string;
  /** A PEM certificate to trust in addition to the system's (a simulator or a private endpoint). */
  ca?: string;
  /** Share the Graph client's Scheduler to share its budget; each service has its own lane. */
  scheduler?: SchedulerOptions | Scheduler;
  /** Aborts every request of these APIs. */
  signal?: AbortSignal;
  /** Longest wait for one attempt's response and body. Default 100 s. */
  timeoutMs?: number;
  /** Called for every response, retries included (`service` says which API). */
  onResponse?: (info: GraphResponseInfo) => void;
  /** Reads `/organization` once for the tenant's initial domain: the SharePoint admin host. */
  graph?: Pick<GraphClient, 'get'>;
}

export interface AdminRequestOptions {
  signal?: AbortSignal;
}

export interface AdminApis {
  /** Every row a read cmdlet writes, across all pages (Exchange Online or Security & Compliance). */
  invokeCmdlet<T = Record<string, unknown>>(
    service: CmdletService,
    cmdlet: string,
    parameters?: CmdletParameters,
    options?: AdminRequestOptions,
  ): Promise<T[]>;
  /** The JSON document at a path of a REST admin API (relative to its base URL). */
  get<T = unknown>(service: RestService, path: string, options?: AdminRequestOptions): Promise<T>;
  /** Every row of a REST admin API's collection, across its pages. */
  list<T = unknown>(service: RestService, path: string, options?: AdminRequestOptions): Promise<T[]>;
  /**
   * Tells these APIs the tenant's initial domain (`contoso.onmicrosoft.com`) when the caller has read
   * `/organization` already, so the SharePoint admin host costs no read of its own.
   */
  knowInitialDomain(domain: string): void;
  /** Closes the connections (nothing to close if no request was sent). */
  close(): Promise<void>;
}

const WORKLOAD_OF: Readonly<Record<AdminService, AdminWorkload>> = {
  exchange: 'exchange',
  compliance: 'compliance',
  teams: 'teamsAdmin',
  fabric: 'fabricAdmin',
  sharepointAdmin: 'sharepointAdmin',
};

interface Located {
  baseUrl: string;
  scope: string;
}

export function createAdminApis(options: AdminApisOptions): AdminApis {
  const scheduler =
    options.scheduler instanceof Scheduler ? options.scheduler : new Scheduler(options.scheduler);
  const agent = new LazyAgent({
    keepAliveTimeout: 10_000,
    ...(options.ca === undefined ? {} : { connect: { ca: trustWith(options.ca) } }),
  });
  const { credential, cloud } = options;
  let tenantId: string | undefined = options.tenantId;

  // The audit reads a service's resources at once: they share one token request per scope rather
  // than each asking Entra while the first answer is on its way (the credential caches it after).
  const pendingTokens = new Map<string, ReturnType<TokenCredential['getToken']>>();
  const tokenOnce = (
    scope: string,
    signal: AbortSignal | undefined,
  ): ReturnType<TokenCredential['getToken']> => {
    const pending = pendingTokens.get(scope);
    if (pending !== undefined) return pending;
    const request = credential.getToken(scope, signal === undefined ? {} : { abortSignal: signal });
    pendingTokens.set(scope, request);
    const forget = () => pendingTokens.delete(scope);
    request.then(forget, forget);
    return request;
  };

  const context: ServiceContext = {
    agent,
    scheduler,
    clientSignal: options.signal,
    timeoutMs: options.timeoutMs ?? 100_000,
    onResponse: options.onResponse,
    async token(scope, serviceName, signal) {
      let token: Awaited<ReturnType<TokenCredential['getToken']>>;
      try {
        token = await tokenOnce(scope, signal);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw tokenError(serviceName, scope, error);
      }
      if (token === null || token.token === '')
        throw tokenError(serviceName, scope, 'the credential gave none');
      tenantId ??= tenantIdOfToken(token.token);
      return token.token;
    },
  };

  // The SharePoint admin host is the tenant's own: found once, then kept (a failure is not kept).
  const sharePointSuffix =
    serviceEndpoint(cloud.name, 'sharepointAdmin').sharePointSuffix ?? 'sharepoint.com';
  let sharePointHost: Promise<string> | undefined;
  const adminHost = (signal: AbortSignal | undefined): Promise<string> => {
    if (sharePointHost !== undefined) return sharePointHost;
    const graph = options.graph;
    if (graph === undefined) {
      return Promise.reject(
        new Error(
          'The SharePoint admin API needs the tenant’s initial domain, and these admin APIs were given no Graph client to read it.',
        ),
      );
    }
    sharePointHost = initialDomainOf(graph, signal).then((domain) =>
      sharePointAdminHost(domain, sharePointSuffix),
    );
    sharePointHost.catch(() => {
      sharePointHost = undefined;
    });
    return sharePointHost;
  };

  const locate = async (service: AdminService, signal: AbortSignal | undefined): Promise<Located> => {
    const endpoint = serviceEndpoint(cloud.name, service);
    const override = cloud.serviceUrls?.[service];
    if (typeof endpoint.scope === 'string') {
      return { baseUrl: override ?? endpoint.baseUrl ?? '', scope: endpoint.scope };
    }
    const host = await adminHost(signal);
    return { baseUrl: override ?? `https://${host}`, scope: endpoint.scope(host) };
  };

  const restTarget = async (service: RestService, signal: AbortSignal | undefined) => ({
    service,
    serviceName: ADMIN_SERVICE_NAMES[service],
    workload: WORKLOAD_OF[service],
    ...(await locate(service, signal)),
  });

  return {
    async invokeCmdlet<T>(
      service: CmdletService,
      cmdlet: string,
      parameters: CmdletParameters = {},
      request: AdminRequestOptions = {},
    ): Promise<T[]> {
      const located = await locate(service, request.signal);
      const serviceName = ADMIN_SERVICE_NAMES[service];
      // The path names the tenant: learn it from a token first when it was not given.
      if (tenantId === undefined) await context.token(located.scope, serviceName, request.signal);
      const rows = await invokeCmdlet(
        context,
        { service, serviceName, ...located, tenantId: tenantId ?? '' },
        cmdlet,
        parameters,
        request.signal,
      );
      return rows as T[];
    },
    async get<T>(service: RestService, path: string, request: AdminRequestOptions = {}): Promise<T> {
      return (await restGet(context, await restTarget(service, request.signal), path, request.signal)) as T;
    },
    async list<T>(service: RestService, path: string, request: AdminRequestOptions = {}): Promise<T[]> {
      return (await restList(
        context,
        await restTarget(service, request.signal),
        path,
        request.signal,
      )) as T[];
    },
    knowInitialDomain(domain) {
      sharePointHost ??= Promise.resolve(sharePointAdminHost(domain, sharePointSuffix));
    },
    close: () => agent.close(),
  };
}
