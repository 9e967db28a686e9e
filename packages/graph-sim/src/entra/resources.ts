// The Microsoft APIs beyond Graph that this simulated Entra issues tokens for, and how a client
// credentials `scope` names each one. Entra names a resource by its application id or by one of its
// service principal names; a v1.0 access token's `aud` is the identifier the request used.
import type { Tenant } from '../tenant/model.js';

/** The admin APIs beyond Graph the simulator serves (graph-sim's own name for them). */
export type SimService = 'exchange' | 'compliance' | 'teams' | 'fabric' | 'sharepointAdmin';

export const SIM_SERVICES: readonly SimService[] = [
  'exchange',
  'compliance',
  'teams',
  'fabric',
  'sharepointAdmin',
];

/** Application ids of the resource service principals (the keys of `SimAppInput.serviceRoles`). */
export const serviceResourceAppIds = {
  /** Office 365 Exchange Online: Exchange Online and Security & Compliance. */
  exchangeOnline: '00000002-0000-0ff1-ce00-000000000000',
  /** Office 365 SharePoint Online. */
  sharePointOnline: '00000003-0000-0ff1-ce00-000000000000',
  /** Skype and Teams Tenant Admin API. */
  teamsTenantAdmin: '48ac35b8-9aa8-4d74-927d-1f4a14a0b239',
  /** Power BI Service (Fabric). */
  powerBiService: '00000009-0000-0000-c000-000000000000',
} as const;

/** A resource a token can be issued for, other than Microsoft Graph. */
export interface ServiceResource {
  service: SimService;
  /** The resource's application id: whose app roles go in the token. */
  resourceAppId: string;
  /** The token's `aud`: the identifier the scope named. */
  audience: string;
}

/** The SharePoint tenant name, `contoso` for `contoso.sharepoint.com`. */
export function sharePointTenantName(tenant: Tenant): string {
  return tenant.sharepointHost.split('.')[0]?.toLowerCase() ?? '';
}

/** The audiences each service accepts in a bearer token (lower case, no trailing slash). */
export function acceptedAudiences(tenant: Tenant, service: SimService): string[] {
  switch (service) {
    case 'exchange':
      return ['https://outlook.office365.com', serviceResourceAppIds.exchangeOnline];
    case 'compliance':
      return ['https://ps.compliance.protection.outlook.com'];
    case 'teams':
      return [serviceResourceAppIds.teamsTenantAdmin, 'https://api.interfaces.records.teams.microsoft.com'];
    case 'fabric':
      return [
        'https://api.fabric.microsoft.com',
        'https://analysis.windows.net/powerbi/api',
        serviceResourceAppIds.powerBiService,
      ];
    case 'sharepointAdmin':
      return [
        `https://${sharePointTenantName(tenant)}-admin.sharepoint.com`,
        serviceResourceAppIds.sharePointOnline,
      ];
  }
}

const RESOURCE_APP: Record<SimService, string> = {
  exchange: serviceResourceAppIds.exchangeOnline,
  // Security & Compliance is a service principal name of Office 365 Exchange Online: same app roles.
  compliance: serviceResourceAppIds.exchangeOnline,
  teams: serviceResourceAppIds.teamsTenantAdmin,
  fabric: serviceResourceAppIds.powerBiService,
  sharepointAdmin: serviceResourceAppIds.sharePointOnline,
};

/** The resource a scope's identifier (without `/.default`) names, or undefined when none of these. */
export function serviceResourceFor(tenant: Tenant, identifier: string): ServiceResource | undefined {
  const wanted = identifier.replace(/\/+$/, '').toLowerCase();
  for (const service of SIM_SERVICES) {
    if (acceptedAudiences(tenant, service).includes(wanted)) {
      return { service, resourceAppId: RESOURCE_APP[service], audience: identifier.replace(/\/+$/, '') };
    }
  }
  // The tenant's other SharePoint hosts are the same resource (the admin API only accepts its own).
  const name = sharePointTenantName(tenant);
  if (wanted === `https://${name}.sharepoint.com` || wanted === `https://${name}-my.sharepoint.com`) {
    return {
      service: 'sharepointAdmin',
      resourceAppId: serviceResourceAppIds.sharePointOnline,
      audience: identifier.replace(/\/+$/, ''),
    };
  }
  return undefined;
}
