// Where each admin API beyond Graph lives in each Microsoft cloud, and the scope its app-only token is
// asked for. Sources: Exchange Online's -ExchangeEnvironmentName hosts and Security & Compliance's
// -ConnectionUri per cloud (learn.microsoft.com/powershell/module/exchangepowershell/connect-ippssession,
// .../connect-exchangeonline); Fabric's REST reference (learn.microsoft.com/rest/api/fabric); the
// SharePoint admin host per cloud (https://{tenant}-admin.sharepoint.com and its national suffixes).
// The Teams admin API's hosts are those the MicrosoftTeams module talks to; its token audience is
// the Skype and Teams Tenant Admin API's app id in every cloud.
import type { CloudName } from '../cloud.js';
import { microsoftApiAppIds } from '../contracts/well-known-ids.js';
import type { AdminService } from './admin-service.js';

/** An admin API's endpoint in one cloud: a fixed base URL, or one built from the tenant's initial domain. */
export interface ServiceEndpoint {
  /** No trailing slash. Absent for SharePoint admin, whose host is the tenant's own. */
  baseUrl?: string;
  /** The scope the token is asked for (`<resource>/.default`); a function of the admin host for SharePoint. */
  scope: string | ((adminHost: string) => string);
  /** SharePoint admin: the host's domain suffix, e.g. `sharepoint.com` for contoso-admin.sharepoint.com. */
  sharePointSuffix?: string;
}

/** A service Microsoft does not run in a cloud: `undefined`. */
type CloudEndpoints = Readonly<Record<AdminService, ServiceEndpoint | undefined>>;

const teamsScope = `${microsoftApiAppIds.teamsTenantAdmin}/.default`;
const sharePointScope = (adminHost: string) => `https://${adminHost}/.default`;

const ENDPOINTS: Readonly<Record<CloudName, CloudEndpoints>> = {
  global: {
    exchange: { baseUrl: 'https://outlook.office365.com', scope: 'https://outlook.office365.com/.default' },
    compliance: {
      baseUrl: 'https://ps.compliance.protection.outlook.com',
      scope: 'https://ps.compliance.protection.outlook.com/.default',
    },
    teams: { baseUrl: 'https://api.interfaces.records.teams.microsoft.com', scope: teamsScope },
    fabric: {
      baseUrl: 'https://api.fabric.microsoft.com',
      scope: 'https://api.fabric.microsoft.com/.default',
    },
    sharepointAdmin: { scope: sharePointScope, sharePointSuffix: 'sharepoint.com' },
  },
  // Microsoft 365 GCC High.
  usgov: {
    exchange: { baseUrl: 'https://outlook.office365.us', scope: 'https://outlook.office365.us/.default' },
    compliance: {
      baseUrl: 'https://ps.compliance.protection.office365.us',
      scope: 'https://ps.compliance.protection.office365.us/.default',
    },
    teams: { baseUrl: 'https://api.interfaces.records.gov.teams.microsoft.us', scope: teamsScope },
    // Fabric's admin API is not offered in the US Government clouds.
    fabric: undefined,
    sharepointAdmin: { scope: sharePointScope, sharePointSuffix: 'sharepoint.us' },
  },
  // Microsoft 365 DoD.
  'usgov-dod': {
    exchange: { baseUrl: 'https://webmail.apps.mil', scope: 'https://webmail.apps.mil/.default' },
    // DoD's Security & Compliance endpoint is the l5 host; its tokens are issued for the GCC High one.
    compliance: {
      baseUrl: 'https://l5.ps.compliance.protection.office365.us',
      scope: 'https://ps.compliance.protection.office365.us/.default',
    },
    teams: { baseUrl: 'https://api.interfaces.records.dod.teams.microsoft.us', scope: teamsScope },
    fabric: undefined,
    sharepointAdmin: { scope: sharePointScope, sharePointSuffix: 'sharepoint-mil.us' },
  },
  // Microsoft 365 operated by 21Vianet.
  china: {
    exchange: { baseUrl: 'https://partner.outlook.cn', scope: 'https://partner.outlook.cn/.default' },
    compliance: {
      baseUrl: 'https://ps.compliance.protection.partner.outlook.cn',
      scope: 'https://ps.compliance.protection.partner.outlook.cn/.default',
    },
    teams: { baseUrl: 'https://api.interfaces.records.teams.microsoftonline.cn', scope: teamsScope },
    fabric: undefined,
    sharepointAdmin: { scope: sharePointScope, sharePointSuffix: 'sharepoint.cn' },
  },
};

/** How each service is named to a person (errors, logs). */
export const ADMIN_SERVICE_NAMES: Readonly<Record<AdminService, string>> = {
  exchange: 'Exchange Online',
  compliance: 'Security & Compliance',
  teams: 'the Teams admin API',
  fabric: 'the Fabric admin API',
  sharepointAdmin: 'the SharePoint admin API',
};

const CLOUD_NAMES_SAID: Readonly<Record<CloudName, string>> = {
  global: 'the global cloud',
  usgov: 'Microsoft 365 GCC High (M365_CLOUD=usgov)',
  'usgov-dod': 'Microsoft 365 DoD (M365_CLOUD=usgov-dod)',
  china: 'Microsoft 365 operated by 21Vianet (M365_CLOUD=china)',
};

/** Microsoft does not run this service in the cloud the connection is for. */
export class ServiceNotOfferedError extends Error {
  constructor(
    readonly service: AdminService,
    readonly cloud: CloudName,
  ) {
    super(
      `${capitalise(ADMIN_SERVICE_NAMES[service])} is not offered in ${CLOUD_NAMES_SAID[cloud]}, so its controls cannot be read there.`,
    );
    this.name = 'ServiceNotOfferedError';
  }
}

/** The service's endpoint in the cloud; throws ServiceNotOfferedError where Microsoft does not run it. */
export function serviceEndpoint(cloud: CloudName, service: AdminService): ServiceEndpoint {
  const endpoint = ENDPOINTS[cloud][service];
  if (endpoint === undefined) throw new ServiceNotOfferedError(service, cloud);
  return endpoint;
}

/**
 * The SharePoint admin host of a tenant, from its initial domain (`contoso.onmicrosoft.com` ->
 * `contoso-admin.sharepoint.com`; `.onmicrosoft.us` and `.partner.onmschina.cn` likewise).
 */
export function sharePointAdminHost(initialDomain: string, suffix: string): string {
  const label = initialDomain.trim().toLowerCase().split('.')[0] ?? '';
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) {
    throw new Error(`The tenant's initial domain "${initialDomain}" does not name a SharePoint tenant.`);
  }
  return `${label}-admin.${suffix}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
