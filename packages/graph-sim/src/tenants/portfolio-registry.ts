// The tenants registry a generated portfolio needs (the shape @m365-mcp/auth reads from
// M365_TENANTS_FILE): one multi-tenant app for every tenant, its secret read from
// AZURE_CLIENT_SECRET, never written into the registry.
import type { Tenant } from '../tenant/model.js';

export interface PortfolioRegistryEntry {
  name: string;
  tenantId: string;
  displayName: string;
}

export interface PortfolioRegistry {
  signIn: { clientId: string; secretEnv: string };
  tenants: PortfolioRegistryEntry[];
}

/** `tenant-01` ... `tenant-99`, `tenant-001` ... when there are more: names that sort as they count. */
export function portfolioTenantName(index: number, count: number): string {
  return `tenant-${String(index).padStart(Math.max(2, String(count).length), '0')}`;
}

export function portfolioRegistry(clientId: string, tenants: readonly Tenant[]): PortfolioRegistry {
  return {
    signIn: { clientId, secretEnv: 'AZURE_CLIENT_SECRET' },
    tenants: tenants.map((tenant) => ({
      // The registry's names are [a-z0-9-]: the initial domain's label is one.
      name: tenant.initialDomain.split('.')[0] as string,
      tenantId: tenant.id,
      displayName: tenant.displayName,
    })),
  };
}
