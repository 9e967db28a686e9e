import { EXO } from '../manual-reasons.js';
import type { ManualRow } from '../manual-row.js';

/** This service's recommendations still read by a person: [CIS id, read with, where, why not here]. */
export const exchangeManualRows: ManualRow[] = [
  [
    '1.2.2',
    'Exchange Online PowerShell',
    'Get-EXOMailbox -RecipientTypeDetails SharedMailbox, then each account is disabled in Entra (accountEnabled)',
    'Shared mailboxes are only enumerable through Exchange Online; not in Microsoft Graph; the Exchange admin API reader is planned.',
  ],
  [
    '1.3.3',
    'Exchange Online PowerShell',
    "Get-SharingPolicy -Identity 'Default Sharing Policy' (Enabled)",
    EXO,
  ],
  ['1.3.6', 'Exchange Online PowerShell', 'Get-OrganizationConfig (CustomerLockBoxEnabled)', EXO],
  [
    '1.3.9',
    'Exchange Online PowerShell',
    'Get-OrganizationConfig (BookingsEnabled, BookingsSharingPolicy) and Get-OwaMailboxPolicy (BookingsMailboxCreationEnabled)',
    EXO,
  ],
  [
    '3.1.1',
    'Exchange Online PowerShell',
    'Get-AdminAuditLogConfig (UnifiedAuditLogIngestionEnabled)',
    'An Exchange Online setting; Graph offers only audit log queries, a proxy; the Exchange admin API reader is planned.',
  ],
  ['6.1.1', 'Exchange Online PowerShell', 'Get-OrganizationConfig (AuditDisabled)', EXO],
  [
    '6.1.2',
    'Exchange Online PowerShell',
    'Get-EXOMailbox -PropertySets Audit (AuditEnabled, AuditAdmin, AuditDelegate, AuditOwner)',
    EXO,
  ],
  ['6.1.3', 'Exchange Online PowerShell', 'Get-MailboxAuditBypassAssociation (AuditBypassEnabled)', EXO],
  [
    '6.2.1',
    'Exchange Online PowerShell',
    'Get-TransportRule (RedirectMessageTo) and Get-HostedOutboundSpamFilterPolicy (AutoForwardingMode)',
    EXO,
  ],
  ['6.2.2', 'Exchange Online PowerShell', 'Get-TransportRule (SenderDomainIs with SetSCL -1)', EXO],
  ['6.2.3', 'Exchange Online PowerShell', 'Get-ExternalInOutlook (Enabled)', EXO],
  [
    '6.3.1',
    'Exchange Online PowerShell',
    'Get-RoleAssignmentPolicy (My Custom Apps, My Marketplace Apps, My ReadWriteMailbox Apps not assigned)',
    EXO,
  ],
  ['6.5.1', 'Exchange Online PowerShell', 'Get-OrganizationConfig (OAuth2ClientProfileEnabled)', EXO],
  [
    '6.5.2',
    'Exchange Online PowerShell',
    'Get-OrganizationConfig (MailTipsAllTipsEnabled, MailTipsExternalRecipientsTipsEnabled, MailTipsGroupMetricsEnabled, MailTipsLargeAudienceThreshold)',
    EXO,
  ],
  ['6.5.3', 'Exchange Online PowerShell', 'Get-OwaMailboxPolicy (AdditionalStorageProvidersAvailable)', EXO],
  ['6.5.4', 'Exchange Online PowerShell', 'Get-TransportConfig (SmtpClientAuthenticationDisabled)', EXO],
  ['6.5.5', 'Exchange Online PowerShell', 'Get-OrganizationConfig (RejectDirectSend)', EXO],
];
