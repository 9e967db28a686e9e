// SharePoint and OneDrive for the better posture grades: the tenant-wide sharing settings at their
// CIS values, and the demo's planted shares cleaned up. A warning tenant keeps some exposure (view-
// only anyone links that expire, guests and "Everyone" grants); a good one keeps only sharing
// inside the organisation. Runs on the demo's data before the rebrand.
import type { GraphPermission, SharePointData } from '../../sharepoint.js';
import type { PostureGrade } from '../posture-grade.js';

const DAY_MS = 86_400_000;

/** "Everyone" and "Everyone except external users" claims, as SharePoint writes them. */
const EVERYONE = /spo-grid-all-users|c:0\(\.s\|true|c:0-\.f\|rolemanager/i;
/** A guest's login (`#ext#`) or an address outside the demo organisation's domains. */
const OUTSIDE = /#ext#|"email":"[^"]*@(?![^"]*contoso\.)[^"]*"/i;

function isOutward(permission: GraphPermission): boolean {
  if (permission.link?.scope === 'anonymous') return true;
  const text = JSON.stringify(permission);
  return EVERYONE.test(text) || OUTSIDE.test(text);
}

function viewOnly(permission: GraphPermission): void {
  if (permission.link) permission.link.type = 'view';
  permission.roles = ['read'];
}

export function gradeSharePoint(
  sharepoint: SharePointData,
  grade: Exclude<PostureGrade, 'critical'>,
  now: Date,
): void {
  sharepoint.settings = {
    ...sharepoint.settings,
    isLegacyAuthProtocolsEnabled: false,
    sharingCapability: 'externalUserSharingOnly',
    sharingDomainRestrictionMode: 'allowList',
    sharingAllowedDomainList: ['fabrikam.com', 'northwind.com'],
    isResharingByExternalUsersEnabled: false,
    isRequireAcceptingUserToMatchInvitedUserEnabled: true,
    isUnmanagedSyncAppForTenantRestricted: true,
    allowedDomainGuidsForSyncApp: ['6c4a4d4b-7f3e-4b1a-9d2e-5a0c3b1e8f21'],
    idleSessionSignOut: { isEnabled: true, warnAfterInSeconds: 2700, signOutAfterInSeconds: 3600 },
  };
  const inAMonth = new Date(now.getTime() + 30 * DAY_MS).toISOString();
  for (const drive of sharepoint.drives) {
    for (const item of drive.items) {
      if (grade === 'good') item.permissions = item.permissions.filter((p) => !isOutward(p));
      for (const permission of item.permissions) {
        const scope = permission.link?.scope;
        if (scope === 'anonymous') {
          // Warning: anyone links stay, but view-only and expiring.
          viewOnly(permission);
          const expiry = permission.expirationDateTime;
          if (expiry === undefined || expiry.startsWith('0001-') || Date.parse(expiry) > Date.parse(inAMonth))
            permission.expirationDateTime = inAMonth;
        } else if (scope === 'organization' && permission.link?.type !== 'view') {
          viewOnly(permission);
        }
      }
    }
  }
}
