// Public API of @m365-mcp/graph-core: Microsoft Graph access for every server. Knows nothing of MCP.
// It also holds the contracts every m365-mcp package shares (the finding model, the assessment
// contract, Microsoft's well-known ids), because every package that uses them already depends on it.

/** What createGraphClient and createAdminApis sign in with (@azure/identity's interface). */
export type { TokenCredential } from '@azure/identity';
export type { GraphClientOptions } from './client.js';
export { createGraphClient } from './client.js';
export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export type { CloudName, CloudProfile } from './cloud.js';
export {
  CLOUD_NAMES,
  CloudConfigError,
  cloudProfile,
  fileDownloadHostSuffixes,
  resolveCloud,
  SERVICE_URL_VARIABLES,
} from './cloud.js';
export type { PostureStatus } from './contracts/assessment.js';
export { assessmentMetaKey, postureStatuses, postureStatusSchema } from './contracts/assessment.js';
export type {
  Finding,
  FindingEvidenceValue,
  FindingReference,
  FindingResource,
  FindingSeverity,
  FindingStatus,
} from './contracts/finding.js';
export {
  compareFindingSeverity,
  findingFrameworks,
  findingReferenceSchema,
  findingResourceSchema,
  findingSchema,
  findingSeverities,
  findingSeveritySchema,
  findingStatuses,
  findingStatusSchema,
} from './contracts/finding.js';
export type { DirectoryRoleKey } from './contracts/well-known-ids.js';
export {
  directoryRoleNames,
  directoryRoleTemplateIds,
  guestUserRoleIds,
  microsoftApiAppIds,
  microsoftApiAppRoleIds,
  microsoftGraphAppId,
  scubaPrivilegedRoleIds,
} from './contracts/well-known-ids.js';
export {
  type DirectoryRoleDefinition,
  type RoleDefinitions,
  readRoleDefinitions,
} from './directory/read-role-definitions.js';
export type { DnsFailure } from './dns/dns-errors.js';
export { DnsError } from './dns/dns-errors.js';
export type { DnsReader, DnsReaderOptions } from './dns/dns-reader.js';
export { checkDnsServers, createDnsReader } from './dns/dns-reader.js';
export type { DownloadedContent, DownloadOptions } from './download.js';
export { checkDownloadUrl } from './download.js';
export type { GraphErrorInit } from './errors.js';
export {
  BadRequestError,
  ForbiddenError,
  GraphError,
  NotFoundError,
  redactSecrets,
  ThrottledError,
  TransientError,
  toGraphError,
  UnauthorizedError,
} from './errors.js';
export type {
  BatchOptions,
  BatchRequest,
  BatchResult,
  DeltaResult,
  GraphClient,
  ListOptions,
  ListResult,
  Page,
  PagesSummary,
  ReadOptions,
  RequestOptions,
  StopReason,
} from './graph-client.js';
export type { ComparisonOperator, FilterValue, GuidLiteral, ODataFilter, ValueOptions } from './odata.js';
export { f, literal, ODataFilterError } from './odata.js';
export type { CatalogueData, PathPermissions } from './permissions/catalogue.js';
export {
  appRoleId,
  catalogueEntry,
  catalogueSource,
  isKnownPermission,
  knownPermissions,
  permissionsFor,
} from './permissions/catalogue.js';
export type { GraphVersion, QueryParams } from './request-target.js';
export { graphPath, UntrustedLinkError } from './request-target.js';
export type {
  AdminWorkload,
  GraphWorkload,
  ReleaseSlot,
  RetryBudget,
  SchedulerOptions,
  Workload,
  WorkloadLimits,
} from './scheduler.js';
export {
  DEFAULT_WORKLOAD_LIMITS,
  Scheduler,
  SharedRequestBudget,
  WORKLOADS,
  workloadOf,
} from './scheduler.js';
export type { AdminApis, AdminApisOptions, AdminRequestOptions } from './services/admin-apis.js';
export { createAdminApis } from './services/admin-apis.js';
export type { AdminService, CmdletService, RestService } from './services/admin-service.js';
export { ADMIN_SERVICES } from './services/admin-service.js';
export type { CmdletParameters, CmdletParameterValue } from './services/invoke-command.js';
export {
  ADMIN_SERVICE_NAMES,
  ServiceNotOfferedError,
  serviceEndpoint,
  sharePointAdminHost,
} from './services/service-endpoints.js';
export type { GraphResponseInfo } from './tracking.js';
export { collectRequestIds } from './tracking.js';
export type { HttpMethod } from './transport.js';
