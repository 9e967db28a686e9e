import type { RestResourceSpec } from '../service-resource-spec.js';

/** What this service's controls read, by the key they name. */
export const sharePointAdminResources = {
  /**
   * The Tenant object behind Get-SPOTenant, on https://{tenant}-admin.sharepoint.com, read with
   * `Accept: application/json;odata=nometadata` (a flat object; enums as numbers).
   */
  sharePointTenant: {
    service: 'sharepointAdmin',
    path: '/_api/Microsoft.Online.SharePoint.TenantAdministration.Tenant',
    kind: 'get',
  },
} as const satisfies Record<string, RestResourceSpec>;
