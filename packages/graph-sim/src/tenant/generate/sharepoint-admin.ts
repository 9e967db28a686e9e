// SharePoint tenant properties for a generated tenant: the demo's, with the CIS 7.2/7.3 ones drawn
// from the seed, so generated tenants differ and a seed always gives the same properties.
import { demoSharePointAdmin } from '../demo/sharepoint-admin.js';
import { stableGuid } from '../sharepoint/ids.js';
import {
  type SharePointAdminData,
  SharingCapabilities,
  SharingLinkType,
  SharingPermissionType,
} from '../sharepoint-admin.js';

export interface GenerateSharePointAdminOptions {
  /** Any text or number; the same seed gives the same properties. Default 'm365-mcp'. */
  seed?: string | number;
  /** Every CIS 7.2/7.3 property at CIS's value. Default false. */
  hardened?: boolean;
}

function draw(seed: string, key: string): number {
  return Number.parseInt(stableGuid(`sharepoint-admin:${seed}:${key}`).slice(0, 8), 16) / 0x1_0000_0000;
}

export function generateSharePointAdmin(options: GenerateSharePointAdminOptions = {}): SharePointAdminData {
  const seed = String(options.seed ?? 'm365-mcp');
  const pick = <T>(key: string, values: readonly T[]): T =>
    values[Math.floor(draw(seed, key) * values.length)] as T;
  const group = stableGuid(`sharepoint-admin-group:${seed}`);
  const restricted = pick('groups', [true, false]);
  if (options.hardened === true) {
    return {
      ...demoSharePointAdmin(new Date(0)),
      EnableAzureADB2BIntegration: true,
      OneDriveSharingCapability: SharingCapabilities.Disabled,
      DefaultSharingLinkType: SharingLinkType.Direct,
      DefaultLinkPermission: SharingPermissionType.View,
      GuestSharingGroupAllowListInTenant: 'External Sharing Approved',
      GuestSharingGroupAllowListInTenantByPrincipalIdentity: [`c:0t.c|tenant|${group}`],
      ExternalUserExpirationRequired: true,
      ExternalUserExpireInDays: 30,
      EmailAttestationRequired: true,
      EmailAttestationReAuthDays: 15,
      DisallowInfectedFileDownload: true,
    };
  }
  return {
    ...demoSharePointAdmin(new Date(0)),
    EnableAzureADB2BIntegration: pick('b2b', [true, false]),
    OneDriveSharingCapability: pick('onedrive', Object.values(SharingCapabilities)),
    DefaultSharingLinkType: pick('linkType', [
      SharingLinkType.Direct,
      SharingLinkType.Internal,
      SharingLinkType.AnonymousAccess,
    ]),
    DefaultLinkPermission: pick('linkPermission', [SharingPermissionType.View, SharingPermissionType.Edit]),
    GuestSharingGroupAllowListInTenant: restricted ? 'External Sharing Approved' : '',
    GuestSharingGroupAllowListInTenantByPrincipalIdentity: restricted ? [`c:0t.c|tenant|${group}`] : [],
    ExternalUserExpirationRequired: pick('expiry', [true, false]),
    ExternalUserExpireInDays: pick('expiryDays', [30, 60, 90]),
    EmailAttestationRequired: pick('attestation', [true, false]),
    EmailAttestationReAuthDays: pick('attestationDays', [7, 15, 30]),
    DisallowInfectedFileDownload: pick('infected', [true, false]),
  };
}
