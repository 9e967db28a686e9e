import { effectivePolicy, SAFE_ATTACHMENTS, SAFE_LINKS } from './defender/effective-policy.js';
import { graph } from './define.js';
import { type Control, cis, mitre } from './types.js';

// CIS 2.1.1 and 2.1.4: the Safe Links and Safe Attachments policy that protects the organisation,
// read from Exchange Online (Get-SafeLinksPolicy / Get-SafeAttachmentPolicy, their rules and the
// preset policies' rules). The rest of CIS 2 is in defender/controls.ts and mail-dns.ts.

export const section2: Control[] = [
  graph({
    id: 'CIS.M365.2.1.1',
    title: 'Ensure Safe Links for Office Applications is Enabled',
    section: '2.1',
    level: 'L2',
    profile: 'E5',
    severity: 'medium',
    references: [cis('2.1.1'), mitre('T1566.002')],
    resources: ['safeLinksPolicies', 'safeLinksRules', 'atpProtectionPolicyRules'],
    licence: 'defenderO365P2',
    remediation:
      'Create a Safe Links policy for email, Teams and Office apps that tracks clicks, blocks click-through, scans URLs (internal senders too) before delivery and rewrites them, with a rule for all accepted domains at priority 0 (Defender portal > Policies > Safe Links; New-SafeLinksPolicy, New-SafeLinksRule -RecipientDomainIs).',
    evaluate: (ctx) =>
      effectivePolicy(
        SAFE_LINKS,
        ctx.get('safeLinksPolicies'),
        ctx.get('safeLinksRules'),
        ctx.get('atpProtectionPolicyRules'),
      ),
  }),
  graph({
    id: 'CIS.M365.2.1.4',
    title: 'Ensure Safe Attachments policy is enabled',
    section: '2.1',
    level: 'L2',
    profile: 'E5',
    severity: 'medium',
    references: [cis('2.1.4'), mitre('T1566.001')],
    resources: ['safeAttachmentPolicies', 'safeAttachmentRules', 'atpProtectionPolicyRules'],
    licence: 'defenderO365P2',
    remediation:
      'Make the Safe Attachments policy that covers the organisation block malware and quarantine it admin-only (Defender portal > Policies > Safe Attachments; Set-SafeAttachmentPolicy -Enable $true -Action Block -QuarantineTag AdminOnlyAccessPolicy).',
    evaluate: (ctx) =>
      effectivePolicy(
        SAFE_ATTACHMENTS,
        ctx.get('safeAttachmentPolicies'),
        ctx.get('safeAttachmentRules'),
        ctx.get('atpProtectionPolicyRules'),
      ),
  }),
];
