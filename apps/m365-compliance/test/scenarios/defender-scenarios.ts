import {
  type DefenderData,
  demoPeople,
  type MalwareFilterPolicy,
  type RecipientConditions,
  type Tenant,
} from '@m365-mcp/graph-sim';
import type { ControlScenario } from './scenario-row.js';

// CIS 2.1 and 2.4 over Exchange Online's Defender / EOP cmdlets. The demo plants 2.1.3, 2.1.11,
// 2.1.12, 2.1.14, 2.1.15 and 2.4.2; the rest pass as planted.

function defaultOf<T extends { IsDefault: boolean }>(policies: T[], kind: string): T {
  const found = policies.find((p) => p.IsDefault);
  if (!found) throw new Error(`The demo tenant has no default ${kind}`);
  return found;
}

const malware = (t: Tenant) => defaultOf(t.defender.malwareFilterPolicies, 'anti-malware policy');
const outbound = (t: Tenant) =>
  defaultOf(t.defender.hostedOutboundSpamFilterPolicies, 'outbound spam policy');
const connection = (t: Tenant) => defaultOf(t.defender.hostedConnectionFilterPolicies, 'connection filter');

/** Adds file types to a policy's list (kept once each). */
function withCisFileTypes(policy: MalwareFilterPolicy, types: readonly string[]): void {
  policy.FileTypes = [...new Set([...policy.FileTypes, ...types])];
}

function strictRules(d: DefenderData): RecipientConditions[] {
  return [...d.eopProtectionPolicyRules, ...d.atpProtectionPolicyRules];
}

const CIS_L2_TYPES =
  `7z a3x ace ade adp ani app appinstaller applescript application appref-ms appx appxbundle arj asd asx bas bat bgi bz2 cab chm cmd com cpl crt cs csh daa dbf dcr deb desktopthemepackfile dex diagcab dif dir dll dmg doc docm dot dotm elf eml exe fxp gadget gz hlp hta htc htm html hwpx ics img inf ins iqy iso isp jar jnlp js jse kext ksh lha lib library-ms lnk lzh macho mam mda mdb mde mdt mdw mdz mht mhtml mof msc msi msix msp msrcincident mst ocx odt ops oxps pcd pif plg pot potm ppa ppam ppkg pps ppsm ppt pptm prf prg ps1 ps11 ps11xml ps1xml ps2 ps2xml psc1 psc2 pub py pyc pyo pyw pyz pyzw rar reg rev rtf scf scpt scr sct searchConnector-ms service settingcontent-ms sh shb shs shtm shtml sldm slk so spl stm svg swf sys tar theme themepack timer uif url uue vb vbe vbs vhd vhdx vxd wbk website wim wiz ws wsc wsf wsh xla xlam xlc xll xlm xls xlsb xlsm xlt xltm xlw xnk xps xsl xz z`.split(
    ' ',
  );

