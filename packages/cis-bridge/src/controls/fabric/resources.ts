import type { RestResourceSpec } from '../service-resource-spec.js';

/** What this service's controls read, by the key they name. */
export const fabricResources = {
  /** Every Fabric tenant setting (GET /v1/admin/tenantsettings, across continuation pages). */
  fabricTenantSettings: { service: 'fabric', path: '/v1/admin/tenantsettings', kind: 'list' },
} as const satisfies Record<string, RestResourceSpec>;
