// The SharePoint admin API's Tenant object, as `Accept: application/json;odata=nometadata` gives it:
// the properties only this API carries (tenant.sharepointAdmin) and those Graph's sharepointSettings
// also shows, derived from tenant.sharepoint.settings so that both APIs tell the same story. Enums are
// numbers, as the REST API sends them.
import type { Tenant } from '../../tenant/model.js';
import { SharingCapabilities, SharingDomainRestrictionModes } from '../../tenant/sharepoint-admin.js';

const sharingCapability: Record<string, number> = {
  disabled: SharingCapabilities.Disabled,
  externalUserSharingOnly: SharingCapabilities.ExternalUserSharingOnly,
  externalUserAndGuestSharing: SharingCapabilities.ExternalUserAndGuestSharing,
  existingExternalUserSharingOnly: SharingCapabilities.ExistingExternalUserSharingOnly,
};

const domainRestriction: Record<string, number> = {
  none: SharingDomainRestrictionModes.None,
  allowList: SharingDomainRestrictionModes.AllowList,
  blockList: SharingDomainRestrictionModes.BlockList,
};

export function tenantObject(tenant: Tenant): Record<string, unknown> {
  const s = tenant.sharepoint.settings;
  return {
    // From Graph's sharepointSettings (the same tenant seen through the other API).
    SharingCapability: sharingCapability[s.sharingCapability] ?? SharingCapabilities.Disabled,
    LegacyAuthProtocolsEnabled: s.isLegacyAuthProtocolsEnabled,
    PreventExternalUsersFromResharing: !s.isResharingByExternalUsersEnabled,
    SharingDomainRestrictionMode: domainRestriction[s.sharingDomainRestrictionMode] ?? 0,
    // Get-SPOTenant shows the domain lists as one space-separated string.
    SharingAllowedDomainList: s.sharingAllowedDomainList.join(' '),
    SharingBlockedDomainList: s.sharingBlockedDomainList.join(' '),
    RequireAcceptingAccountMatchInvitedAccount: s.isRequireAcceptingUserToMatchInvitedUserEnabled,
    IsUnmanagedSyncClientForTenantRestricted: s.isUnmanagedSyncAppForTenantRestricted,
    AllowedDomainListForSyncClient: [...s.allowedDomainGuidsForSyncApp],
    ExcludedFileExtensionsForSyncClient: [...s.excludedFileExtensionsForSyncApp],
    HideSyncButtonOnODB: s.isSyncButtonHiddenOnPersonalSite,
    OrphanedPersonalSitesRetentionPeriod: s.deletedUserPersonalSiteRetentionPeriodInDays,
    OneDriveStorageQuota: s.personalSiteDefaultStorageLimitInMB,
    // Only this API's.
    ...structuredClone(tenant.sharepointAdmin),
  };
}
