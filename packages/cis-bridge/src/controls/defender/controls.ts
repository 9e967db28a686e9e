import { cisServiceControl } from '../cis-service-control.js';
import type { Control, EvaluationContext, Outcome } from '../types.js';
import { cisa, mitre } from '../types.js';
import { items, type Json, obj, str, strings } from '../values.js';
import { CIS_BLOCKED_FILE_TYPES } from './attachment-types.js';
import { adminPolicies, everyPolicy, identityOf, nameOf, nonEmpty, shown } from './policies.js';
import { priorityAccountProtection, strictPresetForPriorityAccounts } from './priority-accounts.js';

// CIS 2.1 and 2.4: Defender for Office 365 / Exchange Online Protection policies, read through
// Exchange Online's InvokeCommand API. Where CIS notes that a custom policy must carry the setting
// too, every policy an admin configures is checked (the default and custom ones; the preset
// policies' own are Microsoft's to manage) and the first offending one is the finding's resource.

const malwareNotification = (p: Json) =>
  p.EnableInternalSenderAdminNotifications === true && nonEmpty([p.InternalSenderAdminAddress]);

/** A custom anti-malware policy is in force only through an enabled rule; the default always is. */
function inForce(policy: Json, rules: Json[]): boolean {
  if (policy.IsDefault === true) return true;
  return rules.some(
    (r) =>
      r.State === 'Enabled' &&
      (r.MalwareFilterPolicy === identityOf(policy) || r.MalwareFilterPolicy === nameOf(policy)),
  );
}

function comprehensiveAttachmentFiltering(ctx: EvaluationContext): Outcome {
  const policies = adminPolicies(ctx.get('malwareFilterPolicies'), 'Get-MalwareFilterPolicy');
  const rules = items(ctx.get('malwareFilterRules'));
  const coverage = policies.map((p) => {
    const types = new Set(strings(p.FileTypes).map((t) => t.toLowerCase()));
    const missing = CIS_BLOCKED_FILE_TYPES.filter((t) => !types.has(t.toLowerCase()));
    return { policy: p, missing, applied: p.EnableFileFilter === true && inForce(p, rules) };
  });
  const applied = coverage.filter((c) => c.applied).sort((a, b) => a.missing.length - b.missing.length);
  const best = applied[0];
  const complete = best !== undefined && best.missing.length === 0;
  return {
    status: complete ? 'pass' : 'fail',
    evidence: {
      requiredExtensions: CIS_BLOCKED_FILE_TYPES.length,
      policies: coverage.map((c) => ({
        policy: nameOf(c.policy),
        EnableFileFilter: c.policy.EnableFileFilter === true,
        inForce: inForce(c.policy, rules),
        missingCount: c.missing.length,
      })),
      ...(best ? { closestPolicy: nameOf(best.policy), missingExtensions: best.missing } : {}),
    },
  };
}

const outboundNotifications = (p: Json) =>
  p.BccSuspiciousOutboundMail === true &&
  nonEmpty(p.BccSuspiciousOutboundAdditionalRecipients) &&
  p.NotifyOutboundSpam === true &&
  nonEmpty(p.NotifyOutboundSpamRecipients);

/** CIS 2.1.15's limits: these values or lower (0 is the service's own, higher, limit). */
const OUTBOUND_LIMITS = {
  RecipientLimitExternalPerHour: 500,
  RecipientLimitInternalPerHour: 1000,
  RecipientLimitPerDay: 1000,
} as const;

const outboundLimits = (p: Json) =>
  Object.entries(OUTBOUND_LIMITS).every(([key, max]) => {
    const value = p[key];
    return typeof value === 'number' && value > 0 && value <= max;
  }) && p.ActionWhenThresholdReached === 'BlockUser';

