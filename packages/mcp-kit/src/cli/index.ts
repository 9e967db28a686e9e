// @m365-mcp/mcp-kit/cli: a server's command line (what its bin runs) and the pieces other commands
// reuse to sign in and open the audit log the way a server does.

export { type LoadConfigOptions, loadConfig, ServerConfigError } from '../config/load-config.js';
export {
  type ConfigFile,
  type ConfigFlags,
  configFileSchema,
  type ServerConfig,
  serverConfigSchema,
} from '../config/server-config.js';
export type { LazyServer, ServerCard, ServerSource } from '../server/server-card.js';
export { type GraphConnection, graphFromEnvironment } from './graph-from-environment.js';
export { openServerAuditLog } from './open-server-audit-log.js';
export { type RunServerCliOptions, runServerCli } from './run-server-cli.js';
