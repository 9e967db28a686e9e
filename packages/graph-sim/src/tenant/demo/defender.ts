// The demo tenant's Defender for Office 365 / EOP policies: Contoso runs the default policies, a
// custom anti-phishing policy, a custom inbound anti-spam policy for marketing partners and the
// Strict preset for its executives. Planted for the demo to find (CIS 2.x):
// - 2.1.3: the default anti-malware policy does not notify an admin about internal senders of malware;
// - 2.1.11: no anti-malware policy blocks the CIS list of file types (the default keeps Microsoft's 53);
// - 2.1.12: the connection filter allows a partner relay's IP address;
// - 2.1.14: the 'Marketing partners' inbound policy allows two sender domains;
// - 2.1.15: the default outbound policy keeps the service's message limits (0) and blocks for a day only;
// - 2.4.2: the Strict preset covers Megan Bowen but not Isaiah Langer, both priority accounts.
import type {
  AntiPhishPolicy,
  AntiPhishRule,
  AtpProtectionPolicyRule,
  DefenderData,
  EopProtectionPolicyRule,
  HostedContentFilterPolicy,
  HostedOutboundSpamFilterPolicy,
  MalwareFilterPolicy,
  MalwareFilterRule,
  RecipientConditions,
  SafeAttachmentPolicy,
  SafeAttachmentRule,
  SafeLinksPolicy,
  SafeLinksRule,
} from '../defender.js';
import { daysAgo, stableId } from './directory/ids.js';
import { demoPeople } from './people.js';

/** Microsoft's default list of the common attachment types filter (53 extensions). */
export const DEFAULT_FILE_TYPES: readonly string[] = [
  'ace',
  'ani',
  'apk',
  'app',
  'appx',
  'arj',
  'bat',
  'cab',
  'cmd',
  'com',
  'deb',
  'dex',
  'dll',
  'docm',
  'elf',
  'exe',
  'hta',
  'img',
  'iso',
  'jar',
  'jnlp',
  'kext',
  'lha',
  'lib',
  'library',
  'lnk',
  'lzh',
  'macho',
  'msc',
  'msi',
  'msix',
  'msp',
  'mst',
  'pif',
  'ppa',
  'ppam',
  'reg',
  'rev',
  'scf',
  'scr',
  'sct',
  'sys',
  'uif',
  'vb',
  'vbe',
  'vbs',
  'vxd',
  'wsc',
  'wsf',
  'wsh',
  'xll',
  'xz',
  'z',
];

const STRICT = 'Strict Preset Security Policy';
const STANDARD = 'Standard Preset Security Policy';
/** The preset policies' own objects carry a numeric suffix, as the service names them. */
const STRICT_POLICY = `${STRICT}1622650008534`;
const STANDARD_POLICY = `${STANDARD}1622650008019`;

const noConditions: RecipientConditions = {
  SentTo: null,
  SentToMemberOf: null,
  RecipientDomainIs: null,
  ExceptIfSentTo: null,
  ExceptIfSentToMemberOf: null,
  ExceptIfRecipientDomainIs: null,
};

function base(now: Date, name: string, isDefault: boolean) {
  return {
    Identity: name,
    Name: name,
    Guid: stableId(`defender/${name}`),
    IsDefault: isDefault,
    RecommendedPolicyType: 'Custom' as const,
    WhenChanged: daysAgo(now, 40),
  };
}

export function malwareFilterPolicy(
  now: Date,
  name: string,
  settings: Partial<MalwareFilterPolicy> = {},
): MalwareFilterPolicy {
  return {
    ...base(now, name, name === 'Default'),
    EnableFileFilter: true,
    FileTypes: [...DEFAULT_FILE_TYPES],
    FileTypeAction: 'Reject',
    EnableInternalSenderAdminNotifications: false,
    InternalSenderAdminAddress: null,
    EnableExternalSenderAdminNotifications: false,
    ExternalSenderAdminAddress: null,
    ZapEnabled: true,
    QuarantineTag: 'AdminOnlyAccessPolicy',
    ...settings,
  };
}

