import type { AdminService, CloudProfile } from '@m365-mcp/graph-core';
import type { ServiceRequirement } from './manifest.js';

// The scope `check` asks Entra for to see a service's token. TEMPORARY home: graph-core's admin API
// readers (src/services/) will own these, and this one function then defers to them.

/** The resources the readers call in the global cloud, as they name them in their scopes. */
const globalResources: Readonly<Record<AdminService, string | undefined>> = {
  exchange: 'https://outlook.office365.com',
  // A service principal name of Office 365 Exchange Online: its tokens carry Exchange's app roles.
  compliance: 'https://ps.compliance.protection.outlook.com',
  teams: undefined,
  fabric: 'https://analysis.windows.net/powerbi/api',
  // The admin host is the tenant's own (contoso-admin.sharepoint.com), which `check` does not know;
  // a token for SharePoint's application id carries the same app roles.
  sharepointAdmin: undefined,
};

/**
 * `<resource>/.default` for a service. Outside the global cloud, and where the reader's host is
 * the tenant's own, the API's application id names it: Entra's app roles belong to the API, not
 * to a host, so the roles `check` reads are the ones the reader's token will carry.
 */
export function serviceTokenScope(requirement: ServiceRequirement, cloud: CloudProfile): string {
  const resource = cloud.name === 'global' ? globalResources[requirement.service] : undefined;
  return `${resource ?? requirement.resourceAppId}/.default`;
}
