import type { AdminApis, GraphClient } from '@m365-mcp/graph-core';
import type { ServerConfig } from '../config/server-config.js';

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

/** Logs to stderr (stdout belongs to the protocol) and, when the client listens, as MCP log messages. */
export type ToolLogger = Record<LogLevel, (message: string, data?: Record<string, unknown>) => void>;

/** The tenant a call is for, from the tenants registry (see tenants/tenant-connections.ts). */
export interface ToolTenant {
  /** The registry's short name, e.g. `contoso`. */
  name: string;
  /** The directory (tenant) id, a GUID. */
  tenantId: string;
  /** What reports call the customer (the name when the registry gives none). */
  displayName: string;
}

export interface ToolContext {
  /** This call's tenant's Graph client (the one tenant's without a registry). */
  graph: GraphClient;
  /**
   * The admin APIs beyond Graph (Exchange Online, Security & Compliance, Teams, Fabric, SharePoint
   * admin); absent where the server was built without them.
   */
  admin?: AdminApis;
  config: ServerConfig;
  /**
   * With a tenants registry (M365_TENANTS_FILE or --tenants), the tenant the caller named in the
   * required `tenant` argument; `graph` and `admin` are that tenant's. Undefined without a registry.
   */
  tenant?: ToolTenant;
  /** The server's name, e.g. `m365-security` (for messages that point at its CLI). */
  server: string;
  /** Aborted when the client cancels the call. */
  signal: AbortSignal;
  /** MCP progress notification when the client asked for progress; a no-op otherwise. */
  progress(done: number, total?: number, message?: string): Promise<void>;
  log: ToolLogger;
  /**
   * Makes a tenant string safe to quote (one line; control, bidi and zero-width characters made
   * visible as `[U+202E]`; at most 256 characters unless `maxLength` says otherwise) and marks this
   * call's result as carrying tenant data, so it goes out with the untrusted-data notice.
   */
  tenantText(value: string, maxLength?: number): string;
}