export function outboundSpamPolicy(
  now: Date,
  name: string,
  settings: Partial<HostedOutboundSpamFilterPolicy> = {},
): HostedOutboundSpamFilterPolicy {
  return {
    ...base(now, name, name === 'Default'),
    BccSuspiciousOutboundMail: false,
    BccSuspiciousOutboundAdditionalRecipients: [],
    NotifyOutboundSpam: false,
    NotifyOutboundSpamRecipients: [],
    RecipientLimitExternalPerHour: 0,
    RecipientLimitInternalPerHour: 0,
    RecipientLimitPerDay: 0,
    ActionWhenThresholdReached: 'BlockUserForToday',
    AutoForwardingMode: 'Automatic',
    ...settings,
  };
}

export function antiPhishPolicy(
  now: Date,
  name: string,
  settings: Partial<AntiPhishPolicy> = {},
): AntiPhishPolicy {
  return {
    ...base(now, name, name === 'Office365 AntiPhish Default'),
    Enabled: true,
    PhishThresholdLevel: 1,
    EnableTargetedUserProtection: false,
    EnableOrganizationDomainsProtection: false,
    EnableMailboxIntelligence: true,
    EnableMailboxIntelligenceProtection: false,
    EnableSpoofIntelligence: true,
    TargetedUserProtectionAction: 'NoAction',
    TargetedDomainProtectionAction: 'NoAction',
    MailboxIntelligenceProtectionAction: 'NoAction',
    EnableFirstContactSafetyTips: false,
    EnableSimilarUsersSafetyTips: false,
    EnableSimilarDomainsSafetyTips: false,
    EnableUnusualCharactersSafetyTips: false,
    HonorDmarcPolicy: true,
    TargetedUsersToProtect: [],
    ...settings,
  };
}

/** The anti-phishing settings CIS 2.1.7 asks for (its remediation's New-AntiPhishPolicy). */
export const CIS_ANTI_PHISH_SETTINGS: Partial<AntiPhishPolicy> = {
  Enabled: true,
  PhishThresholdLevel: 3,
  EnableTargetedUserProtection: true,
  EnableOrganizationDomainsProtection: true,
  EnableMailboxIntelligence: true,
  EnableMailboxIntelligenceProtection: true,
  EnableSpoofIntelligence: true,
  TargetedUserProtectionAction: 'Quarantine',
  TargetedDomainProtectionAction: 'Quarantine',
  MailboxIntelligenceProtectionAction: 'Quarantine',
  EnableFirstContactSafetyTips: true,
  EnableSimilarUsersSafetyTips: true,
  EnableSimilarDomainsSafetyTips: true,
  EnableUnusualCharactersSafetyTips: true,
  HonorDmarcPolicy: true,
};

export function contentFilterPolicy(
  now: Date,
  name: string,
  settings: Partial<HostedContentFilterPolicy> = {},
): HostedContentFilterPolicy {
  return {
    ...base(now, name, name === 'Default'),
    AllowedSenderDomains: [],
    AllowedSenders: [],
    SpamAction: 'MoveToJmf',
    HighConfidencePhishAction: 'Quarantine',
    ...settings,
  };
}

function rule<T extends object>(
  name: string,
  priority: number,
  conditions: Partial<RecipientConditions>,
  policy: T,
  state: 'Enabled' | 'Disabled' = 'Enabled',
) {
  return {
    Identity: name,
    Name: name,
    Guid: stableId(`defender/rule/${name}`),
    State: state,
    Priority: priority,
    ...noConditions,
    ...conditions,
    ...policy,
  };
}

export function malwareFilterRule(
  name: string,
  priority: number,
  conditions: Partial<RecipientConditions>,
  state: 'Enabled' | 'Disabled' = 'Enabled',
): MalwareFilterRule {
  return rule(name, priority, conditions, { MalwareFilterPolicy: name }, state);
}

export function antiPhishRule(
  name: string,
  priority: number,
  conditions: Partial<RecipientConditions>,
  state: 'Enabled' | 'Disabled' = 'Enabled',
): AntiPhishRule {
  return rule(name, priority, conditions, { AntiPhishPolicy: name }, state);
}

export function safeLinksRule(
  name: string,
  priority: number,
  conditions: Partial<RecipientConditions>,
  state: 'Enabled' | 'Disabled' = 'Enabled',
): SafeLinksRule {
  return rule(name, priority, conditions, { SafeLinksPolicy: name }, state);
}

