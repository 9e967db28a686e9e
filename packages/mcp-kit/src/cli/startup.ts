// @m365-mcp/mcp-kit/startup: what a server's start is made of (its configuration, its sign-in to
// Graph, its audit log), for other commands that start the way a server does.

export { type LoadConfigOptions, loadConfig, ServerConfigError } from '../config/load-config.js';
export {
  type ConfigFile,
  type ConfigFlags,
  configFileSchema,
  type ServerConfig,
  serverConfigSchema,
} from '../config/server-config.js';
export {
  defaultMaxRequestsInFlight,
  TenantConnections,
  type TenantConnectionsOptions,
  toolTenantOf,
} from '../tenants/tenant-connections.js';
export { connectTenant, type TenantConnection } from './connect-tenant.js';
export { type GraphConnection, graphFromEnvironment } from './graph-from-environment.js';
export { openServerAuditLog } from './open-server-audit-log.js';
export { loadServedRegistry, tenantsFileFrom } from './tenants-file.js';
