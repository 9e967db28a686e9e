// Contoso's SharePoint tenant properties beyond Graph's sharepointSettings (CIS 7.2.2-7.2.11, 7.3.1):
// three planted wrong for the demo to find (OneDrive shares with anyone, the default link is
// organisation-wide, guest access never expires), the rest as CIS asks. The properties Graph also
// carries (SharingCapability, ...) come from tenant.sharepoint.settings, so the two APIs agree.
import {
  AnonymousLinkType,
  type SharePointAdminData,
  SharingCapabilities,
  SharingLinkType,
  SharingPermissionType,
} from '../sharepoint-admin.js';
import { demoGroupIds } from './directory/groups.js';

export function demoSharePointAdmin(_now: Date): SharePointAdminData {
  return {
    EnableAzureADB2BIntegration: true,
    // CIS 7.2.4 (planted): as open as SharePoint itself.
    OneDriveSharingCapability: SharingCapabilities.ExternalUserAndGuestSharing,
    // CIS 7.2.7 (planted): Microsoft's default, links for everyone in the organisation.
    DefaultSharingLinkType: SharingLinkType.Internal,
    DefaultLinkPermission: SharingPermissionType.View,
    // CIS 7.2.8: only IT Department may share outside the organisation.
    GuestSharingGroupAllowListInTenant: 'IT Department',
    GuestSharingGroupAllowListInTenantByPrincipalIdentity: [`c:0t.c|tenant|${demoGroupIds.itDepartment}`],
    // CIS 7.2.9 (planted): guests keep access for ever.
    ExternalUserExpirationRequired: false,
    ExternalUserExpireInDays: 60,
    EmailAttestationRequired: true,
    EmailAttestationReAuthDays: 15,
    DisallowInfectedFileDownload: true,
    RequireAnonymousLinksExpireInDays: -1,
    FileAnonymousLinkType: AnonymousLinkType.Edit,
    FolderAnonymousLinkType: AnonymousLinkType.Edit,
    ShowEveryoneClaim: false,
    ShowAllUsersClaim: false,
    ShowEveryoneExceptExternalUsersClaim: true,
    BccExternalSharingInvitations: false,
    NotifyOwnersWhenItemsReshared: true,
    OwnerAnonymousNotification: true,
  };
}
