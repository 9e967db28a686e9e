import { resolveTenant, type TenantRegistry, tenantEnvironment } from '@m365-mcp/auth';
import { type GraphClient, SharedRequestBudget } from '@m365-mcp/graph-core';
import { graphFromEnvironment } from '@m365-mcp/mcp-kit/startup';
import { auditServices } from '../tools/support/service-access.js';
import { ComplianceMonitor, type MonitorOptions } from './monitor.js';
import type { MonitorTenant } from './notification.js';
import type { TenantMonitorHandle } from './tenants-monitor.js';

// How `monitor --tenants` reaches each tenant: the registry's sign-in for that tenant turned into the
// environment the one-tenant monitor reads (REGISTRY's tenantEnvironment), and the same Graph and
// admin API connection a server gets from it (graphFromEnvironment). One connection per tenant, so
// tokens, throttling budgets and failures never cross between customers; one budget of requests in
// flight shared by them all, the app's as a whole (as the servers' tenant connections do).

/** Requests in flight at once across every tenant being audited (the servers' default too). */
export const MONITOR_MAX_REQUESTS_IN_FLIGHT = 32;

/** The registry's tenants as the monitor names them. */
export function registryTenants(registry: TenantRegistry): MonitorTenant[] {
  return registry.tenants.map((t) => ({
    name: t.name,
    tenantId: t.tenantId,
    displayName: t.displayName ?? t.name,
  }));
}

/** What every tenant's monitor shares; the connection, tenant and stop signal are added per tenant. */
export type SharedMonitorOptions = Omit<
  MonitorOptions,
  'graph' | 'services' | 'serviceAccess' | 'tenant' | 'signal' | 'remediation'
>;

export interface TenantMonitorOpenerOptions {
  registry: TenantRegistry;
  /** The process environment: its M365_*_URL overrides are kept, its credential variables are not. */
  env: Record<string, string | undefined>;
  /** An extra CA to trust (a simulator's); the CLI relies on NODE_EXTRA_CA_CERTS instead. */
  ca?: string;
  shared: SharedMonitorOptions;
  /** The app's requests in flight across tenants; MONITOR_MAX_REQUESTS_IN_FLIGHT of them by default. */
  budget?: SharedRequestBudget;
  /** Auto-remediation on the tenant's own Graph client (`--allow-writes --remediate`). */
  remediation?: (graph: GraphClient, tenant: MonitorTenant) => MonitorOptions['remediation'];
}

export function tenantMonitorOpener(
  options: TenantMonitorOpenerOptions,
): (tenant: MonitorTenant, signal: AbortSignal) => Promise<TenantMonitorHandle> {
  const budget = options.budget ?? new SharedRequestBudget(MONITOR_MAX_REQUESTS_IN_FLIGHT);
  return async (tenant, signal) => {
    const entry = resolveTenant(options.registry, tenant.name);
    const connection = await graphFromEnvironment(tenantEnvironment(options.registry, entry, options.env), {
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      scheduler: { shared: budget },
    });
    const remediation = options.remediation?.(connection.graph, tenant);
    const monitor = new ComplianceMonitor({
      ...options.shared,
      graph: connection.graph,
      ...auditServices(connection.admin),
      tenant,
      signal,
      ...(remediation ? { remediation } : {}),
    });
    return {
      monitor,
      async close() {
        await Promise.all([connection.graph.close(), connection.admin.close()]);
      },
    };
  };
}
