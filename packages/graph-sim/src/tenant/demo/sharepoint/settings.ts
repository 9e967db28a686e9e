// Contoso's tenant-wide sharing settings: deliberately risky values for the demo to find
// (CIS 7.2.1, 7.2.3, 7.2.5, 7.2.6, 7.3.2).
import type { SharePointSettings } from '../../sharepoint.js';

export function demoSharePointSettings(): SharePointSettings {
  return {
    allowedDomainGuidsForSyncApp: [],
    availableManagedPathsForSiteCreation: ['/sites/', '/teams/'],
    deletedUserPersonalSiteRetentionPeriodInDays: 30,
    excludedFileExtensionsForSyncApp: [],
    idleSessionSignOut: { isEnabled: false, warnAfterInSeconds: 0, signOutAfterInSeconds: 0 },
    imageTaggingOption: 'basic',
    isCommentingOnSitePagesEnabled: true,
    isFileActivityNotificationEnabled: true,
    isLegacyAuthProtocolsEnabled: true,
    isLoopEnabled: true,
    isMacSyncAppEnabled: true,
    isRequireAcceptingUserToMatchInvitedUserEnabled: false,
    isResharingByExternalUsersEnabled: true,
    isSharePointMobileNotificationEnabled: true,
    isSharePointNewsfeedEnabled: true,
    isSiteCreationEnabled: true,
    isSiteCreationUIEnabled: true,
    isSitePagesCreationEnabled: true,
    isSitesStorageLimitAutomatic: true,
    isSyncButtonHiddenOnPersonalSite: false,
    isUnmanagedSyncAppForTenantRestricted: false,
    personalSiteDefaultStorageLimitInMB: 1048576,
    sharingAllowedDomainList: [],
    sharingBlockedDomainList: [],
    sharingCapability: 'externalUserAndGuestSharing',
    sharingDomainRestrictionMode: 'none',
    siteCreationDefaultManagedPath: '/sites/',
    siteCreationDefaultStorageLimitInMB: 26214400,
    tenantDefaultTimezone: '(UTC-08:00) Pacific Time (US and Canada)',
  };
}
