import { SPO } from '../manual-reasons.js';
import type { ManualRow } from '../manual-row.js';

/** This service's recommendations still read by a person: [CIS id, read with, where, why not here]. */
export const sharePointAdminManualRows: ManualRow[] = [
  ['7.2.2', 'SharePoint Online PowerShell', 'Get-SPOTenant (EnableAzureADB2BIntegration)', SPO],
  ['7.2.4', 'SharePoint Online PowerShell', 'Get-SPOTenant (OneDriveSharingCapability)', SPO],
  ['7.2.7', 'SharePoint Online PowerShell', 'Get-SPOTenant (DefaultSharingLinkType)', SPO],
  [
    '7.2.8',
    'SharePoint Online PowerShell',
    "SharePoint admin center > Policies > Sharing > More external sharing settings ('Allow only users in specific security groups to share externally')",
    SPO,
  ],
  [
    '7.2.9',
    'SharePoint Online PowerShell',
    'Get-SPOTenant (ExternalUserExpirationRequired, ExternalUserExpireInDays)',
    SPO,
  ],
  [
    '7.2.10',
    'SharePoint Online PowerShell',
    'Get-SPOTenant (EmailAttestationRequired, EmailAttestationReAuthDays)',
    SPO,
  ],
  ['7.2.11', 'SharePoint Online PowerShell', 'Get-SPOTenant (DefaultLinkPermission)', SPO],
  ['7.3.1', 'SharePoint Online PowerShell', 'Get-SPOTenant (DisallowInfectedFileDownload)', SPO],
];
