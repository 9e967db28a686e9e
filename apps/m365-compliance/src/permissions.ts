import { definePermissions, type ServiceRequirement } from '@m365-mcp/auth';
import { directoryRoleTemplateIds, microsoftApiAppIds, microsoftApiAppRoleIds } from '@m365-mcp/graph-core';

const globalReader = { name: 'Global Reader', templateId: directoryRoleTemplateIds.globalReader };
const manageAsApp = { permission: 'Exchange.ManageAsApp', id: microsoftApiAppRoleIds.exchangeManageAsApp };

// The APIs beyond Graph (Exchange Online and the Defender policies it holds, Security & Compliance,
// Teams, Fabric, SharePoint admin): each optional; without it its controls are skipped, named.
const services: ServiceRequirement[] = [
  {
    service: 'exchange',
    resource: 'Office 365 Exchange Online',
    resourceAppId: microsoftApiAppIds.exchangeOnline,
    appRole: manageAsApp,
    directoryRoles: [globalReader],
    reason:
      'Exchange Online settings and the Defender for Office 365 policies it holds, read with Get- cmdlets over its admin API (CIS 1.2.2, 1.3.x, 2.1.x, 2.4.x, 3.1.1, 6.x).',
  },
  {
    service: 'compliance',
    resource: 'Office 365 Exchange Online',
    resourceAppId: microsoftApiAppIds.exchangeOnline,
    appRole: manageAsApp,
    directoryRoles: [globalReader],
    reason:
      'Purview DLP and sensitivity label policies, read with Get- cmdlets over the Security & Compliance admin API (CIS 3.2.x, 3.3.1).',
  },
  {
    service: 'teams',
    resource: 'Skype and Teams Tenant Admin API',
    resourceAppId: microsoftApiAppIds.teamsTenantAdmin,
    directoryRoles: [
      { name: 'Teams Administrator', templateId: directoryRoleTemplateIds.teamsAdministrator },
    ],
    reason: 'Teams external access, meeting, messaging and app policies over the Teams admin API (CIS 8.x).',
  },
  {
    service: 'fabric',
    resource: 'Power BI Service',
    resourceAppId: microsoftApiAppIds.powerBiService,
    directoryRoles: [],
    serviceSetting:
      "Fabric admin portal > Tenant settings > Admin API settings: turn on 'Service principals can access read-only admin APIs' for a security group that holds this app (and give the app no Power BI permissions that need admin consent)",
    reason: 'Fabric (Power BI) tenant settings over the Fabric admin API (CIS 9.1.x).',
  },
  {
    service: 'sharepointAdmin',
    resource: 'Office 365 SharePoint Online',
    resourceAppId: microsoftApiAppIds.sharePointOnline,
    appRole: {
      permission: 'Sites.FullControl.All',
      id: microsoftApiAppRoleIds.sharePointSitesFullControlAll,
    },
    directoryRoles: [],
    reason:
      "SharePoint tenant properties Graph does not carry (CIS 7.2.x, 7.3.1). SharePoint's admin API accepts app-only calls only with Sites.FullControl.All and a certificate credential: grant it only if that trade is yours to make.",
  },
];

