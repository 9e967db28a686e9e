// The tenant sharing settings Graph exposes, each risky value a finding with its CIS/CISA id, and
// the CIS controls Graph cannot read, said plainly (they need the SharePoint admin API). A check
// whose deciding value Graph left out (absent or null) is an error, never a pass.
import type { Finding } from '@m365-mcp/mcp-kit';
import { z } from 'zod';
import { cis, cisa } from './references.js';

export const sharingSettingsSchema = z
  .object({
    // Every property of Graph's sharepointSettings is nullable (v1.0 metadata); sharingCapability
    // is required here because without it the body is not a settings object at all.
    sharingCapability: z.string(),
    sharingDomainRestrictionMode: z.string().nullish(),
    sharingAllowedDomainList: z.array(z.string()).nullish(),
    sharingBlockedDomainList: z.array(z.string()).nullish(),
    isResharingByExternalUsersEnabled: z.boolean().nullish(),
    isRequireAcceptingUserToMatchInvitedUserEnabled: z.boolean().nullish(),
    isLegacyAuthProtocolsEnabled: z.boolean().nullish(),
    isUnmanagedSyncAppForTenantRestricted: z.boolean().nullish(),
    allowedDomainGuidsForSyncApp: z.array(z.string()).nullish(),
    idleSessionSignOut: z.object({ isEnabled: z.boolean().nullish() }).passthrough().nullish(),
  })
  .passthrough();
export type SharingSettings = z.infer<typeof sharingSettingsSchema>;

/** CIS v6.0.0 SharePoint controls whose settings Graph's sharepointSettings does not carry. */
export const NOT_READABLE_BY_GRAPH = [
  { id: '7.2.2', title: 'SharePoint and OneDrive integration with Entra B2B is enabled' },
  { id: '7.2.4', title: 'OneDrive content sharing is restricted' },
  { id: '7.2.7', title: 'Link sharing is restricted (default link type)' },
  { id: '7.2.8', title: 'External sharing is restricted by security group' },
  { id: '7.2.9', title: 'Guest access to a site or OneDrive expires automatically' },
  { id: '7.2.10', title: 'Reauthentication with verification code is restricted' },
  { id: '7.2.11', title: 'The default sharing link permission is View' },
  { id: '7.3.1', title: 'Infected files are disallowed for download' },
] as const;

const tenantResource = (tenantId: string) => ({
  type: 'sharepointSettings',
  id: tenantId,
  displayName: 'SharePoint tenant settings',
});

interface Check {
  id: string;
  title: string;
  severity: Finding['severity'];
  /** The property that decides the check, and its value: absent or null, the check cannot decide. */
  decidedBy: string;
  value: (s: SharingSettings) => unknown;
  failed: (s: SharingSettings) => boolean;
  evidence: (s: SharingSettings) => Finding['evidence'];
  recommendation: string;
  references: Finding['references'];
}