/** CIS 2.1.7's anti-phishing settings (its remediation's New-AntiPhishPolicy). */
const ANTI_PHISH_SETTINGS: Record<string, unknown> = {
  Enabled: true,
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
/** '3 - More aggressive' or stricter. */
const PHISH_THRESHOLD = 3;

function antiPhishGaps(policy: Json): Record<string, unknown> {
  const gaps: Record<string, unknown> = {};
  for (const [key, want] of Object.entries(ANTI_PHISH_SETTINGS)) {
    if (policy[key] !== want) gaps[key] = policy[key] ?? null;
  }
  const level = policy.PhishThresholdLevel;
  if (typeof level !== 'number' || level < PHISH_THRESHOLD) gaps.PhishThresholdLevel = level ?? null;
  return gaps;
}

/** Whom an anti-phishing policy reaches: everyone (the default), or its enabled rule's recipients. */
function antiPhishScope(
  policy: Json,
  rules: Json[],
): Record<string, string[]> | 'all recipients' | undefined {
  if (policy.IsDefault === true) return 'all recipients';
  const rule = rules.find(
    (r) =>
      r.State === 'Enabled' &&
      (r.AntiPhishPolicy === identityOf(policy) || r.AntiPhishPolicy === nameOf(policy)),
  );
  if (!rule) return undefined;
  const scope: Record<string, string[]> = {};
  for (const key of ['RecipientDomainIs', 'SentToMemberOf', 'SentTo']) {
    const values = strings(rule[key]);
    if (values.length > 0) scope[key] = values;
  }
  return Object.keys(scope).length > 0 ? scope : undefined;
}

function antiPhishingPolicy(ctx: EvaluationContext): Outcome {
  const policies = adminPolicies(ctx.get('antiPhishPolicies'), 'Get-AntiPhishPolicy');
  const rules = items(ctx.get('antiPhishRules'));
  const checked = policies.map((p) => ({
    policy: p,
    gaps: antiPhishGaps(p),
    scope: antiPhishScope(p, rules),
  }));
  const qualifying = checked.find((c) => Object.keys(c.gaps).length === 0 && c.scope !== undefined);
  if (qualifying) {
    return {
      status: 'pass',
      evidence: {
        policy: nameOf(qualifying.policy),
        appliesTo: qualifying.scope ?? null,
        settingsAsCis: true,
      },
    };
  }
  return {
    status: 'fail',
    evidence: {
      policies: checked.map((c) => ({
        policy: nameOf(c.policy),
        appliesTo: c.scope ?? 'no enabled rule with recipients',
        settingsNotAsCis: c.gaps,
      })),
      expected: { ...ANTI_PHISH_SETTINGS, PhishThresholdLevel: `${PHISH_THRESHOLD} or higher` },
    },
  };
}

const IN_DEFENDER = 'Defender portal > Email & collaboration > Policies & rules > Threat policies';

export const defenderControls: Control[] = [
  cisServiceControl('2.1.2', {
    severity: 'medium',
    references: [mitre('T1566.001')],
    resources: ['malwareFilterPolicies'],
    remediation: `Turn on the common attachments filter in every anti-malware policy (${IN_DEFENDER} > Anti-malware; Set-MalwareFilterPolicy -Identity Default -EnableFileFilter $true).`,
    evaluate: (ctx) =>
      everyPolicy(
        adminPolicies(ctx.get('malwareFilterPolicies'), 'Get-MalwareFilterPolicy'),
        'malwareFilterPolicy',
        (p) => p.EnableFileFilter === true,
        (p) => ({ EnableFileFilter: p.EnableFileFilter ?? null }),
        { EnableFileFilter: true },
      ),
  }),
  cisServiceControl('2.1.3', {
    severity: 'low',
    resources: ['malwareFilterPolicies'],
    remediation: `Notify an admin about undelivered messages from internal senders in every anti-malware policy (${IN_DEFENDER} > Anti-malware; Set-MalwareFilterPolicy -EnableInternalSenderAdminNotifications $true -InternalSenderAdminAddress <admin>).`,
    evaluate: (ctx) =>
      everyPolicy(
        adminPolicies(ctx.get('malwareFilterPolicies'), 'Get-MalwareFilterPolicy'),
        'malwareFilterPolicy',
        malwareNotification,
        (p) => ({
          EnableInternalSenderAdminNotifications: p.EnableInternalSenderAdminNotifications ?? null,
          InternalSenderAdminAddress: str(p.InternalSenderAdminAddress) ?? null,
        }),
        {
          EnableInternalSenderAdminNotifications: true,
          InternalSenderAdminAddress: 'an administrator address',
        },
      ),
  }),
  cisServiceControl('2.1.5', {
    severity: 'medium',
    references: [mitre('T1204.002')],
    resources: ['atpPolicyForO365'],
    licence: 'defenderO365P2',
    remediation: `Turn on Defender for Office 365 for SharePoint, OneDrive and Teams and Safe Documents, and stop click-through (${IN_DEFENDER} > Safe Attachments > Global settings; Set-AtpPolicyForO365 -EnableATPForSPOTeamsODB $true -EnableSafeDocs $true -AllowSafeDocsOpen $false).`,
    evaluate: (ctx) => {
      const policy = obj(ctx.get('atpPolicyForO365'));
      const actual = {
        EnableATPForSPOTeamsODB: shown(policy.EnableATPForSPOTeamsODB),
        EnableSafeDocs: shown(policy.EnableSafeDocs),
        AllowSafeDocsOpen: shown(policy.AllowSafeDocsOpen),
      };
      const ok =
        actual.EnableATPForSPOTeamsODB === true &&
        actual.EnableSafeDocs === true &&
        actual.AllowSafeDocsOpen === false;
      return {
        status: ok ? 'pass' : 'fail',
        evidence: {
          ...actual,
          expected: { EnableATPForSPOTeamsODB: true, EnableSafeDocs: true, AllowSafeDocsOpen: false },
        },
      };
    },
  }),
  cisServiceControl('2.1.6', {
    severity: 'low',
    resources: ['hostedOutboundSpamFilterPolicies'],
    remediation: `In every outbound anti-spam policy, copy suspicious outbound messages to and notify a monitored mailbox (${IN_DEFENDER} > Anti-spam > outbound policy; Set-HostedOutboundSpamFilterPolicy -BccSuspiciousOutboundMail $true -BccSuspiciousOutboundAdditionalRecipients <addr> -NotifyOutboundSpam $true -NotifyOutboundSpamRecipients <addr>).`,
    evaluate: (ctx) =>
      everyPolicy(
        adminPolicies(ctx.get('hostedOutboundSpamFilterPolicies'), 'Get-HostedOutboundSpamFilterPolicy'),
        'hostedOutboundSpamFilterPolicy',
        outboundNotifications,
        (p) => ({
          BccSuspiciousOutboundMail: p.BccSuspiciousOutboundMail ?? null,
          BccSuspiciousOutboundAdditionalRecipients: strings(p.BccSuspiciousOutboundAdditionalRecipients),
          NotifyOutboundSpam: p.NotifyOutboundSpam ?? null,
          NotifyOutboundSpamRecipients: strings(p.NotifyOutboundSpamRecipients),
        }),
        {
          BccSuspiciousOutboundMail: true,
          BccSuspiciousOutboundAdditionalRecipients: 'at least one address',
          NotifyOutboundSpam: true,
          NotifyOutboundSpamRecipients: 'at least one address',
        },
      ),
  }),
  cisServiceControl('2.1.7', {
    severity: 'high',
    references: [mitre('T1566')],
    resources: ['antiPhishPolicies', 'antiPhishRules'],
    licence: 'defenderO365P1',
    remediation: `Create an anti-phishing policy with CIS's settings (threshold 3, user, domain and mailbox intelligence impersonation protection quarantining, safety tips, honour DMARC) applied to the organisation's domains (${IN_DEFENDER} > Anti-phishing; New-AntiPhishPolicy and New-AntiPhishRule -RecipientDomainIs).`,
    evaluate: antiPhishingPolicy,
  }),
  cisServiceControl('2.1.11', {
    severity: 'medium',
    references: [mitre('T1566.001')],
    resources: ['malwareFilterPolicies', 'malwareFilterRules'],
    remediation:
      "Create an anti-malware policy blocking CIS's 184 file types with the filter on, and an enabled rule for the organisation's domains (New-MalwareFilterPolicy -EnableFileFilter $true -FileTypes <list>; New-MalwareFilterRule -RecipientDomainIs).",
    evaluate: comprehensiveAttachmentFiltering,
  }),
  cisServiceControl('2.1.12', {
    severity: 'medium',
    references: [cisa('MS.EXO.12.1v1')],
    resources: ['hostedConnectionFilterPolicies'],
    remediation: `Remove every address from the connection filter's IP allow list (${IN_DEFENDER} > Anti-spam > Connection filter policy; Set-HostedConnectionFilterPolicy -Identity Default -IPAllowList @{}).`,
    evaluate: (ctx) =>
      everyPolicy(
        items(ctx.get('hostedConnectionFilterPolicies')),
        'hostedConnectionFilterPolicy',
        (p) => strings(p.IPAllowList).length === 0,
        (p) => ({ IPAllowList: strings(p.IPAllowList) }),
        { IPAllowList: [] },
      ),
  }),
  cisServiceControl('2.1.13', {
    severity: 'medium',
    references: [cisa('MS.EXO.12.2v1')],
    resources: ['hostedConnectionFilterPolicies'],
    remediation: `Turn off the connection filter's safe list (${IN_DEFENDER} > Anti-spam > Connection filter policy; Set-HostedConnectionFilterPolicy -Identity Default -EnableSafeList $false).`,
    evaluate: (ctx) =>
      everyPolicy(
        items(ctx.get('hostedConnectionFilterPolicies')),
        'hostedConnectionFilterPolicy',
        (p) => p.EnableSafeList === false,
        (p) => ({ EnableSafeList: p.EnableSafeList ?? null }),
        { EnableSafeList: false },
      ),
  }),
  cisServiceControl('2.1.14', {
    severity: 'medium',
    references: [cisa('MS.EXO.14.3v1')],
    resources: ['hostedContentFilterPolicies'],
    remediation: `Remove the allowed domains from every inbound anti-spam policy (${IN_DEFENDER} > Anti-spam; Set-HostedContentFilterPolicy -Identity <policy> -AllowedSenderDomains @{}).`,
    evaluate: (ctx) =>
      everyPolicy(
        items(ctx.get('hostedContentFilterPolicies')),
        'hostedContentFilterPolicy',
        (p) => strings(p.AllowedSenderDomains).length === 0,
        (p) => ({ AllowedSenderDomains: strings(p.AllowedSenderDomains) }),
        { AllowedSenderDomains: [] },
      ),
  }),
  cisServiceControl('2.1.15', {
    severity: 'medium',
    references: [mitre('T1534')],
    resources: ['hostedOutboundSpamFilterPolicies'],
    remediation: `Set outbound message limits of at most 500 external and 1,000 internal recipients an hour and 1,000 a day, restricting the user from sending when reached (${IN_DEFENDER} > Anti-spam > outbound policy; Set-HostedOutboundSpamFilterPolicy -RecipientLimitExternalPerHour 500 -RecipientLimitInternalPerHour 1000 -RecipientLimitPerDay 1000 -ActionWhenThresholdReached BlockUser).`,
    evaluate: (ctx) =>
      everyPolicy(
        adminPolicies(ctx.get('hostedOutboundSpamFilterPolicies'), 'Get-HostedOutboundSpamFilterPolicy'),
        'hostedOutboundSpamFilterPolicy',
        outboundLimits,
        (p) => ({
          RecipientLimitExternalPerHour: p.RecipientLimitExternalPerHour ?? null,
          RecipientLimitInternalPerHour: p.RecipientLimitInternalPerHour ?? null,
          RecipientLimitPerDay: p.RecipientLimitPerDay ?? null,
          ActionWhenThresholdReached: p.ActionWhenThresholdReached ?? null,
        }),
        {
          RecipientLimitExternalPerHour: '1-500 (0 is the service default)',
          RecipientLimitInternalPerHour: '1-1000',
          RecipientLimitPerDay: '1-1000',
          ActionWhenThresholdReached: 'BlockUser',
        },
      ),
  }),
  cisServiceControl('2.4.1', {
    severity: 'medium',
    resources: ['emailTenantSettings', 'priorityAccounts'],
    licence: 'defenderO365P2',
    remediation:
      'Turn on priority account protection (Defender portal > Settings > Email & collaboration > Priority account protection; Set-EmailTenantSettings -EnablePriorityAccountProtection $true), tag the priority accounts (Microsoft 365 admin center > Users), and add alert policies for them.',
    evaluate: priorityAccountProtection,
  }),
  cisServiceControl('2.4.2', {
    severity: 'high',
    references: [cisa('MS.DEFENDER.1.4v1'), cisa('MS.DEFENDER.1.5v1')],
    resources: ['eopProtectionPolicyRules', 'atpProtectionPolicyRules', 'priorityAccounts'],
    licence: 'defenderO365P1',
    remediation:
      'Turn on the Strict preset security policy and add every priority account to both its Exchange Online Protection and Defender for Office 365 protections (Defender portal > Email & collaboration > Policies & rules > Threat policies > Preset security policies).',
    evaluate: strictPresetForPriorityAccounts,
  }),
  cisServiceControl('2.4.4', {
    severity: 'medium',
    resources: ['teamsProtectionPolicy'],
    licence: 'defenderO365P2',
    remediation:
      "Turn on zero-hour auto purge for Teams (Defender portal > Settings > Email & collaboration > Microsoft Teams protection; Set-TeamsProtectionPolicy -Identity 'Teams Protection Policy' -ZapEnabled $true).",
    evaluate: (ctx) => {
      const policy = obj(ctx.get('teamsProtectionPolicy'));
      return {
        status: policy.ZapEnabled === true ? 'pass' : 'fail',
        evidence: { policy: nameOrIdentity(policy), ZapEnabled: shown(policy.ZapEnabled), expected: true },
      };
    },
  }),
];

function nameOrIdentity(policy: Json): string {
  return str(policy.Identity) ?? 'Teams Protection Policy';
}