export function safeAttachmentRule(
  name: string,
  priority: number,
  conditions: Partial<RecipientConditions>,
  state: 'Enabled' | 'Disabled' = 'Enabled',
): SafeAttachmentRule {
  return rule(name, priority, conditions, { SafeAttachmentPolicy: name }, state);
}

/** CIS 2.1.1's Safe Links settings. */
export const CIS_SAFE_LINKS_SETTINGS = {
  EnableSafeLinksForEmail: true,
  EnableSafeLinksForTeams: true,
  EnableSafeLinksForOffice: true,
  TrackClicks: true,
  AllowClickThrough: false,
  ScanUrls: true,
  EnableForInternalSenders: true,
  DeliverMessageAfterScan: true,
  DisableUrlRewrite: false,
} as const;

export function safeLinksPolicy(name: string, settings: Partial<SafeLinksPolicy> = {}): SafeLinksPolicy {
  return {
    Identity: name,
    Name: name,
    Guid: stableId(`defender/${name}`),
    IsBuiltInProtection: false,
    RecommendedPolicyType: 'Custom',
    ...CIS_SAFE_LINKS_SETTINGS,
    ...settings,
  };
}

export function safeAttachmentPolicy(
  name: string,
  settings: Partial<SafeAttachmentPolicy> = {},
): SafeAttachmentPolicy {
  return {
    Identity: name,
    Name: name,
    Guid: stableId(`defender/${name}`),
    IsBuiltInProtection: false,
    RecommendedPolicyType: 'Custom',
    Enable: true,
    Action: 'Block',
    QuarantineTag: 'AdminOnlyAccessPolicy',
    ...settings,
  };
}

const BUILT_IN = 'Built-In Protection Policy';

/** A preset security policy's EOP rule (Identity `Strict Preset Security Policy` or `Standard …`). */
export function eopPresetRule(
  preset: 'Strict' | 'Standard',
  conditions: Partial<RecipientConditions>,
  state: 'Enabled' | 'Disabled' = 'Enabled',
): EopProtectionPolicyRule {
  const policy = preset === 'Strict' ? STRICT_POLICY : STANDARD_POLICY;
  return rule(
    preset === 'Strict' ? STRICT : STANDARD,
    preset === 'Strict' ? 0 : 1,
    conditions,
    { HostedContentFilterPolicy: policy, AntiPhishPolicy: policy, MalwareFilterPolicy: policy },
    state,
  );
}

/** A preset security policy's Defender for Office 365 rule. */
export function atpPresetRule(
  preset: 'Strict' | 'Standard',
  conditions: Partial<RecipientConditions>,
  state: 'Enabled' | 'Disabled' = 'Enabled',
): AtpProtectionPolicyRule {
  const policy = preset === 'Strict' ? STRICT_POLICY : STANDARD_POLICY;
  return rule(
    preset === 'Strict' ? STRICT : STANDARD,
    preset === 'Strict' ? 0 : 1,
    conditions,
    { SafeAttachmentPolicy: policy, SafeLinksPolicy: policy },
    state,
  );
}

/** The Strict preset's own policies, as the Get- cmdlets list them beside the admin's. */
function strictPresetPolicies(now: Date) {
  const preset = { RecommendedPolicyType: 'Strict' as const };
  return {
    malware: malwareFilterPolicy(now, STRICT_POLICY, preset),
    antiPhish: antiPhishPolicy(now, STRICT_POLICY, {
      ...CIS_ANTI_PHISH_SETTINGS,
      PhishThresholdLevel: 4,
      ...preset,
    }),
    content: contentFilterPolicy(now, STRICT_POLICY, { SpamAction: 'Quarantine', ...preset }),
    outbound: outboundSpamPolicy(now, STRICT_POLICY, {
      RecipientLimitExternalPerHour: 400,
      RecipientLimitInternalPerHour: 800,
      RecipientLimitPerDay: 800,
      ActionWhenThresholdReached: 'BlockUser',
      ...preset,
    }),
  };
}

const SECOPS = 'secops@contoso.com';

