// Contoso's Fabric (Power BI) tenant settings: the twelve CIS 9.1 settings, four of them planted
// wrong for the demo to find (guests can use Fabric, Publish to web and organisation-wide links are
// on for everyone, ResourceKey authentication is not blocked), among other settings a real tenant
// lists (the API returns every tenant setting, not only the ones an audit reads).
import type { FabricData, FabricSecurityGroup, FabricTenantSetting } from '../fabric.js';
import { demoGroupIds } from './directory/groups.js';

const IT_DEPARTMENT: FabricSecurityGroup = { graphId: demoGroupIds.itDepartment, name: 'IT Department' };

const EXPORT = 'Export and Sharing settings';
const DEVELOPER = 'Developer settings';

type Scope = 'off' | 'everyone' | readonly FabricSecurityGroup[];

/** A setting as the API lists it: off, on for the whole organisation, or on for some groups. */
export function fabricSetting(
  settingName: string,
  title: string,
  tenantSettingGroup: string,
  scope: Scope,
  canSpecifySecurityGroups = true,
): FabricTenantSetting {
  const enabled = scope !== 'off';
  return {
    settingName,
    title,
    enabled,
    canSpecifySecurityGroups,
    ...(typeof scope === 'object' ? { enabledSecurityGroups: scope.map((g) => ({ ...g })) } : {}),
    tenantSettingGroup,
  };
}

export function demoFabric(_now: Date): FabricData {
  const it = [IT_DEPARTMENT];
  return {
    tenantSettings: [
      fabricSetting('FabricGAWorkloads', 'Users can create Fabric items', 'Microsoft Fabric', 'everyone'),
      fabricSetting('CreateAppWorkspaces', 'Create workspaces', 'Workspace settings', 'everyone'),
      fabricSetting(
        'AllowGuestLookup',
        'Users can see guest users in lists of suggested people',
        EXPORT,
        'everyone',
      ),
      // CIS 9.1.1 (planted): guests can use Fabric, for the whole organisation.
      fabricSetting(
        'AllowGuestUserToAccessSharedContent',
        'Guest users can access Microsoft Fabric',
        EXPORT,
        'everyone',
      ),
      // CIS 9.1.2: only IT may invite guests through item sharing.
      fabricSetting(
        'ExternalSharingV2',
        'Users can invite guest users to collaborate through item sharing and permissions',
        EXPORT,
        it,
      ),
      // CIS 9.1.3
      fabricSetting(
        'ElevatedGuestsTenant',
        'Guest users can browse and access Fabric content',
        EXPORT,
        'off',
      ),
      // CIS 9.1.4 (planted)
      fabricSetting('PublishToWeb', 'Publish to web', EXPORT, 'everyone'),
      fabricSetting('ExportToCsv', 'Export to .csv', EXPORT, 'everyone'),
      fabricSetting('ExportToExcelSetting', 'Export to Excel', EXPORT, 'everyone'),
      fabricSetting('ExportReport', 'Download reports', EXPORT, 'everyone'),
      fabricSetting('Printing', 'Print dashboards and reports', EXPORT, 'everyone'),
      // CIS 9.1.7 (planted): the default, links that grant access to everyone in the organisation.
      fabricSetting(
        'ShareLinkToEntireOrg',
        'Allow shareable links to grant access to everyone in your organization',
        EXPORT,
        'everyone',
      ),
      // CIS 9.1.8
      fabricSetting(
        'EnableDatasetInPlaceSharing',
        'Allow specific users to turn on external data sharing',
        EXPORT,
        'off',
      ),
      fabricSetting('AllowExternalDataSharingSwitch', 'External data sharing (preview)', EXPORT, 'off'),
      // CIS 9.1.6
      fabricSetting(
        'EimInformationProtectionEdit',
        'Allow users to apply sensitivity labels for content',
        'Information protection',
        'everyone',
      ),
      // CIS 9.1.5
      fabricSetting(
        'RScriptVisual',
        'Interact with and share R and Python visuals',
        'R and Python visuals settings',
        'off',
        false,
      ),
      fabricSetting('Embedding', 'Embed content in apps', DEVELOPER, 'everyone'),
      // CIS 9.1.10: the audit app's service principal is in IT Department.
      fabricSetting(
        'ServicePrincipalAccessPermissionAPIs',
        'Service principals can call Fabric public APIs',
        DEVELOPER,
        it,
      ),
      // CIS 9.1.12
      fabricSetting(
        'ServicePrincipalAccessGlobalAPIs',
        'Service principals can create workspaces, connections, and deployment pipelines',
        DEVELOPER,
        it,
      ),
      // CIS 9.1.11
      fabricSetting(
        'AllowServicePrincipalsCreateAndUseProfiles',
        'Allow service principals to create and use profiles',
        DEVELOPER,
        'off',
      ),
      // CIS 9.1.9 (planted): the default, not blocked.
      fabricSetting(
        'BlockResourceKeyAuthentication',
        'Block ResourceKey Authentication',
        DEVELOPER,
        'off',
        false,
      ),
      // What lets an app's service principal read this list at all.
      fabricSetting(
        'AllowServicePrincipalsUseReadAdminAPIs',
        'Service principals can access read-only admin APIs',
        'Admin API settings',
        it,
      ),
      fabricSetting(
        'AdminApisIncludeDetailedMetadata',
        'Enhance admin APIs responses with detailed metadata',
        'Admin API settings',
        it,
      ),
      fabricSetting(
        'UsageMetrics',
        'Usage metrics for content creators',
        'Audit and usage settings',
        'everyone',
      ),
      fabricSetting(
        'EnableAOAI',
        'Users can use Copilot and other features powered by Azure OpenAI',
        'Copilot and Azure OpenAI Service',
        'off',
      ),
    ],
  };
}
