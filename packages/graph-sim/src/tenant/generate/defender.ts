// Defender for Office 365 / EOP policies for generated tenants: the demo's shape with each CIS 2.x
// setting drawn from the seed (about a third of them misconfigured), so a large audit has a mix to
// find. Deterministic: the same options give the same policies.
import type { DefenderData } from '../defender.js';
import {
  antiPhishPolicy,
  antiPhishRule,
  atpPresetRule,
  CIS_ANTI_PHISH_SETTINGS,
  contentFilterPolicy,
  DEFAULT_FILE_TYPES,
  demoDefender,
  eopPresetRule,
  malwareFilterPolicy,
  malwareFilterRule,
  outboundSpamPolicy,
  safeAttachmentPolicy,
  safeAttachmentRule,
  safeLinksPolicy,
  safeLinksRule,
} from '../demo/defender.js';
import { CIS_BLOCKED_FILE_TYPES } from './attachment-types.js';
import { seededRandom } from './seeded-random.js';

export interface GenerateDefenderOptions {
  /** Any text or number; the same seed gives the same policies. Default 'contoso'. */
  seed?: string | number;
  /** "Now" for the policies' dates; default the current time. */
  now?: Date;
  /** Directory object ids of the users to tag as priority accounts. Default the demo's. */
  priorityAccountIds?: string[];
  /** Their user principal names, for the Strict preset's SentTo. Default none (the preset covers no one). */
  priorityAccountUpns?: string[];
  /** The tenant's accepted domain the policies' rules name. Default 'contoso.com'. */
  domain?: string;
  /**
   * Every CIS 2.x setting at its recommended value (no draws), and CIS's comprehensive attachment
   * filter in force for the domain: a well-run tenant. Default false.
   */
  hardened?: boolean;
}

export function generateDefender(options: GenerateDefenderOptions = {}): DefenderData {
  const now = options.now ?? new Date();
  const random = seededRandom(`defender/${options.seed ?? 'contoso'}`);
  const hardened = options.hardened === true;
  const ok = (share = 0.67) => hardened || random() < share;
  const domain = options.domain ?? 'contoso.com';
  const admin = `secops@${domain}`;
  const data = demoDefender(now);
  const upns = options.priorityAccountUpns ?? [];

  data.malwareFilterPolicies[0] = malwareFilterPolicy(now, 'Default', {
    EnableFileFilter: ok(0.9),
    ...(ok() ? { EnableInternalSenderAdminNotifications: true, InternalSenderAdminAddress: admin } : {}),
  });
  if (hardened) {
    // CIS 2.1.11: a custom policy blocking CIS's list, in force through an enabled rule.
    const name = `${domain} attachment filter`;
    data.malwareFilterPolicies.push(
      malwareFilterPolicy(now, name, {
        FileTypes: [...CIS_BLOCKED_FILE_TYPES],
        EnableInternalSenderAdminNotifications: true,
        InternalSenderAdminAddress: admin,
      }),
    );
    data.malwareFilterRules = [malwareFilterRule(name, 0, { RecipientDomainIs: [domain] })];
  } else if (ok(0.4)) {
    data.malwareFilterPolicies.push(
      malwareFilterPolicy(now, 'Extended attachment filter', {
        FileTypes: [
          ...new Set([...DEFAULT_FILE_TYPES, 'doc', 'xls', 'ppt', 'rar', '7z', 'iso', 'html', 'htm']),
        ],
        EnableInternalSenderAdminNotifications: true,
        InternalSenderAdminAddress: admin,
      }),
    );
  }
  data.atpPolicyForO365 = {
    Identity: 'Default',
    EnableATPForSPOTeamsODB: ok(0.8),
    EnableSafeDocs: ok(),
    AllowSafeDocsOpen: !ok(0.8),
  };
  data.safeLinksPolicies = [
    ...data.safeLinksPolicies.filter((p) => p.Name !== 'Contoso Safe Links'),
    safeLinksPolicy(`${domain} Safe Links`, ok() ? {} : { AllowClickThrough: true, TrackClicks: false }),
  ];
  data.safeLinksRules = [
    safeLinksRule(
      `${domain} Safe Links`,
      0,
      { RecipientDomainIs: [domain] },
      ok(0.8) ? 'Enabled' : 'Disabled',
    ),
  ];
  if (!ok(0.8)) {
    // A custom policy that lets attachments through unscanned, applied to the domain ahead of the built-in one.
    data.safeAttachmentPolicies.push(
      safeAttachmentPolicy(`${domain} Safe Attachments`, { Enable: false, Action: 'Allow' }),
    );
    data.safeAttachmentRules = [
      safeAttachmentRule(`${domain} Safe Attachments`, 0, { RecipientDomainIs: [domain] }),
    ];
  }
  const notify = ok();
  data.hostedOutboundSpamFilterPolicies[0] = outboundSpamPolicy(now, 'Default', {
    BccSuspiciousOutboundMail: notify,
    BccSuspiciousOutboundAdditionalRecipients: notify ? [admin] : [],
    NotifyOutboundSpam: notify,
    NotifyOutboundSpamRecipients: notify ? [admin] : [],
    ...(ok(0.5)
      ? {
          RecipientLimitExternalPerHour: 500,
          RecipientLimitInternalPerHour: 1000,
          RecipientLimitPerDay: 1000,
          ActionWhenThresholdReached: 'BlockUser' as const,
        }
      : {}),
    AutoForwardingMode: ok() ? 'Off' : 'Automatic',
  });
  const phishOk = ok();
  data.antiPhishPolicies = [
    antiPhishPolicy(now, 'Office365 AntiPhish Default'),
    antiPhishPolicy(
      now,
      `${domain} AntiPhish`,
      phishOk ? CIS_ANTI_PHISH_SETTINGS : { PhishThresholdLevel: 2 },
    ),
    ...data.antiPhishPolicies.filter((p) => p.RecommendedPolicyType === 'Strict'),
  ];
  data.antiPhishRules = [antiPhishRule(`${domain} AntiPhish`, 0, { RecipientDomainIs: [domain] })];
  data.hostedConnectionFilterPolicies[0] = {
    ...data.hostedConnectionFilterPolicies[0],
    Identity: 'Default',
    Name: 'Default',
    IsDefault: true,
    IPAllowList: ok(0.75) ? [] : ['198.51.100.10'],
    IPBlockList: [],
    EnableSafeList: !ok(0.85),
  };
  data.hostedContentFilterPolicies = [
    contentFilterPolicy(now, 'Default', ok(0.75) ? {} : { AllowedSenderDomains: ['partner.example'] }),
    ...data.hostedContentFilterPolicies.filter((p) => p.RecommendedPolicyType === 'Strict'),
  ];
  data.emailTenantSettings = { Identity: 'Default', EnablePriorityAccountProtection: ok(0.8) };
  data.priorityAccountIds = [...(options.priorityAccountIds ?? data.priorityAccountIds)];
  const strictState = ok() ? 'Enabled' : 'Disabled';
  data.eopProtectionPolicyRules = [
    eopPresetRule('Strict', { SentTo: upns.length ? upns : null }, strictState),
  ];
  data.atpProtectionPolicyRules = [
    atpPresetRule('Strict', { SentTo: upns.length ? upns : null }, strictState),
  ];
  data.teamsProtectionPolicy = { ...data.teamsProtectionPolicy, ZapEnabled: ok(0.85) };
  return data;
}
