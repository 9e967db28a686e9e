import { manual } from './define.js';
import { type Control, cis } from './types.js';

// CIS v6 controls Graph cannot read: listed so a run says plainly what it did not evaluate, why,
// and where the setting can be read (the PowerShell bridge imports those tools' results).

type Where =
  | 'Exchange Online PowerShell'
  | 'Teams PowerShell'
  | 'SharePoint Online PowerShell'
  | 'Purview PowerShell'
  | 'DNS'
  | 'Entra admin center';

const rows: [string, string, 'L1' | 'L2', Where, string][] = [
  [
    '1.2.2',
    'Sign-in to shared mailboxes is blocked',
    'L1',
    'Exchange Online PowerShell',
    'Shared mailboxes are only enumerable with Get-EXOMailbox -RecipientTypeDetails SharedMailbox.',
  ],
  [
    '1.3.3',
    "'External sharing' of calendars is not available",
    'L2',
    'Exchange Online PowerShell',
    'Get-SharingPolicy; not in Graph.',
  ],
  [
    '1.3.6',
    'The customer lockbox feature is enabled',
    'L2',
    'Exchange Online PowerShell',
    'Get-OrganizationConfig CustomerLockBoxEnabled; not in Graph.',
  ],
  [
    '2.1.2',
    'The Common Attachment Types Filter is enabled',
    'L1',
    'Exchange Online PowerShell',
    'Get-MalwareFilterPolicy; Defender for Office cmdlets only.',
  ],
  [
    '2.1.3',
    'Notifications for internal users sending malware are enabled',
    'L1',
    'Exchange Online PowerShell',
    'Get-MalwareFilterPolicy; Defender for Office cmdlets only.',
  ],
  [
    '2.1.6',
    'Exchange Online spam policies notify administrators',
    'L1',
    'Exchange Online PowerShell',
    'Get-HostedOutboundSpamFilterPolicy.',
  ],
  [
    '2.1.7',
    'An anti-phishing policy has been created',
    'L2',
    'Exchange Online PowerShell',
    'Get-AntiPhishPolicy.',
  ],
  [
    '2.1.8',
    'SPF records are published for all Exchange domains',
    'L1',
    'DNS',
    'A DNS TXT lookup; Graph lists domains but not published records.',
  ],
  [
    '2.1.9',
    'DKIM is enabled for all Exchange Online domains',
    'L1',
    'Exchange Online PowerShell',
    'Get-DkimSigningConfig.',
  ],
  [
    '2.1.10',
    'DMARC records for all Exchange Online domains are published',
    'L1',
    'DNS',
    'A DNS TXT lookup of _dmarc.<domain>.',
  ],
  [
    '2.4.4',
    'Zero-hour auto purge for Microsoft Teams is on',
    'L1',
    'Exchange Online PowerShell',
    'Get-TeamsProtectionPolicy.',
  ],
  [
    '3.1.1',
    'Microsoft 365 audit log search is enabled',
    'L1',
    'Exchange Online PowerShell',
    'Get-AdminAuditLogConfig UnifiedAuditLogIngestionEnabled.',
  ],
  [
    '3.2.1',
    'DLP policies are enabled',
    'L1',
    'Purview PowerShell',
    'Get-DlpCompliancePolicy; Graph has no DLP policy API for apps.',
  ],
  [
    '3.2.2',
    'DLP policies are enabled for Microsoft Teams',
    'L1',
    'Purview PowerShell',
    'Get-DlpCompliancePolicy.',
  ],
  [
    '3.3.1',
    'Information Protection sensitivity label policies are published',
    'L1',
    'Purview PowerShell',
    'Get-LabelPolicy; Graph lists labels, not label policies.',
  ],
  [
    '5.1.2.4',
    'Access to the Entra admin center is restricted',
    'L1',
    'Entra admin center',
    'A portal-only setting with no Graph property.',
  ],
  [
    '5.1.2.6',
    "'LinkedIn account connections' is disabled",
    'L2',
    'Entra admin center',
    'A portal-only setting with no Graph property.',
  ],
  [
    '5.2.4.1',
    "'Self service password reset enabled' is set to 'All'",
    'L1',
    'Entra admin center',
    'The SSPR scope is not exposed by Graph.',
  ],
  [
    '6.1.1',
    "'AuditDisabled' organisationally is set to 'False'",
    'L1',
    'Exchange Online PowerShell',
    'Get-OrganizationConfig AuditDisabled.',
  ],
  [
    '6.2.1',
    'All forms of mail forwarding are blocked and/or disabled',
    'L1',
    'Exchange Online PowerShell',
    'Get-HostedOutboundSpamFilterPolicy / Get-TransportRule.',
  ],
  [
    '6.5.4',
    'SMTP AUTH is disabled',
    'L1',
    'Exchange Online PowerShell',
    'Get-TransportConfig SmtpClientAuthenticationDisabled.',
  ],
  [
    '7.2.2',
    'SharePoint and OneDrive integration with Entra B2B is enabled',
    'L1',
    'SharePoint Online PowerShell',
    'EnableAzureADB2BIntegration is not in Graph sharepointSettings.',
  ],
  [
    '7.2.4',
    'OneDrive content sharing is restricted',
    'L2',
    'SharePoint Online PowerShell',
    'OneDriveSharingCapability is not in Graph sharepointSettings.',
  ],
  [
    '7.2.7',
    'Link sharing is restricted in SharePoint and OneDrive',
    'L1',
    'SharePoint Online PowerShell',
    'DefaultSharingLinkType is not in Graph sharepointSettings.',
  ],
  [
    '7.2.9',
    'Guest access to a site or OneDrive will expire automatically',
    'L1',
    'SharePoint Online PowerShell',
    'ExternalUserExpirationRequired is not in Graph sharepointSettings.',
  ],
  [
    '7.2.10',
    'Reauthentication with verification code is restricted',
    'L1',
    'SharePoint Online PowerShell',
    'EmailAttestationRequired is not in Graph sharepointSettings.',
  ],
  [
    '7.2.11',
    'The SharePoint default sharing link permission is set',
    'L1',
    'SharePoint Online PowerShell',
    'DefaultLinkPermission is not in Graph sharepointSettings.',
  ],
  [
    '7.3.1',
    'Office 365 SharePoint infected files are disallowed for download',
    'L2',
    'SharePoint Online PowerShell',
    'DisallowInfectedFileDownload is not in Graph sharepointSettings.',
  ],
  [
    '8.2.2',
    'Communication with unmanaged Teams users is disabled',
    'L1',
    'Teams PowerShell',
    'Get-CsTenantFederationConfiguration.',
  ],
  ['8.5.1', "Anonymous users can't join a meeting", 'L2', 'Teams PowerShell', 'Get-CsTeamsMeetingPolicy.'],
];

export const manualControls: Control[] = rows.map(([id, title, level, readWith, reason]) =>
  manual({
    id: `CIS.M365.${id}`,
    title,
    section: id.split('.').slice(0, 2).join('.'),
    level,
    profile: 'E3',
    severity: 'medium',
    references: [cis(id)],
    readWith,
    reason,
    remediation: `Read and fix with ${readWith}; import that audit's results with import_audit_report or run_powershell_audit.`,
  }),
);