const CHECKS: Check[] = [
  {
    id: 'sharepoint.settings.external-sharing',
    title: 'External sharing allows anyone links',
    severity: 'high',
    decidedBy: 'sharingCapability',
    value: (s) => s.sharingCapability,
    failed: (s) => s.sharingCapability === 'externalUserAndGuestSharing',
    evidence: (s) => ({ sharingCapability: s.sharingCapability }),
    recommendation:
      "Set sharingCapability to 'externalUserSharingOnly' or stricter ('existingExternalUserSharingOnly' for CISA).",
    references: [
      cis('7.2.3', 'External content sharing is restricted'),
      cisa(
        'MS.SHAREPOINT.1.1v1',
        'External sharing for SharePoint limited to existing guests or only people in the organization',
      ),
    ],
  },
  {
    id: 'sharepoint.settings.domain-restriction',
    title: 'External sharing is not limited by a domain allow or block list',
    severity: 'medium',
    decidedBy: 'sharingCapability',
    value: (s) => s.sharingCapability,
    failed: (s) => {
      if (s.sharingCapability === 'disabled') return false;
      const mode = s.sharingDomainRestrictionMode ?? 'none';
      if (mode === 'allowList') return (s.sharingAllowedDomainList ?? []).length === 0;
      if (mode === 'blockList') return (s.sharingBlockedDomainList ?? []).length === 0;
      return true;
    },
    evidence: (s) => ({
      sharingDomainRestrictionMode: s.sharingDomainRestrictionMode ?? null,
      sharingAllowedDomainList: s.sharingAllowedDomainList ?? [],
      sharingBlockedDomainList: s.sharingBlockedDomainList ?? [],
    }),
    recommendation:
      'Restrict external sharing to an allow list of partner domains (or block known-bad ones).',
    references: [
      cis('7.2.6', 'SharePoint external sharing is managed through domain allow/block lists'),
      cisa('MS.SHAREPOINT.1.3v1', 'External sharing restricted to approved domains'),
    ],
  },
  {
    id: 'sharepoint.settings.guest-resharing',
    title: 'Guests can reshare items they do not own',
    severity: 'medium',
    decidedBy: 'isResharingByExternalUsersEnabled',
    value: (s) => s.isResharingByExternalUsersEnabled,
    failed: (s) => s.isResharingByExternalUsersEnabled === true,
    evidence: (s) => ({ isResharingByExternalUsersEnabled: s.isResharingByExternalUsersEnabled ?? null }),
    recommendation: 'Set isResharingByExternalUsersEnabled to false.',
    references: [cis('7.2.5', "SharePoint guest users cannot share items they don't own")],
  },
  {
    id: 'sharepoint.settings.legacy-auth',
    title: 'Legacy authentication protocols are allowed for SharePoint',
    severity: 'high',
    decidedBy: 'isLegacyAuthProtocolsEnabled',
    value: (s) => s.isLegacyAuthProtocolsEnabled,
    failed: (s) => s.isLegacyAuthProtocolsEnabled === true,
    evidence: (s) => ({ isLegacyAuthProtocolsEnabled: s.isLegacyAuthProtocolsEnabled ?? null }),
    recommendation:
      'Set isLegacyAuthProtocolsEnabled to false so SharePoint apps must use modern authentication.',
    references: [cis('7.2.1', 'Modern authentication for SharePoint applications is required')],
  },
  {
    id: 'sharepoint.settings.unmanaged-sync',
    title: 'OneDrive sync is not restricted to managed (domain-joined) devices',
    severity: 'medium',
    decidedBy: 'isUnmanagedSyncAppForTenantRestricted',
    value: (s) => s.isUnmanagedSyncAppForTenantRestricted,
    failed: (s) =>
      s.isUnmanagedSyncAppForTenantRestricted !== true || (s.allowedDomainGuidsForSyncApp ?? []).length === 0,
    evidence: (s) => ({
      isUnmanagedSyncAppForTenantRestricted: s.isUnmanagedSyncAppForTenantRestricted ?? null,
      allowedDomainGuidsForSyncApp: s.allowedDomainGuidsForSyncApp ?? [],
    }),
    recommendation:
      'Restrict the sync app to devices joined to your AD domains (allowedDomainGuidsForSyncApp).',
    references: [cis('7.3.2', 'OneDrive sync is restricted for unmanaged devices')],
  },
  {
    id: 'sharepoint.settings.invitee-match',
    title: 'Invitations can be accepted by a different account than the one invited',
    severity: 'low',
    decidedBy: 'isRequireAcceptingUserToMatchInvitedUserEnabled',
    value: (s) => s.isRequireAcceptingUserToMatchInvitedUserEnabled,
    failed: (s) => s.isRequireAcceptingUserToMatchInvitedUserEnabled === false,
    evidence: (s) => ({
      isRequireAcceptingUserToMatchInvitedUserEnabled:
        s.isRequireAcceptingUserToMatchInvitedUserEnabled ?? null,
    }),
    recommendation: 'Set isRequireAcceptingUserToMatchInvitedUserEnabled to true.',
    references: [],
  },
  {
    id: 'sharepoint.settings.idle-sign-out',
    title: 'Idle session sign-out is off for SharePoint and OneDrive',
    severity: 'low',
    decidedBy: 'idleSessionSignOut.isEnabled',
    value: (s) => s.idleSessionSignOut?.isEnabled,
    failed: (s) => s.idleSessionSignOut?.isEnabled !== true,
    evidence: (s) => ({ idleSessionSignOutEnabled: s.idleSessionSignOut?.isEnabled ?? null }),
    recommendation: 'Turn on idle session sign-out for unmanaged devices.',
    references: [],
  },
];

export function evaluateSettings(settings: SharingSettings, tenantId: string): Finding[] {
  const resource = tenantResource(tenantId);
  const findings: Finding[] = CHECKS.map((c): Finding => {
    const value = c.value(settings);
    if (value === undefined || value === null) {
      return {
        id: c.id,
        title: `Not decided: ${c.title.toLowerCase()} (Graph gave no value for ${c.decidedBy})`,
        severity: 'info',
        status: 'error',
        resource,
        evidence: { [c.decidedBy]: null },
        recommendation: `Check ${c.decidedBy} in the SharePoint admin center, or run the check again later.`,
        references: c.references,
        reason: `Microsoft Graph's answer to GET /admin/sharepoint/settings carried no value for ${c.decidedBy}.`,
      };
    }
    const failed = c.failed(settings);
    return {
      id: c.id,
      title: failed ? c.title : `Passed: ${c.title.toLowerCase()} (not the case)`,
      severity: failed ? c.severity : 'info',
      status: failed ? 'fail' : 'pass',
      resource,
      evidence: c.evidence(settings),
      recommendation: c.recommendation,
      references: c.references,
    };
  });
  for (const control of NOT_READABLE_BY_GRAPH) {
    findings.push({
      id: `sharepoint.settings.cis-${control.id}`,
      title: `CIS ${control.id} (${control.title}): not readable through Microsoft Graph`,
      severity: 'info',
      status: 'manual',
      resource,
      evidence: {},
      recommendation:
        'Check it in the SharePoint admin center or with SharePoint Online PowerShell (Get-SPOTenant); Graph sharepointSettings does not carry it.',
      references: [cis(control.id, control.title)],
    });
  }
  return findings;
}
