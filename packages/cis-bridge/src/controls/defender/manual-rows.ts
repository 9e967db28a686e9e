import { MDO } from '../manual-reasons.js';
import type { ManualRow } from '../manual-row.js';

/** This service's recommendations still read by a person: [CIS id, read with, where, why not here]. */
export const defenderManualRows: ManualRow[] = [
  ['2.1.2', 'Exchange Online PowerShell', 'Get-MalwareFilterPolicy (EnableFileFilter)', MDO],
  [
    '2.1.3',
    'Exchange Online PowerShell',
    'Get-MalwareFilterPolicy (EnableInternalSenderAdminNotifications, InternalSenderAdminAddress)',
    MDO,
  ],
  [
    '2.1.5',
    'Exchange Online PowerShell',
    'Get-AtpPolicyForO365 (EnableATPForSPOTeamsODB, EnableSafeDocs, AllowSafeDocsOpen)',
    MDO,
  ],
  [
    '2.1.6',
    'Exchange Online PowerShell',
    'Get-HostedOutboundSpamFilterPolicy (BccSuspiciousOutboundMail, NotifyOutboundSpam, NotifyOutboundSpamRecipients)',
    MDO,
  ],
  ['2.1.7', 'Exchange Online PowerShell', 'Get-AntiPhishPolicy and Get-AntiPhishRule', MDO],
  ['2.1.11', 'Exchange Online PowerShell', 'Get-MalwareFilterPolicy (EnableFileFilter, FileTypes)', MDO],
  ['2.1.12', 'Exchange Online PowerShell', 'Get-HostedConnectionFilterPolicy (IPAllowList)', MDO],
  ['2.1.13', 'Exchange Online PowerShell', 'Get-HostedConnectionFilterPolicy (EnableSafeList)', MDO],
  ['2.1.14', 'Exchange Online PowerShell', 'Get-HostedContentFilterPolicy (AllowedSenderDomains)', MDO],
  [
    '2.1.15',
    'Exchange Online PowerShell',
    'Get-HostedOutboundSpamFilterPolicy (RecipientLimitExternalPerHour, RecipientLimitInternalPerHour, RecipientLimitPerDay, ActionWhenThresholdReached)',
    MDO,
  ],
  [
    '2.4.1',
    'Exchange Online PowerShell',
    'Get-EmailTenantSettings (EnablePriorityAccountProtection) and the priority account tags',
    MDO,
  ],
  [
    '2.4.2',
    'Exchange Online PowerShell',
    "Get-EOPProtectionPolicyRule and Get-ATPProtectionPolicyRule -Identity 'Strict Preset Security Policy'",
    MDO,
  ],
  ['2.4.4', 'Exchange Online PowerShell', 'Get-TeamsProtectionPolicy (ZapEnabled)', MDO],
];