/** One row per control evaluated over this service's admin API (see control-scenarios.ts). */
export const defenderScenarios: ControlScenario[] = [
  {
    id: 'CIS.M365.2.1.2',
    fail: (t) => {
      malware(t).EnableFileFilter = false;
    },
    failEvidence: {
      policies: [{ policy: 'Default', EnableFileFilter: false }],
      offendingPolicies: ['Default'],
    },
    passEvidence: { policies: [{ policy: 'Default', EnableFileFilter: true }] },
  },
  {
    id: 'CIS.M365.2.1.3',
    failEvidence: {
      policies: [
        {
          policy: 'Default',
          EnableInternalSenderAdminNotifications: false,
          InternalSenderAdminAddress: null,
        },
      ],
    },
    pass: (t) =>
      Object.assign(malware(t), {
        EnableInternalSenderAdminNotifications: true,
        InternalSenderAdminAddress: 'secops@contoso.com',
      }),
    passEvidence: {
      policies: [
        {
          policy: 'Default',
          EnableInternalSenderAdminNotifications: true,
          InternalSenderAdminAddress: 'secops@contoso.com',
        },
      ],
    },
  },
  {
    id: 'CIS.M365.2.1.5',
    fail: (t) =>
      Object.assign(t.defender.atpPolicyForO365, { EnableSafeDocs: false, AllowSafeDocsOpen: true }),
    failEvidence: { EnableATPForSPOTeamsODB: true, EnableSafeDocs: false, AllowSafeDocsOpen: true },
    passEvidence: { EnableATPForSPOTeamsODB: true, EnableSafeDocs: true, AllowSafeDocsOpen: false },
  },
  {
    id: 'CIS.M365.2.1.6',
    fail: (t) => Object.assign(outbound(t), { NotifyOutboundSpam: false, NotifyOutboundSpamRecipients: [] }),
    failEvidence: {
      policies: [{ policy: 'Default', NotifyOutboundSpam: false, NotifyOutboundSpamRecipients: [] }],
    },
    passEvidence: {
      policies: [
        {
          policy: 'Default',
          BccSuspiciousOutboundMail: true,
          NotifyOutboundSpam: true,
          NotifyOutboundSpamRecipients: ['secops@contoso.com'],
        },
      ],
    },
  },
  {
    id: 'CIS.M365.2.1.7',
    fail: (t) => {
      const custom = t.defender.antiPhishPolicies.find((p) => p.Name === 'Contoso AntiPhish');
      if (custom)
        Object.assign(custom, { PhishThresholdLevel: 2, EnableMailboxIntelligenceProtection: false });
    },
    failEvidence: (e) =>
      JSON.stringify(e).includes('"policy":"Contoso AntiPhish"') &&
      JSON.stringify(e).includes('"PhishThresholdLevel":2') &&
      JSON.stringify(e).includes('"EnableMailboxIntelligenceProtection":false'),
    passEvidence: {
      policy: 'Contoso AntiPhish',
      appliesTo: { RecipientDomainIs: ['contoso.com'] },
      settingsAsCis: true,
    },
  },
  {
    id: 'CIS.M365.2.1.11',
    failEvidence: { requiredExtensions: 184, closestPolicy: 'Default' },
    pass: (t) => withCisFileTypes(malware(t), CIS_L2_TYPES),
    passEvidence: { requiredExtensions: 184, closestPolicy: 'Default', missingExtensions: [] },
  },
  {
    id: 'CIS.M365.2.1.12',
    failEvidence: { policies: [{ policy: 'Default', IPAllowList: ['203.0.113.25'] }] },
    pass: (t) => {
      connection(t).IPAllowList = [];
    },
    passEvidence: { policies: [{ policy: 'Default', IPAllowList: [] }] },
  },
  {
    id: 'CIS.M365.2.1.13',
    fail: (t) => {
      connection(t).EnableSafeList = true;
    },
    failEvidence: { policies: [{ policy: 'Default', EnableSafeList: true }] },
    passEvidence: { policies: [{ policy: 'Default', EnableSafeList: false }] },
  },
  {
    id: 'CIS.M365.2.1.14',
    failEvidence: { offendingPolicies: ['Marketing partners'] },
    pass: (t) => {
      for (const p of t.defender.hostedContentFilterPolicies) p.AllowedSenderDomains = [];
    },
    passEvidence: (e) => !('offendingPolicies' in e),
  },
  {
    id: 'CIS.M365.2.1.15',
    failEvidence: {
      policies: [
        {
          policy: 'Default',
          RecipientLimitExternalPerHour: 0,
          ActionWhenThresholdReached: 'BlockUserForToday',
        },
      ],
    },
    pass: (t) =>
      Object.assign(outbound(t), {
        RecipientLimitExternalPerHour: 500,
        RecipientLimitInternalPerHour: 1000,
        RecipientLimitPerDay: 1000,
        ActionWhenThresholdReached: 'BlockUser',
      }),
    passEvidence: {
      policies: [
        {
          policy: 'Default',
          RecipientLimitExternalPerHour: 500,
          RecipientLimitPerDay: 1000,
          ActionWhenThresholdReached: 'BlockUser',
        },
      ],
    },
  },
  {
    id: 'CIS.M365.2.4.1',
    fail: (t) => {
      t.defender.emailTenantSettings.EnablePriorityAccountProtection = false;
    },
    failEvidence: { EnablePriorityAccountProtection: false },
    passEvidence: {
      EnablePriorityAccountProtection: true,
      priorityAccounts: [demoPeople.megan.userPrincipalName, demoPeople.isaiah.userPrincipalName],
    },
  },
  {
    id: 'CIS.M365.2.4.2',
    failEvidence: { notCovered: [demoPeople.isaiah.userPrincipalName] },
    pass: (t) => {
      for (const rule of strictRules(t.defender)) {
        rule.SentTo = [demoPeople.megan.userPrincipalName, demoPeople.isaiah.userPrincipalName];
      }
    },
    passEvidence: { notCovered: [] },
  },
  {
    id: 'CIS.M365.2.4.4',
    fail: (t) => {
      t.defender.teamsProtectionPolicy.ZapEnabled = false;
    },
    failEvidence: { ZapEnabled: false },
    passEvidence: { ZapEnabled: true },
  },
];
