// Defender for Office 365 / Exchange Online Protection policies of the simulated tenant, served by
// Exchange Online's InvokeCommand API. Each object is what the Get- cmdlet writes to the pipeline,
// with the property names (PascalCase) and value types of Microsoft's Exchange cmdlet reference:
// booleans as booleans, enums as their names, multi-valued properties as arrays. Only the properties
// the audit and the tests read are typed; the index signature carries the rest as the cmdlet does.

/** Who a policy's preset owns it: `Custom` for the default and admin-made policies. */
export type RecommendedPolicyType = 'Custom' | 'Standard' | 'Strict';

interface PolicyBase {
  Identity: string;
  Name: string;
  Guid: string;
  /** The default policy applies to everyone no rule scopes to another policy. */
  IsDefault: boolean;
  RecommendedPolicyType: RecommendedPolicyType;
  WhenChanged: string;
  [property: string]: unknown;
}

/** Get-MalwareFilterPolicy. */
export interface MalwareFilterPolicy extends PolicyBase {
  EnableFileFilter: boolean;
  FileTypes: string[];
  FileTypeAction: 'Reject' | 'Quarantine';
  EnableInternalSenderAdminNotifications: boolean;
  InternalSenderAdminAddress: string | null;
  EnableExternalSenderAdminNotifications: boolean;
  ExternalSenderAdminAddress: string | null;
  ZapEnabled: boolean;
}

/** Recipient conditions shared by the rules that scope a policy (Get-*Rule). */
export interface RecipientConditions {
  SentTo: string[] | null;
  SentToMemberOf: string[] | null;
  RecipientDomainIs: string[] | null;
  ExceptIfSentTo: string[] | null;
  ExceptIfSentToMemberOf: string[] | null;
  ExceptIfRecipientDomainIs: string[] | null;
}

interface RuleBase extends RecipientConditions {
  Identity: string;
  Name: string;
  Guid: string;
  State: 'Enabled' | 'Disabled';
  Priority: number;
  [property: string]: unknown;
}

/** Get-MalwareFilterRule. */
export interface MalwareFilterRule extends RuleBase {
  MalwareFilterPolicy: string;
}

/** Get-AntiPhishRule. */
export interface AntiPhishRule extends RuleBase {
  AntiPhishPolicy: string;
}

/** Get-EOPProtectionPolicyRule: a preset policy's (Standard, Strict) Exchange Online Protection rule. */
export interface EopProtectionPolicyRule extends RuleBase {
  HostedContentFilterPolicy: string;
  AntiPhishPolicy: string;
  MalwareFilterPolicy: string;
}

/** Get-ATPProtectionPolicyRule: a preset policy's Defender for Office 365 rule. */
export interface AtpProtectionPolicyRule extends RuleBase {
  SafeAttachmentPolicy: string;
  SafeLinksPolicy: string;
}

/** Get-SafeLinksRule: which recipients a custom Safe Links policy applies to. */
export interface SafeLinksRule extends RuleBase {
  SafeLinksPolicy: string;
}

/** Get-SafeAttachmentRule: which recipients a custom Safe Attachments policy applies to. */
export interface SafeAttachmentRule extends RuleBase {
  SafeAttachmentPolicy: string;
}

/** Get-SafeLinksPolicy. The Built-In Protection Policy applies to everyone no other policy covers. */
export interface SafeLinksPolicy {
  Identity: string;
  Name: string;
  Guid: string;
  IsBuiltInProtection: boolean;
  RecommendedPolicyType: RecommendedPolicyType;
  EnableSafeLinksForEmail: boolean;
  EnableSafeLinksForTeams: boolean;
  EnableSafeLinksForOffice: boolean;
  TrackClicks: boolean;
  AllowClickThrough: boolean;
  ScanUrls: boolean;
  EnableForInternalSenders: boolean;
  DeliverMessageAfterScan: boolean;
  DisableUrlRewrite: boolean;
  [property: string]: unknown;
}

/** Get-SafeAttachmentPolicy. */
export interface SafeAttachmentPolicy {
  Identity: string;
  Name: string;
  Guid: string;
  IsBuiltInProtection: boolean;
  RecommendedPolicyType: RecommendedPolicyType;
  Enable: boolean;
  Action: 'Block' | 'DynamicDelivery' | 'Allow';
  QuarantineTag: string;
  [property: string]: unknown;
}

/** Get-AtpPolicyForO365 (one object, Identity `Default`). */
export interface AtpPolicyForO365 {
  Identity: string;
  EnableATPForSPOTeamsODB: boolean;
  EnableSafeDocs: boolean;
  AllowSafeDocsOpen: boolean;
  [property: string]: unknown;
}

