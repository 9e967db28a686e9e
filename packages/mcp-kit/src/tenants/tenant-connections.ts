// One server process serving many tenants (an MSP's customers): one Graph connection per tenant,
// made on first use from the tenants registry. Graph's throttling limits are per app per tenant, so
// each tenant's connection has a scheduler of its own (a tenant throttled hard holds back nobody
// else), and every scheduler shares one budget of requests in flight: the app's as a whole.
import { resolveTenant, type TenantEntry, type TenantRegistry, tenantEnvironment } from '@m365-mcp/auth';
import { type SchedulerOptions, SharedRequestBudget } from '@m365-mcp/graph-core';
import { type GraphConnection, graphFromEnvironment } from '../cli/graph-from-environment.js';
import type { ToolTenant } from '../tools/tool-context.js';

/** Requests in flight at once across every tenant, unless the server is told otherwise. */
export const defaultMaxRequestsInFlight = 32;

export interface TenantConnectionsOptions {
  registry: TenantRegistry;
  /** The process's environment: the sign-ins' secrets, the M365_*_URL overrides, the cloud. */
  env: Record<string, string | undefined>;
  /** A CA every tenant's endpoints are trusted with (the simulator's in tests and the demo). */
  ca?: string;
  /** Each tenant's scheduler limits (Microsoft's published ones by default). */
  scheduler?: SchedulerOptions;
  /** The app's budget across tenants: requests in flight at once (32 by default). */
  maxRequestsInFlight?: number;
}

/** A tenant's registry entry as a tool sees it. */
export function toolTenantOf(entry: TenantEntry): ToolTenant {
  return { name: entry.name, tenantId: entry.tenantId, displayName: entry.displayName ?? entry.name };
}

export class TenantConnections {
  readonly registry: TenantRegistry;
  /** Shared by every tenant's scheduler. */
  readonly budget: SharedRequestBudget;
  readonly #options: TenantConnectionsOptions;
  readonly #connections = new Map<string, Promise<GraphConnection>>();
  #closed = false;

  constructor(options: TenantConnectionsOptions) {
    this.registry = options.registry;
    this.budget = new SharedRequestBudget(options.maxRequestsInFlight ?? defaultMaxRequestsInFlight);
    this.#options = options;
  }

  /** The registry entry for a name or tenant id; UnknownTenantError (listing valid names) otherwise. */
  resolve(nameOrId: string): ToolTenant {
    return toolTenantOf(resolveTenant(this.registry, nameOrId));
  }

  /**
   * The tenant's connection, made on its first use. Building it reads the tenant's secret (from its
   * variable, file or vault); a failure is not kept, so a fixed secret works on the next call.
   * Signing in happens on the first request, so a tenant whose consent was revoked fails its own
   * calls, never the making of another tenant's connection.
   */
  connection(tenant: ToolTenant): Promise<GraphConnection> {
    if (this.#closed) return Promise.reject(new Error('The tenant connections are closed.'));
    let connection = this.#connections.get(tenant.tenantId);
    if (connection === undefined) {
      connection = this.#connect(tenant);
      this.#connections.set(tenant.tenantId, connection);
      connection.catch(() => this.#connections.delete(tenant.tenantId));
    }
    return connection;
  }

  async #connect(tenant: ToolTenant): Promise<GraphConnection> {
    const entry = resolveTenant(this.registry, tenant.tenantId);
    const { ca, scheduler } = this.#options;
    return graphFromEnvironment(tenantEnvironment(this.registry, entry, this.#options.env), {
      ...(ca === undefined ? {} : { ca }),
      scheduler: { ...scheduler, shared: this.budget },
    });
  }

  /** Closes every connection made so far. */
  async close(): Promise<void> {
    this.#closed = true;
    const made = await Promise.allSettled(this.#connections.values());
    this.#connections.clear();
    await Promise.all(
      made.flatMap((result) =>
        result.status === 'fulfilled' ? [result.value.graph.close(), result.value.admin.close()] : [],
      ),
    );
  }
}