/** The demo tenant's Defender for Office 365 policies. */
export function demoDefender(now: Date): DefenderData {
  const strict = strictPresetPolicies(now);
  return {
    malwareFilterPolicies: [malwareFilterPolicy(now, 'Default'), strict.malware],
    malwareFilterRules: [],
    atpPolicyForO365: {
      Identity: 'Default',
      EnableATPForSPOTeamsODB: true,
      EnableSafeDocs: true,
      AllowSafeDocsOpen: false,
    },
    // Microsoft's built-in protection does not scan links in internal mail; Contoso's own policy does.
    safeLinksPolicies: [
      safeLinksPolicy(BUILT_IN, { IsBuiltInProtection: true, EnableForInternalSenders: false }),
      safeLinksPolicy('Contoso Safe Links'),
      safeLinksPolicy(STRICT_POLICY, { RecommendedPolicyType: 'Strict' }),
    ],
    safeLinksRules: [safeLinksRule('Contoso Safe Links', 0, { RecipientDomainIs: ['contoso.com'] })],
    safeAttachmentPolicies: [
      safeAttachmentPolicy(BUILT_IN, { IsBuiltInProtection: true }),
      safeAttachmentPolicy(STRICT_POLICY, { RecommendedPolicyType: 'Strict' }),
    ],
    safeAttachmentRules: [],
    hostedOutboundSpamFilterPolicies: [
      outboundSpamPolicy(now, 'Default', {
        BccSuspiciousOutboundMail: true,
        BccSuspiciousOutboundAdditionalRecipients: [SECOPS],
        NotifyOutboundSpam: true,
        NotifyOutboundSpamRecipients: [SECOPS],
        AutoForwardingMode: 'Off',
      }),
      strict.outbound,
    ],
    antiPhishPolicies: [
      antiPhishPolicy(now, 'Office365 AntiPhish Default'),
      antiPhishPolicy(now, 'Contoso AntiPhish', {
        ...CIS_ANTI_PHISH_SETTINGS,
        TargetedUsersToProtect: [
          `${demoPeople.megan.displayName};${demoPeople.megan.userPrincipalName}`,
          `${demoPeople.isaiah.displayName};${demoPeople.isaiah.userPrincipalName}`,
        ],
      }),
      strict.antiPhish,
    ],
    antiPhishRules: [antiPhishRule('Contoso AntiPhish', 0, { RecipientDomainIs: ['contoso.com'] })],
    hostedConnectionFilterPolicies: [
      {
        Identity: 'Default',
        Name: 'Default',
        IsDefault: true,
        IPAllowList: ['203.0.113.25'],
        IPBlockList: [],
        EnableSafeList: false,
      },
    ],
    hostedContentFilterPolicies: [
      contentFilterPolicy(now, 'Default'),
      contentFilterPolicy(now, 'Marketing partners', {
        AllowedSenderDomains: ['fabrikam.com', 'adatum.com'],
      }),
      strict.content,
    ],
    emailTenantSettings: { Identity: 'Default', EnablePriorityAccountProtection: true },
    priorityAccountIds: [demoPeople.megan.id, demoPeople.isaiah.id],
    eopProtectionPolicyRules: [eopPresetRule('Strict', { SentTo: [demoPeople.megan.userPrincipalName] })],
    atpProtectionPolicyRules: [atpPresetRule('Strict', { SentTo: [demoPeople.megan.userPrincipalName] })],
    teamsProtectionPolicy: {
      Identity: 'Teams Protection Policy',
      ZapEnabled: true,
      HighConfidencePhishQuarantineTag: 'AdminOnlyAccessPolicy',
      MalwareQuarantineTag: 'AdminOnlyAccessPolicy',
    },
    reportSubmissionPolicy: {
      Identity: 'DefaultReportSubmissionPolicy',
      ReportJunkToCustomizedAddress: true,
      ReportNotJunkToCustomizedAddress: true,
      ReportPhishToCustomizedAddress: true,
      ReportJunkAddresses: [SECOPS],
      ReportNotJunkAddresses: [SECOPS],
      ReportPhishAddresses: [SECOPS],
      ReportChatMessageEnabled: false,
      ReportChatMessageToCustomizedAddressEnabled: true,
      EnableReportToMicrosoft: false,
      EnableThirdPartyAddress: false,
      ThirdPartyReportAddresses: [],
    },
  };
}
