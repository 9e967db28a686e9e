// Shared helpers for the server's tests: fixing the demo tenant's planted SharePoint problems (tools
// are called with the kit's callTool from @m365-mcp/mcp-kit/testing).
import type { Tenant } from '@m365-mcp/graph-sim';

/** Removes every sharing link and personal grant, leaving site groups and owners: the fixed tenant. */
export function removeAllSharing(tenant: Tenant): void {
  for (const drive of tenant.sharepoint.drives) {
    for (const item of drive.items) {
      if (item.parentId === null) continue;
      item.permissions = [];
    }
    drive.changeCounter += 1;
  }
}

/** Safe sharing settings: what CIS and CISA ask for. */
export function fixSettings(tenant: Tenant): void {
  Object.assign(tenant.sharepoint.settings, {
    sharingCapability: 'existingExternalUserSharingOnly',
    sharingDomainRestrictionMode: 'allowList',
    sharingAllowedDomainList: ['fabrikam.com'],
    isResharingByExternalUsersEnabled: false,
    isRequireAcceptingUserToMatchInvitedUserEnabled: true,
    isLegacyAuthProtocolsEnabled: false,
    isUnmanagedSyncAppForTenantRestricted: true,
    allowedDomainGuidsForSyncApp: ['6d5f1a51-5d4c-4c53-9b3a-3a2f0f0e5a11'],
    idleSessionSignOut: { isEnabled: true, warnAfterInSeconds: 3000, signOutAfterInSeconds: 3600 },
  });
}

/** A typed view of a structured field. */
export function field<T>(data: Record<string, unknown>, key: string): T {
  return data[key] as T;
}
