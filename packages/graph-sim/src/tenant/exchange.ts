// Exchange Online settings of the simulated tenant, as its Get- cmdlets write them to the pipeline
// (and so as the InvokeCommand admin API answers them): property names and casing as Microsoft's
// Exchange cmdlet reference shows them, booleans as booleans, multi-valued properties as string
// arrays, enums as their names. Only the properties the audit and a reader of its evidence need are
// modelled; a real object carries many more.

/** Get-OrganizationConfig: the organisation's settings (one object). */
export interface ExoOrganizationConfig {
  Name: string;
  Identity: string;
  DisplayName: string;
  /** Mailbox auditing on by default for the whole organisation when false (CIS 6.1.1). */
  AuditDisabled: boolean;
  /** Customer Lockbox requests (CIS 1.3.6). */
  CustomerLockBoxEnabled: boolean;
  /** Microsoft Bookings for the organisation (CIS 1.3.9). */
  BookingsEnabled: boolean;
  /** Modern authentication for Outlook clients (CIS 6.5.1). */
  OAuth2ClientProfileEnabled: boolean;
  /** MailTips (CIS 6.5.2). */
  MailTipsAllTipsEnabled: boolean;
  MailTipsExternalRecipientsTipsEnabled: boolean;
  MailTipsGroupMetricsEnabled: boolean;
  MailTipsLargeAudienceThreshold: number;
  MailTipsMailboxSourcedTipsEnabled: boolean;
  /** Anonymous mail from the organisation's own domains that matches no inbound connector is rejected (CIS 6.5.5). */
  RejectDirectSend: boolean;
}

/** Get-AdminAuditLogConfig (one object). */
export interface ExoAdminAuditLogConfig {
  Name: string;
  Identity: string;
  AdminAuditLogEnabled: boolean;
  /** Audit log search: the unified audit log ingests Exchange and other workloads' records (CIS 3.1.1). */
  UnifiedAuditLogIngestionEnabled: boolean;
}

/** Get-TransportConfig (one object). */
export interface ExoTransportConfig {
  Identity: string;
  /** SMTP AUTH client submission off for the organisation (CIS 6.5.4). */
  SmtpClientAuthenticationDisabled: boolean;
  MaxSendSize: string;
  MaxReceiveSize: string;
}

/** Get-ExternalInOutlook: the External tag on mail from outside senders (CIS 6.2.3). */
export interface ExoExternalInOutlook {
  Identity: string;
  Enabled: boolean;
  /** Senders or domains exempt from the tag. */
  AllowList: string[];
}

/** Get-SharingPolicy: calendar and contact sharing with other organisations (CIS 1.3.3). */
export interface ExoSharingPolicy {
  Name: string;
  Identity: string;
  /** `domain:action[,action]`, e.g. `*:CalendarSharingFreeBusySimple`, `Anonymous:CalendarSharingFreeBusyReviewer`. */
  Domains: string[];
  Enabled: boolean;
  /** The policy mailboxes get when none is assigned. */
  Default: boolean;
}

/** Get-OwaMailboxPolicy: Outlook on the web policies (CIS 1.3.9, 6.5.3). */
export interface ExoOwaMailboxPolicy {
  Name: string;
  Identity: string;
  IsDefault: boolean;
  AdditionalStorageProvidersAvailable: boolean;
  BookingsMailboxCreationEnabled: boolean;
}

/** Get-RoleAssignmentPolicy: what users may manage in their own mailbox (CIS 6.3.1). */
export interface ExoRoleAssignmentPolicy {
  Name: string;
  Identity: string;
  IsDefault: boolean;
  Description: string;
  /** Management roles by name, e.g. `MyBaseOptions`, `My Custom Apps`. */
  AssignedRoles: string[];
}

/** Get-TransportRule: mail flow rules (CIS 6.2.1 redirects, 6.2.2 domain allow rules). */
export interface ExoTransportRule {
  Name: string;
  Identity: string;
  Guid: string;
  Priority: number;
  State: 'Enabled' | 'Disabled';
  Mode: 'Enforce' | 'Audit' | 'AuditAndNotify';
  /** Sender domains the rule matches; null when the rule has no such condition. */
  SenderDomainIs: string[] | null;
  /** The spam confidence level the rule sets (-1 bypasses spam filtering); null when it sets none. */
  SetSCL: number | null;
  /** Recipients the message is redirected to; null when the rule does not redirect. */
  RedirectMessageTo: string[] | null;
}

export type RecipientTypeDetails = 'UserMailbox' | 'SharedMailbox' | 'RoomMailbox' | 'EquipmentMailbox';

/** Get-Mailbox: one mailbox, with its audit settings (CIS 1.2.2, 6.1.2, 6.3.1). */
export interface ExoMailbox {
  Name: string;
  Alias: string;
  DisplayName: string;
  Identity: string;
  Guid: string;
  UserPrincipalName: string;
  PrimarySmtpAddress: string;
  /** The mailbox's account in Entra ID (the user's object id). */
  ExternalDirectoryObjectId: string;
  RecipientType: 'UserMailbox';
  RecipientTypeDetails: RecipientTypeDetails;
  AuditEnabled: boolean;
  /** `90.00:00:00` style TimeSpan. */
  AuditLogAgeLimit: string;
  AuditAdmin: string[];
  AuditDelegate: string[];
  AuditOwner: string[];
  /** Which of the three sets are still Microsoft's defaults (a customised set is left out). */
  DefaultAuditSet: string[];
  /** The role assignment policy by name. */
  RoleAssignmentPolicy: string;
  SharingPolicy: string;
  OwaMailboxPolicy: string | null;
}

/** Get-MailboxAuditBypassAssociation: whether an account's mailbox access skips audit logging (CIS 6.1.3). */
export interface ExoMailboxAuditBypassAssociation {
  Name: string;
  Identity: string;
  AuditBypassEnabled: boolean;
}

export interface ExchangeData {
  organizationConfig: ExoOrganizationConfig;
  adminAuditLogConfig: ExoAdminAuditLogConfig;
  transportConfig: ExoTransportConfig;
  externalInOutlook: ExoExternalInOutlook;
  sharingPolicies: ExoSharingPolicy[];
  owaMailboxPolicies: ExoOwaMailboxPolicy[];
  roleAssignmentPolicies: ExoRoleAssignmentPolicy[];
  transportRules: ExoTransportRule[];
  mailboxes: ExoMailbox[];
  auditBypassAssociations: ExoMailboxAuditBypassAssociation[];
}
