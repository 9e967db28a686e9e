import { graph, verdict } from './define.js';
import { requiredSetting, sharepointSettingIs, sharepointSettings } from './sharepoint-settings.js';
import { type Control, cis, cisa } from './types.js';
import { at, strings } from './values.js';

// CIS 7: SharePoint admin center, as far as Graph's sharepointSettings exposes it (read in either
// documented shape; a body that is not the settings errors instead of failing every control).

export const section7: Control[] = [
  graph({
    id: 'CIS.M365.7.2.1',
    title: 'Ensure modern authentication for SharePoint applications is required',
    section: '7.2',
    level: 'L1',
    profile: 'E3',
    severity: 'high',
    references: [cis('7.2.1')],
    resources: ['sharepointSettings'],
    remediation:
      "Turn off 'Apps that don't use modern authentication' (isLegacyAuthProtocolsEnabled = false).",
    evaluate: sharepointSettingIs('isLegacyAuthProtocolsEnabled', [false]),
  }),
  graph({
    id: 'CIS.M365.7.2.3',
    title: 'Ensure external content sharing is restricted',
    section: '7.2',
    level: 'L1',
    profile: 'E3',
    severity: 'high',
    references: [cis('7.2.3'), cisa('MS.SHAREPOINT.1.1v1')],
    resources: ['sharepointSettings'],
    remediation:
      "Set SharePoint external sharing to 'New and existing guests' or more restrictive (no Anyone links).",
    evaluate: sharepointSettingIs('sharingCapability', [
      'externalUserSharingOnly',
      'existingExternalUserSharingOnly',
      'disabled',
    ]),
  }),
  graph({
    id: 'CIS.M365.7.2.5',
    title: "Ensure that SharePoint guest users cannot share items they don't own",
    section: '7.2',
    level: 'L2',
    profile: 'E3',
    severity: 'medium',
    references: [cis('7.2.5')],
    resources: ['sharepointSettings'],
    remediation:
      "Turn off 'Allow guests to share items they don't own' (isResharingByExternalUsersEnabled = false).",
    evaluate: sharepointSettingIs('isResharingByExternalUsersEnabled', [false]),
  }),
  graph({
    id: 'CIS.M365.7.2.6',
    title: 'Ensure SharePoint external sharing is managed through domain whitelist/blacklists',
    section: '7.2',
    level: 'L2',
    profile: 'E3',
    severity: 'medium',
    references: [cis('7.2.6'), cisa('MS.SHAREPOINT.1.3v1')],
    resources: ['sharepointSettings'],
    remediation: 'Limit external sharing by domain: an allow list of partner domains (or a block list).',
    evaluate(ctx) {
      const s = sharepointSettings(ctx);
      const mode = at(s, 'sharingDomainRestrictionMode') ?? null;
      const allowed = strings(at(s, 'sharingAllowedDomainList'));
      const blocked = strings(at(s, 'sharingBlockedDomainList'));
      const ok = (mode === 'allowList' && allowed.length > 0) || (mode === 'blockList' && blocked.length > 0);
      return verdict(ok, {
        sharingDomainRestrictionMode: mode as string | null,
        allowedDomains: allowed.length,
        blockedDomains: blocked.length,
      });
    },
  }),
  graph({
    id: 'CIS.M365.7.3.2',
    title: 'Ensure OneDrive sync is restricted for unmanaged devices',
    section: '7.3',
    level: 'L2',
    profile: 'E3',
    severity: 'medium',
    references: [cis('7.3.2')],
    resources: ['sharepointSettings'],
    remediation:
      'Allow syncing only on computers joined to specific domains (isUnmanagedSyncAppForTenantRestricted with the domain GUIDs).',
    evaluate(ctx) {
      const s = sharepointSettings(ctx);
      const restricted = requiredSetting(s, 'isUnmanagedSyncAppForTenantRestricted') === true;
      const domains = strings(at(s, 'allowedDomainGuidsForSyncApp')).length;
      return verdict(restricted && domains > 0, {
        isUnmanagedSyncAppForTenantRestricted: restricted,
        allowedDomainGuids: domains,
      });
    },
  }),
];
