import type { CmdletResourceSpec } from '../service-resource-spec.js';

// Exchange Online settings, read through its InvokeCommand admin API with the cmdlets (and property
// names) of Microsoft's Exchange cmdlet reference. Get-EXOMailbox is the module's own REST call and
// not an InvokeCommand cmdlet, so mailboxes are read with Get-Mailbox (which carries the audit
// properties without -PropertySets). Lists that Exchange caps at 1000 objects ask for all of them.

/** What this service's controls read, by the key they name. */
export const exchangeResources = {
  /** Audit, Customer Lockbox, Bookings, modern authentication, MailTips, Direct Send (one object). */
  organizationConfig: { service: 'exchange', cmdlet: 'Get-OrganizationConfig', kind: 'get' },
  /** UnifiedAuditLogIngestionEnabled (one object). */
  adminAuditLogConfig: { service: 'exchange', cmdlet: 'Get-AdminAuditLogConfig', kind: 'get' },
  /** SmtpClientAuthenticationDisabled (one object). */
  transportConfig: { service: 'exchange', cmdlet: 'Get-TransportConfig', kind: 'get' },
  /** The External tag on mail from outside senders (one object). */
  externalInOutlook: { service: 'exchange', cmdlet: 'Get-ExternalInOutlook', kind: 'get' },
  /** Calendar sharing with other organisations. */
  sharingPolicies: { service: 'exchange', cmdlet: 'Get-SharingPolicy', kind: 'list' },
  /** Outlook on the web policies: additional storage providers, Bookings mailbox creation. */
  owaMailboxPolicies: { service: 'exchange', cmdlet: 'Get-OwaMailboxPolicy', kind: 'list' },
  /** What users may manage themselves, add-ins included. */
  roleAssignmentPolicies: { service: 'exchange', cmdlet: 'Get-RoleAssignmentPolicy', kind: 'list' },
  /** Mail flow rules: redirects and spam-filter bypasses. */
  transportRules: {
    service: 'exchange',
    cmdlet: 'Get-TransportRule',
    parameters: { ResultSize: 'Unlimited' },
    kind: 'list',
  },
  /**
   * User and shared mailboxes in one read: audit settings and role assignment policy (user
   * mailboxes), Entra accounts by ExternalDirectoryObjectId (shared ones).
   */
  mailboxes: {
    service: 'exchange',
    cmdlet: 'Get-Mailbox',
    parameters: { RecipientTypeDetails: ['UserMailbox', 'SharedMailbox'], ResultSize: 'Unlimited' },
    kind: 'list',
  },
  /** Accounts whose mailbox access is not audited (AuditBypassEnabled). */
  mailboxAuditBypassAssociations: {
    service: 'exchange',
    cmdlet: 'Get-MailboxAuditBypassAssociation',
    parameters: { ResultSize: 'Unlimited' },
    kind: 'list',
  },
} as const satisfies Record<string, CmdletResourceSpec>;
