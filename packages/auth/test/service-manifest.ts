// A manifest naming every kind of service requirement, as a server's would: app role and directory
// role (Exchange, and Purview sharing them), directory role only (Teams), a portal setting only
// (Fabric), an app role wanting a certificate (SharePoint). Ids from graph-core's one home.
import { directoryRoleTemplateIds, microsoftApiAppIds, microsoftApiAppRoleIds } from '@m365-mcp/graph-core';
import { definePermissions, type ServiceRequirement } from '../src/index.js';

const globalReader = { name: 'Global Reader', templateId: directoryRoleTemplateIds.globalReader };
const manageAsApp = { permission: 'Exchange.ManageAsApp', id: microsoftApiAppRoleIds.exchangeManageAsApp };

export const exchange: ServiceRequirement = {
  service: 'exchange',
  resource: 'Office 365 Exchange Online',
  resourceAppId: microsoftApiAppIds.exchangeOnline,
  appRole: manageAsApp,
  directoryRoles: [globalReader],
  reason: 'Exchange Online settings (CIS 6.x).',
};

export const compliance: ServiceRequirement = {
  ...exchange,
  service: 'compliance',
  reason: 'DLP policies (CIS 3.2.x).',
};

export const teams: ServiceRequirement = {
  service: 'teams',
  resource: 'Skype and Teams Tenant Admin API',
  resourceAppId: microsoftApiAppIds.teamsTenantAdmin,
  directoryRoles: [{ name: 'Teams Administrator', templateId: directoryRoleTemplateIds.teamsAdministrator }],
  reason: 'Teams policies (CIS 8.x).',
};

export const fabric: ServiceRequirement = {
  service: 'fabric',
  resource: 'Power BI Service',
  resourceAppId: microsoftApiAppIds.powerBiService,
  directoryRoles: [],
  serviceSetting:
    "Fabric admin portal > Tenant settings > turn on 'Service principals can access read-only admin APIs'",
  reason: 'Fabric tenant settings (CIS 9.1.x).',
};

export const sharePoint: ServiceRequirement = {
  service: 'sharepointAdmin',
  resource: 'Office 365 SharePoint Online',
  resourceAppId: microsoftApiAppIds.sharePointOnline,
  appRole: { permission: 'Sites.FullControl.All', id: microsoftApiAppRoleIds.sharePointSitesFullControlAll },
  directoryRoles: [],
  reason: 'SharePoint tenant properties (CIS 7.2.x).',
};

export const graphEntries = [
  { permission: 'Organization.Read.All', reason: 'tenant and licences', access: 'read' as const },
  { permission: 'RoleManagement.Read.Directory', reason: 'role assignments', access: 'read' as const },
];

export const serviceManifest = definePermissions('m365-audit', graphEntries, [
  exchange,
  compliance,
  teams,
  fabric,
  sharePoint,
]);
