// The Graph application permissions this server needs, each the least-privileged one Microsoft's
// catalogue lists for the calls behind it (graph-core's `permissionsFor`). Reads and writes apart.
import { definePermissions } from '@m365-mcp/auth';

export const sharepointPermissions = definePermissions('m365-sharepoint', [
  {
    permission: 'SharePointTenantSettings.Read.All',
    reason:
      'Read the tenant sharing settings (GET /admin/sharepoint/settings) for get_sharing_settings and the assessment.',
    access: 'read',
  },
  {
    permission: 'Sites.Read.All',
    reason:
      'List sites (GET /sites/getAllSites, /sites/{host}:/path), their libraries, items (drive delta) and item permissions; ' +
      'least for the site reads, and it also covers the drive reads (their least, Files.Read.All, cannot list sites). ' +
      'It also allows reading file content, which find_sensitive_content uses only when content scanning is switched on.',
    access: 'read',
  },
  {
    permission: 'Organization.Read.All',
    reason:
      "Read the tenant's verified domains (GET /organization) so a share with any of them counts as internal, " +
      'not only with the domain the SharePoint host name suggests. Without it, that guess and settings.internalDomains decide.',
    access: 'read',
  },
  {
    permission: 'Files.ReadWrite.All',
    reason:
      'remove_sharing_link: DELETE /drives/{id}/items/{id}/permissions/{id} (least-privileged for that call). Only with --allow-writes.',
    access: 'write',
  },
]);