/** Get-HostedOutboundSpamFilterPolicy. */
export interface HostedOutboundSpamFilterPolicy extends PolicyBase {
  BccSuspiciousOutboundMail: boolean;
  BccSuspiciousOutboundAdditionalRecipients: string[];
  NotifyOutboundSpam: boolean;
  NotifyOutboundSpamRecipients: string[];
  /** 0 = the service default. */
  RecipientLimitExternalPerHour: number;
  RecipientLimitInternalPerHour: number;
  RecipientLimitPerDay: number;
  ActionWhenThresholdReached: 'Alert' | 'BlockUser' | 'BlockUserForToday';
  AutoForwardingMode: 'Automatic' | 'On' | 'Off';
}

/** Get-AntiPhishPolicy. */
export interface AntiPhishPolicy extends PolicyBase {
  Enabled: boolean;
  /** 1 Standard, 2 Aggressive, 3 More aggressive, 4 Most aggressive. */
  PhishThresholdLevel: number;
  EnableTargetedUserProtection: boolean;
  EnableOrganizationDomainsProtection: boolean;
  EnableMailboxIntelligence: boolean;
  EnableMailboxIntelligenceProtection: boolean;
  EnableSpoofIntelligence: boolean;
  TargetedUserProtectionAction: string;
  TargetedDomainProtectionAction: string;
  MailboxIntelligenceProtectionAction: string;
  EnableFirstContactSafetyTips: boolean;
  EnableSimilarUsersSafetyTips: boolean;
  EnableSimilarDomainsSafetyTips: boolean;
  EnableUnusualCharactersSafetyTips: boolean;
  HonorDmarcPolicy: boolean;
  TargetedUsersToProtect: string[];
}

/** Get-HostedConnectionFilterPolicy (the tenant has the Default policy only). */
export interface HostedConnectionFilterPolicy {
  Identity: string;
  Name: string;
  IsDefault: boolean;
  IPAllowList: string[];
  IPBlockList: string[];
  EnableSafeList: boolean;
  [property: string]: unknown;
}

/** Get-HostedContentFilterPolicy (inbound anti-spam). */
export interface HostedContentFilterPolicy extends PolicyBase {
  AllowedSenderDomains: string[];
  AllowedSenders: string[];
  SpamAction: string;
  HighConfidencePhishAction: string;
}

/** Get-EmailTenantSettings (one object). */
export interface EmailTenantSettings {
  Identity: string;
  EnablePriorityAccountProtection: boolean;
  [property: string]: unknown;
}

/** Get-TeamsProtectionPolicy (one object, Identity `Teams Protection Policy`). */
export interface TeamsProtectionPolicy {
  Identity: string;
  ZapEnabled: boolean;
  [property: string]: unknown;
}

/** Get-ReportSubmissionPolicy (one object, Identity `DefaultReportSubmissionPolicy`). */
export interface ReportSubmissionPolicy {
  Identity: string;
  ReportJunkToCustomizedAddress: boolean;
  ReportNotJunkToCustomizedAddress: boolean;
  ReportPhishToCustomizedAddress: boolean;
  ReportJunkAddresses: string[];
  ReportNotJunkAddresses: string[];
  ReportPhishAddresses: string[];
  ReportChatMessageEnabled: boolean;
  ReportChatMessageToCustomizedAddressEnabled: boolean;
  EnableReportToMicrosoft: boolean;
  [property: string]: unknown;
}

export interface DefenderData {
  malwareFilterPolicies: MalwareFilterPolicy[];
  malwareFilterRules: MalwareFilterRule[];
  atpPolicyForO365: AtpPolicyForO365;
  safeLinksPolicies: SafeLinksPolicy[];
  safeLinksRules: SafeLinksRule[];
  safeAttachmentPolicies: SafeAttachmentPolicy[];
  safeAttachmentRules: SafeAttachmentRule[];
  hostedOutboundSpamFilterPolicies: HostedOutboundSpamFilterPolicy[];
  antiPhishPolicies: AntiPhishPolicy[];
  antiPhishRules: AntiPhishRule[];
  hostedConnectionFilterPolicies: HostedConnectionFilterPolicy[];
  hostedContentFilterPolicies: HostedContentFilterPolicy[];
  emailTenantSettings: EmailTenantSettings;
  /** Directory object ids of the users tagged as priority accounts (what Get-User -IsVIP returns). */
  priorityAccountIds: string[];
  eopProtectionPolicyRules: EopProtectionPolicyRule[];
  atpProtectionPolicyRules: AtpProtectionPolicyRule[];
  teamsProtectionPolicy: TeamsProtectionPolicy;
  reportSubmissionPolicy: ReportSubmissionPolicy;
}
