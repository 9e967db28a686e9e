import type { AuditEntryInput } from '@m365-mcp/audit-log';
import type { AdminApis, GraphClient } from '@m365-mcp/graph-core';
import type { ServerConfig } from '../config/server-config.js';
import type { HttpCaller } from '../http/principal.js';
import type { TaskStore } from '../tasks/task-store.js';
import type { TenantConnections } from '../tenants/tenant-connections.js';
import type { ToolTenant } from '../tools/tool-context.js';
import type { PlanStore } from '../writes/plan-store.js';
import type { ClientLogLevel } from './client-log-level.js';
import type { KitMcpServer } from './kit-mcp-server.js';
import type { StderrWrite } from './logger.js';

/** Where audit lines go: @m365-mcp/audit-log's AuditLog, or anything with the same append. */
export interface AuditSink {
  append(entry: AuditEntryInput): Promise<unknown>;
}

/**
 * Graph on behalf of the signed-in user (OAuth 2.0 on-behalf-of): each call of a caller who
 * presented an access token gets connections made with that user's rights instead of the app's.
 */
export interface DelegatedConnectionSource {
  connection(
    caller: HttpCaller,
    tenant: ToolTenant | undefined,
  ): Promise<{ graph: GraphClient; admin: AdminApis | undefined }>;
}

export interface ServerDeps {
  /** The one tenant's Graph client; required unless `tenants` is given. */
  graph?: GraphClient;
  /** The admin APIs beyond Graph, for the servers whose tools read them (the compliance audit). */
  admin?: AdminApis;
  /**
   * Many tenants (a tenants registry): every tool takes a required `tenant`, and each call gets
   * that tenant's connection (graph, admin) from here instead of `graph` and `admin`.
   */
  tenants?: TenantConnections;
  auditLog: AuditSink;
  config: ServerConfig;
  allowWrites: boolean;
  /** Who is calling: the OS user on stdio (the default), a token subject over HTTP. */
  caller?: string;
  /** Session id for the audit log when the transport has none (stdio); random by default. */
  session?: string;
  /** Where log lines go; stderr by default (stdout belongs to the protocol). */
  stderr?: StderrWrite;
  /** How long a write plan stays valid; 15 minutes by default. */
  planTtlMs?: number;
  /**
   * The write plans, one store per server process: over HTTP a server instance is built for each
   * request (SDK v2, stateless), so a plan made by one request must be found by the next. Without
   * it, the instances that share one audit log share one store (see create-server.ts).
   */
  plans?: PlanStore;
  /** With on-behalf-of (HTTP with Entra sign-in): a caller with an assertion calls Graph as itself. */
  delegated?: DelegatedConnectionSource;
  /**
   * The tasks of the long tools (MCP Tasks extension), one store per server process for the same
   * reason as `plans`. Without it, the instances that share one audit log share one store.
   */
  tasks?: TaskStore;
}

/** What every tool call of one server instance shares. */
export interface ServerRuntime {
  name: string;
  server: KitMcpServer;
  deps: ServerDeps;
  caller: string;
  session: string;
  plans: PlanStore;
  tasks: TaskStore;
  /** The MCP logging level this server's client asked for (one client session per server). */
  logLevel: ClientLogLevel;
}
