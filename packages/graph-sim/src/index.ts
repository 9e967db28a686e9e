// Public API of @m365-mcp/graph-sim: an HTTPS Microsoft Graph + Entra ID simulator.

export { type DnsSim, startDnsSim } from './dns/dns-server.js';
export { type DnsFault, type DnsZone, emptyDnsZone } from './dns/dns-zone.js';
export { MAX_BATCH_REQUESTS } from './engine/batch.js';
export type { Fault, FaultInjector, FaultMatch, FaultRule, RandomFaultOptions } from './engine/faults.js';
export type { FaultKind, RequestLog, RequestLogEntry } from './engine/request-log.js';
export {
  badRequest,
  type CallerApp,
  type FileDownloads,
  GraphSimError,
  type GraphVersion,
  type HttpMethod,
  notFound,
  type ODataQuery,
  type RouteContext,
  type RouteDefinition,
  type RouteResult,
  type Workload,
} from './engine/route.js';
export type {
  ThrottleBudget,
  ThrottledWorkload,
  ThrottlingControl,
  ThrottlingMode,
} from './engine/throttling.js';
export type { SimApp, SimAppInput } from './entra/apps.js';
export type { ClientCertificate } from './entra/client-certificate.js';
export { createClientCertificate } from './entra/client-certificate.js';
export { appRoleIdOf } from './permissions/catalogue.js';
export { requiredRoles } from './permissions/route-permissions.js';
export { allRoutes } from './routes/index.js';
export {
  type GraphSim,
  type GraphSimOptions,
  type IssueDownloadUrlInput,
  type IssueTokenInput,
  startGraphSim,
} from './server.js';
export * from './tenant/index.js';
