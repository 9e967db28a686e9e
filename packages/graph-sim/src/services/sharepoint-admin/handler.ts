// The SharePoint admin REST API on https://{tenant}-admin.sharepoint.com, as far as the audit reads
// it: the Tenant object behind Get-SPOTenant, at `_api/Microsoft.Online.SharePoint.
// TenantAdministration.Tenant` (and its short alias `_api/SPO.Tenant`), in the JSON light form
// (`odata=nometadata`), with `$select`; errors in SharePoint's `odata.error` body.
import type { RestHandler, RestResult } from '../service-handler.js';
import { tenantObject } from './tenant-object.js';

const TENANT_TYPE = 'Microsoft.Online.SharePoint.TenantAdministration.Tenant';
/** SharePoint's REST paths ignore case. */
const TENANT_PATHS = new Set([`/_api/${TENANT_TYPE}`.toLowerCase(), '/_api/spo.tenant']);

export function sharePointError(status: number, exception: string, message: string): RestResult {
  return {
    status,
    body: { 'odata.error': { code: `-1, ${exception}`, message: { lang: 'en-US', value: message } } },
  };
}

export const sharepointAdminHandler: RestHandler = ({ method, path, query, tenant }) => {
  if (!TENANT_PATHS.has(path.replace(/\/+$/, '').toLowerCase())) {
    const resource = path.replace(/^\/_api\/?/i, '');
    return sharePointError(
      404,
      'Microsoft.SharePoint.Client.ResourceNotFoundException',
      `Cannot find resource for the request ${resource}.`,
    );
  }
  if (method !== 'GET') {
    return sharePointError(
      405,
      'Microsoft.SharePoint.Client.ClientServiceException',
      `The HTTP method '${method}' cannot be used to access the resource '${TENANT_TYPE}'.`,
    );
  }
  const tenantProperties = tenantObject(tenant);
  const select = query.get('$select');
  if (select === null || select.trim() === '') return { status: 200, body: tenantProperties };
  const picked: Record<string, unknown> = {};
  for (const name of select
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)) {
    // Property names match without regard to case, and come back as the type spells them.
    const actual = Object.keys(tenantProperties).find((k) => k.toLowerCase() === name.toLowerCase());
    if (actual === undefined) {
      return sharePointError(
        400,
        'Microsoft.SharePoint.Client.InvalidClientQueryException',
        `The property '${name}' does not exist on type '${TENANT_TYPE}'. Make sure to only use property names that are defined by the type.`,
      );
    }
    picked[actual] = tenantProperties[actual];
  }
  return { status: 200, body: picked };
};
