import type { CmdletResourceSpec } from '../service-resource-spec.js';

// Defender for Office 365 and Exchange Online Protection policies, read through Exchange Online's
// InvokeCommand API with the cmdlets (and property names) of Microsoft's Exchange cmdlet reference.

/** What this service's controls read, by the key they name. */
export const defenderResources = {
  /** Anti-malware policies: EnableFileFilter, FileTypes, internal-sender admin notifications. */
  malwareFilterPolicies: { service: 'exchange', cmdlet: 'Get-MalwareFilterPolicy', kind: 'list' },
  /** Which recipients each custom anti-malware policy applies to (and whether it is enabled). */
  malwareFilterRules: { service: 'exchange', cmdlet: 'Get-MalwareFilterRule', kind: 'list' },
  /** The tenant-wide Safe Attachments / Safe Documents settings (one object). */
  atpPolicyForO365: { service: 'exchange', cmdlet: 'Get-AtpPolicyForO365', kind: 'get' },
  /** Safe Links policies (CIS 2.1.1), the rules that apply the custom ones, and likewise Safe Attachments (2.1.4). */
  safeLinksPolicies: { service: 'exchange', cmdlet: 'Get-SafeLinksPolicy', kind: 'list' },
  safeLinksRules: { service: 'exchange', cmdlet: 'Get-SafeLinksRule', kind: 'list' },
  safeAttachmentPolicies: { service: 'exchange', cmdlet: 'Get-SafeAttachmentPolicy', kind: 'list' },
  safeAttachmentRules: { service: 'exchange', cmdlet: 'Get-SafeAttachmentRule', kind: 'list' },
  /** Outbound spam policies: admin notifications and message limits (also read by CIS 6.2.1). */
  hostedOutboundSpamFilterPolicies: {
    service: 'exchange',
    cmdlet: 'Get-HostedOutboundSpamFilterPolicy',
    kind: 'list',
  },
  antiPhishPolicies: { service: 'exchange', cmdlet: 'Get-AntiPhishPolicy', kind: 'list' },
  antiPhishRules: { service: 'exchange', cmdlet: 'Get-AntiPhishRule', kind: 'list' },
  /** Connection filtering: IPAllowList, EnableSafeList (the tenant has the Default policy only). */
  hostedConnectionFilterPolicies: {
    service: 'exchange',
    cmdlet: 'Get-HostedConnectionFilterPolicy',
    kind: 'list',
  },
  /** Inbound anti-spam policies: AllowedSenderDomains. */
  hostedContentFilterPolicies: { service: 'exchange', cmdlet: 'Get-HostedContentFilterPolicy', kind: 'list' },
  /** Priority account protection (EnablePriorityAccountProtection), one object. */
  emailTenantSettings: { service: 'exchange', cmdlet: 'Get-EmailTenantSettings', kind: 'get' },
  /** Users tagged as priority accounts (Get-User -IsVIP). */
  priorityAccounts: { service: 'exchange', cmdlet: 'Get-User', parameters: { IsVIP: true }, kind: 'list' },
  /** The preset security policies' EOP rules (Standard, Strict) and who they apply to. */
  eopProtectionPolicyRules: { service: 'exchange', cmdlet: 'Get-EOPProtectionPolicyRule', kind: 'list' },
  /** The preset security policies' Defender for Office 365 rules (Standard, Strict). */
  atpProtectionPolicyRules: { service: 'exchange', cmdlet: 'Get-ATPProtectionPolicyRule', kind: 'list' },
  /** Zero-hour auto purge for Teams messages (ZapEnabled), one object. */
  teamsProtectionPolicy: { service: 'exchange', cmdlet: 'Get-TeamsProtectionPolicy', kind: 'get' },
  /** How users report messages (Outlook and Teams), one object; CIS 8.6.1 reads it. */
  reportSubmissionPolicy: { service: 'exchange', cmdlet: 'Get-ReportSubmissionPolicy', kind: 'get' },
} as const satisfies Record<string, CmdletResourceSpec>;
