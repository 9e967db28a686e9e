// SharePoint tenant properties of the simulated tenant that Graph's sharepointSettings does not
// carry, as the SharePoint admin API's Tenant object (`_api/Microsoft.Online.SharePoint.
// TenantAdministration.Tenant`, the object behind Get-SPOTenant) sends them: enums as their numbers.
// The properties both APIs show (SharingCapability, LegacyAuthProtocolsEnabled, ...) are not held
// here: the admin API derives them from tenant.sharepoint.settings, so the two never disagree.

/** SharingCapabilities (Microsoft.Online.SharePoint.TenantManagement), as the REST API numbers it. */
export const SharingCapabilities = {
  Disabled: 0,
  ExternalUserSharingOnly: 1,
  ExternalUserAndGuestSharing: 2,
  ExistingExternalUserSharingOnly: 3,
} as const;

/** SharingLinkType: the default link the sharing dialog offers. */
export const SharingLinkType = { None: 0, Direct: 1, Internal: 2, AnonymousAccess: 3 } as const;

/** SharingPermissionType: the default permission of a sharing link. */
export const SharingPermissionType = { None: 0, View: 1, Edit: 2 } as const;

/** SharingDomainRestrictionModes. */
export const SharingDomainRestrictionModes = { None: 0, AllowList: 1, BlockList: 2 } as const;

/** AnonymousLinkType: what an Anyone link to a file or folder allows. */
export const AnonymousLinkType = { None: 0, View: 1, Edit: 2 } as const;

export interface SharePointAdminData {
  /** CIS 7.2.2: guests invited from SharePoint and OneDrive become Entra B2B guests. */
  EnableAzureADB2BIntegration: boolean;
  /** CIS 7.2.4: OneDrive's external sharing level (SharingCapabilities), at most SharePoint's. */
  OneDriveSharingCapability: number;
  /** CIS 7.2.7 (SharingLinkType). */
  DefaultSharingLinkType: number;
  /** CIS 7.2.11 (SharingPermissionType). */
  DefaultLinkPermission: number;
  /** CIS 7.2.8: 'Allow only users in specific security groups to share externally' (names). */
  GuestSharingGroupAllowListInTenant: string;
  /** The same groups as claims, e.g. `c:0t.c|tenant|<group id>`; empty when anyone may share. */
  GuestSharingGroupAllowListInTenantByPrincipalIdentity: string[];
  /** CIS 7.2.9 */
  ExternalUserExpirationRequired: boolean;
  ExternalUserExpireInDays: number;
  /** CIS 7.2.10 */
  EmailAttestationRequired: boolean;
  EmailAttestationReAuthDays: number;
  /** CIS 7.3.1 */
  DisallowInfectedFileDownload: boolean;
  /** Anyone links: expiry (-1 = none) and what they allow. */
  RequireAnonymousLinksExpireInDays: number;
  FileAnonymousLinkType: number;
  FolderAnonymousLinkType: number;
  ShowEveryoneClaim: boolean;
  ShowAllUsersClaim: boolean;
  ShowEveryoneExceptExternalUsersClaim: boolean;
  BccExternalSharingInvitations: boolean;
  NotifyOwnersWhenItemsReshared: boolean;
  OwnerAnonymousNotification: boolean;
}