// Least-privileged application permissions for every Graph call the controls and tools make
// (Microsoft's catalogue via graph-core's permissionsFor; see cis-bridge's resources.ts), then the
// APIs beyond Graph above.
export const compliancePermissions = definePermissions(
  'm365-compliance',
  [
    {
      permission: 'Organization.Read.All',
      access: 'read',
      reason:
        "Tenant id, hybrid state and initial domain (organization: the SharePoint admin API's host) and licences (subscribedSkus) for licence gating and CIS 1.1.4, 5.1.8.1.",
    },
    {
      permission: 'Policy.Read.All',
      access: 'read',
      reason:
        'Authorization, admin consent, cross-tenant and conditional access policies (CIS 5.1.x, 5.2.2.x).',
    },
    {
      permission: 'Policy.Read.AuthenticationMethod',
      access: 'read',
      reason: 'Authentication methods policy (CIS 5.2.3.1, 5.2.3.5, 5.2.3.7).',
    },
    {
      permission: 'Policy.Read.DeviceConfiguration',
      access: 'read',
      reason: 'Device registration policy (CIS 5.1.4.x).',
    },
    {
      permission: 'GroupSettings.Read.All',
      access: 'read',
      reason: 'Password protection settings (CIS 5.2.3.2, 5.2.3.3).',
    },
    {
      permission: 'Domain.Read.All',
      access: 'read',
      reason:
        'Domains (GET /domains): password expiry per domain (CIS 1.3.1) and the mail domains whose SPF, DKIM and DMARC records are looked up in DNS (CIS 2.1.8-2.1.10).',
    },
    {
      permission: 'User.Read.All',
      access: 'read',
      reason: 'Admin accounts: cloud-only, licences, break-glass accounts (CIS 1.1.x).',
    },
    {
      permission: 'Group.Read.All',
      access: 'read',
      reason: 'Public and dynamic groups, members of role-assignable groups (CIS 1.2.1, 5.1.3.1).',
    },
    {
      permission: 'RoleManagement.Read.Directory',
      access: 'read',
      reason:
        'Active role assignments and PIM role settings (role management policy assignments) for CIS 1.1.x, 5.3.4, 5.3.5.',
    },
    {
      permission: 'RoleEligibilitySchedule.Read.Directory',
      access: 'read',
      reason: 'PIM-eligible role holders, counted as admins in CIS 1.1.1, 1.1.3, 1.1.4 (Entra ID P2).',
    },
    {
      permission: 'RoleAssignmentSchedule.Read.Directory',
      access: 'read',
      reason: 'Permanent active PIM assignments of privileged roles (CIS 5.3.1, Entra ID P2).',
    },
    {
      permission: 'OnPremDirectorySynchronization.Read.All',
      access: 'read',
      reason: 'Whether password hash sync is on for a hybrid tenant (CIS 5.1.8.1).',
    },
    {
      permission: 'AccessReview.Read.All',
      access: 'read',
      reason: 'Access reviews of guests and privileged roles (CIS 5.3.2, 5.3.3).',
    },
    {
      permission: 'AuditLog.Read.All',
      access: 'read',
      reason:
        'MFA registration report (CIS 5.2.3.4) and directory audit logs: who changed a drifted setting.',
    },
    {
      permission: 'Application.Read.All',
      access: 'read',
      reason: 'The third-party storage service principal (CIS 1.3.7).',
    },
    {
      permission: 'SharePointTenantSettings.Read.All',
      access: 'read',
      reason: 'SharePoint tenant sharing settings (CIS 7.2.x, 7.3.2).',
    },
    {
      permission: 'OrgSettings-AppsAndServices.Read.All',
      access: 'read',
      reason: 'User owned apps and services (CIS 1.3.4).',
    },
    {
      permission: 'OrgSettings-Forms.Read.All',
      access: 'read',
      reason: 'Forms internal phishing protection (CIS 1.3.5).',
    },
    {
      permission: 'SecurityEvents.Read.All',
      access: 'read',
      reason: "Secure Score and its 90-day history, for the report's overview and trend.",
    },
    {
      permission: 'RecordsManagement.Read.All',
      access: 'read',
      reason: 'Retention events and event types (check_retention_policies).',
    },
    {
      permission: 'Policy.ReadWrite.Authorization',
      access: 'write',
      reason:
        'remediate_control: set authorization policy flags (CIS 5.1.2.2, 5.1.2.3, 5.1.3.2, 5.1.4.6, 5.1.5.1, 5.1.6.2, 5.1.6.3).',
    },
    {
      permission: 'Policy.ReadWrite.ConsentRequest',
      access: 'write',
      reason: 'remediate_control: turn on the admin consent workflow (CIS 5.1.5.2).',
    },
  ],
  services,
);
