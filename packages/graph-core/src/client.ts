// Builds a GraphClient: graph-client v3's Client with our own middleware chain
// (authentication -> scheduling/retry -> redirects -> undici fetch), so throttling is coordinated
// per workload instead of by graph-client's per-request RetryHandler.

import type { TokenCredential } from '@azure/identity';
import { AuthenticationHandler, Client, RedirectHandler } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { runBatch } from './batch.js';
import type { CloudProfile } from './cloud.js';
import { downloadPreauthenticated } from './download.js';
import type { GraphClient } from './graph-client.js';
import { LazyAgent } from './lazy-undici.js';
import { SchedulingMiddleware } from './middleware/scheduling-middleware.js';
import { UndiciHttpHandler } from './middleware/undici-http-handler.js';
import { collectDelta, collectList, walkPages } from './paging.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';
import { trustWith } from './tls-trust.js';
import type { GraphResponseInfo } from './tracking.js';
import { Transport } from './transport.js';
import { validate } from './validate.js';

export interface GraphClientOptions {
  credential: TokenCredential;
  cloud: CloudProfile;
  /** A PEM certificate to trust in addition to the system's (a simulator or a private endpoint). */
  ca?: string;
  scheduler?: SchedulerOptions | Scheduler;
  /** Aborts every request of this client. */
  signal?: AbortSignal;
  /** Longest wait for one attempt's response and body before it counts as dropped. Default 100 s. */
  timeoutMs?: number;
  /** Called for every Graph response, retries and $batch sub-responses included. */
  onResponse?: (info: GraphResponseInfo) => void;
}

/** Hosts graph-client's AuthenticationHandler already sends tokens to (its GRAPH_URLS). */
const BUILT_IN_GRAPH_HOSTS = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'graph.microsoft.de',
  'microsoftgraph.chinacloudapi.cn',
  'canary.graph.microsoft.com',
]);

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const baseUrl = options.cloud.graphBaseUrl.replace(/\/+$/, '');
  const base = new URL(baseUrl);
  if (base.protocol !== 'https:') throw new Error('The Graph base URL must use https.');
  const scheduler =
    options.scheduler instanceof Scheduler ? options.scheduler : new Scheduler(options.scheduler);
  // Made (and undici loaded) on the first request: see lazy-undici.ts.
  const agent = new LazyAgent({
    keepAliveTimeout: 10_000,
    ...(options.ca === undefined ? {} : { connect: { ca: trustWith(options.ca) } }),
  });
  const middleware = [
    new AuthenticationHandler(
      new TokenCredentialAuthenticationProvider(options.credential, { scopes: [options.cloud.graphScope] }),
    ),
    new SchedulingMiddleware(scheduler, options.onResponse, options.timeoutMs ?? 100_000),
    new RedirectHandler(),
    new UndiciHttpHandler(agent),
  ];
  const client = Client.initWithMiddleware({
    middleware,
    baseUrl,
    defaultVersion: 'v1.0',
    ...(BUILT_IN_GRAPH_HOSTS.has(base.hostname) ? {} : { customHosts: new Set([base.hostname]) }),
  });
  const transport = new Transport(client, baseUrl, options.signal);
  const batchContext = { transport, scheduler, onResponse: options.onResponse };
  // The same agent (TLS trust, keep-alive) as Graph's requests, but none of the token middleware.
  const downloadContext = {
    agent,
    cloud: { ...options.cloud, graphBaseUrl: baseUrl },
    scheduler,
    clientSignal: options.signal,
    timeoutMs: options.timeoutMs ?? 100_000,
    onResponse: options.onResponse,
  };

  return {
    baseUrl,
    async get(path, opts = {}) {
      const response = await transport.send('GET', path, opts);
      return validate(opts.schema, response.body, { method: 'GET', path: response.target.path });
    },
    list: (path, opts = {}) => collectList(transport, path, opts),
    pages: (path, opts = {}) => walkPages(transport, path, { ...opts, guardIds: true }),
    delta: (path, opts = {}) => collectDelta(transport, path, opts),
    async post(path, body, opts = {}) {
      const response = await transport.send('POST', path, { ...opts, body });
      return validate(opts.schema, response.body, { method: 'POST', path: response.target.path });
    },
    async patch(path, body, opts = {}) {
      const response = await transport.send('PATCH', path, { ...opts, body });
      return validate(opts.schema, response.body, { method: 'PATCH', path: response.target.path });
    },
    async put(path, body, opts = {}) {
      const response = await transport.send('PUT', path, { ...opts, body });
      return validate(opts.schema, response.body, { method: 'PUT', path: response.target.path });
    },
    async delete(path, opts = {}) {
      await transport.send('DELETE', path, opts);
    },
    batch: (requests, opts) => runBatch(batchContext, requests, opts),
    downloadPreauthenticated: (url, opts) => downloadPreauthenticated(downloadContext, url, opts),
    close: () => agent.close(),
  };
}
