import { cisControlId, cisV6Recommendations } from './cis-v6.js';
import { manual } from './define.js';
import { type Control, cis, type ReadWith } from './types.js';

// The CIS v6 recommendations this server does not evaluate: each listed so a run says plainly what
// it did not look at, why, and where a person reads the setting (the cmdlet and its properties, or
// the admin centre path). Titles and levels come from the v6 list (cis-v6.ts); the PowerShell
// bridge imports those tools' results for them.

const EXO = 'An Exchange Online setting; not in Microsoft Graph; the Exchange admin API reader is planned.';
const MDO =
  'A Defender for Office 365 policy, held by Exchange Online; not in Microsoft Graph; the Exchange admin API reader is planned.';
const TEAMS = 'A Teams tenant setting; not in Microsoft Graph; the Teams admin API reader is planned.';
const SPO =
  "A SharePoint tenant property that Graph's sharepointSettings does not carry; the SharePoint admin API reader is planned.";
const FABRIC =
  'A Fabric (Power BI) tenant setting; not in Microsoft Graph; the Fabric admin API reader is planned.';
const PURVIEW =
  'A Purview (Security & Compliance) policy; Graph has no API for apps to read it; the Security & Compliance reader is planned.';
const PORTAL = 'A portal-only setting with no Graph property.';
const INTUNE = 'An Intune setting; this server does not read Intune (device management) yet.';
const FABRIC_PORTAL = 'Fabric admin portal > Tenant settings';
const MEETING = 'Get-CsTeamsMeetingPolicy -Identity Global';
const FEDERATION = 'Get-CsTenantFederationConfiguration';

/** [CIS id, read with, where (cmdlet and properties, or admin centre path), why not here]. */
const rows: [string, ReadWith, string, string][] = [
  [
    '1.2.2',
    'Exchange Online PowerShell',
    'Get-EXOMailbox -RecipientTypeDetails SharedMailbox, then each account is disabled in Entra (accountEnabled)',
    'Shared mailboxes are only enumerable through Exchange Online; not in Microsoft Graph; the Exchange admin API reader is planned.',
  ],
  [
    '1.3.2',
    'Microsoft 365 admin center',
    'Settings > Org settings > Security & privacy > Idle session timeout (3 hours or less)',
    'The idle session timeout has no documented Graph property; the conditional access part alone does not decide it.',
  ],
  [
    '1.3.3',
    'Exchange Online PowerShell',
    "Get-SharingPolicy -Identity 'Default Sharing Policy' (Enabled)",
    EXO,
  ],
  ['1.3.6', 'Exchange Online PowerShell', 'Get-OrganizationConfig (CustomerLockBoxEnabled)', EXO],
  [
    '1.3.8',
    'Microsoft 365 admin center',
    'Settings > Org settings > Sway (let people share their sways with people outside the organisation: off)',
    'No API is known for the Sway settings.',
  ],
  [
    '1.3.9',
    'Exchange Online PowerShell',
    'Get-OrganizationConfig (BookingsEnabled, BookingsSharingPolicy) and Get-OwaMailboxPolicy (BookingsMailboxCreationEnabled)',
    EXO,
  ],
  ['2.1.2', 'Exchange Online PowerShell', 'Get-MalwareFilterPolicy (EnableFileFilter)', MDO],
  [
    '2.1.3',
    'Exchange Online PowerShell',
    'Get-MalwareFilterPolicy (EnableInternalSenderAdminNotifications, InternalSenderAdminAddress)',
    MDO,
  ],
  [
    '2.1.5',
    'Exchange Online PowerShell',
    'Get-AtpPolicyForO365 (EnableATPForSPOTeamsODB, EnableSafeDocs, AllowSafeDocsOpen)',
    MDO,
  ],
  [
    '2.1.6',
    'Exchange Online PowerShell',
    'Get-HostedOutboundSpamFilterPolicy (BccSuspiciousOutboundMail, NotifyOutboundSpam, NotifyOutboundSpamRecipients)',
    MDO,
  ],
  ['2.1.7', 'Exchange Online PowerShell', 'Get-AntiPhishPolicy and Get-AntiPhishRule', MDO],
  ['2.1.11', 'Exchange Online PowerShell', 'Get-MalwareFilterPolicy (EnableFileFilter, FileTypes)', MDO],
  ['2.1.12', 'Exchange Online PowerShell', 'Get-HostedConnectionFilterPolicy (IPAllowList)', MDO],
  ['2.1.13', 'Exchange Online PowerShell', 'Get-HostedConnectionFilterPolicy (EnableSafeList)', MDO],
  ['2.1.14', 'Exchange Online PowerShell', 'Get-HostedContentFilterPolicy (AllowedSenderDomains)', MDO],
  [
    '2.1.15',
    'Exchange Online PowerShell',
    'Get-HostedOutboundSpamFilterPolicy (RecipientLimitExternalPerHour, RecipientLimitInternalPerHour, RecipientLimitPerDay, ActionWhenThresholdReached)',
    MDO,
  ],
  [
    '2.2.1',
    'Microsoft Defender portal',
    'An alert policy or SIEM rule on the emergency access accounts’ sign-ins',
    'Monitoring is an alerting arrangement a person confirms; no single setting decides it.',
  ],
  [
    '2.4.1',
    'Exchange Online PowerShell',
    'Get-EmailTenantSettings (EnablePriorityAccountProtection) and the priority account tags',
    MDO,
  ],
  [
    '2.4.2',
    'Exchange Online PowerShell',
    "Get-EOPProtectionPolicyRule and Get-ATPProtectionPolicyRule -Identity 'Strict Preset Security Policy'",
    MDO,
  ],
  [
    '2.4.3',
    'Microsoft Defender portal',
    'Settings > Cloud Apps (Microsoft 365 app connector, Defender for Cloud Apps policies)',
    'Defender for Cloud Apps configuration has no Graph API for this check.',
  ],
  ['2.4.4', 'Exchange Online PowerShell', 'Get-TeamsProtectionPolicy (ZapEnabled)', MDO],
  [
    '3.1.1',
    'Exchange Online PowerShell',
    'Get-AdminAuditLogConfig (UnifiedAuditLogIngestionEnabled)',
    'An Exchange Online setting; Graph offers only audit log queries, a proxy; the Exchange admin API reader is planned.',
  ],
  ['3.2.1', 'Purview PowerShell', 'Get-DlpCompliancePolicy (Mode Enable)', PURVIEW],
  ['3.2.2', 'Purview PowerShell', 'Get-DlpCompliancePolicy (TeamsLocation, Mode Enable)', PURVIEW],
  ['3.3.1', 'Purview PowerShell', 'Get-LabelPolicy', `${PURVIEW} Graph lists labels, not label policies.`],
  [
    '4.1',
    'Intune admin center',
    "Devices > Compliance > Compliance settings ('Mark devices with no compliance policy assigned as' Not compliant)",
    INTUNE,
  ],
  [
    '4.2',
    'Intune admin center',
    'Devices > Enrollment > Device platform restriction (personally owned devices: Block)',
    INTUNE,
  ],
  [
    '5.1.2.1',
    'Entra admin center',
    'Users > Per-user multifactor authentication (every user Disabled)',
    'Per-user MFA state has no Graph v1.0 property; the beta per-user read is not evaluated here.',
  ],
  [
    '5.1.2.4',
    'Entra admin center',
    "Users > User settings ('Restrict access to Microsoft Entra admin center' Yes)",
    PORTAL,
  ],
  [
    '5.1.2.5',
    'Entra admin center',
    "Company branding > Sign-in form ('Show option to remain signed in' No)",
    'Not in Graph v1.0 organizational branding; a portal setting.',
  ],
  ['5.1.2.6', 'Entra admin center', "Users > User settings ('LinkedIn account connections' No)", PORTAL],
  [
    '5.1.6.1',
    'Entra admin center',
    'External Identities > External collaboration settings > Collaboration restrictions (allow invitations only to the specified domains)',
    'The B2B domain allow list is only in Graph beta, not verified against the metadata; not evaluated here.',
  ],
  [
    '5.2.3.6',
    'Entra admin center',
    'Authentication methods > Settings > System-preferred multifactor authentication (Enabled)',
    'systemCredentialPreferences is only in Graph beta; not evaluated here.',
  ],
  [
    '5.2.4.1',
    'Entra admin center',
    "Password reset > Properties ('Self service password reset enabled' All)",
    'The SSPR scope is not exposed by Graph.',
  ],
  ['6.1.1', 'Exchange Online PowerShell', 'Get-OrganizationConfig (AuditDisabled)', EXO],
  [
    '6.1.2',
    'Exchange Online PowerShell',
    'Get-EXOMailbox -PropertySets Audit (AuditEnabled, AuditAdmin, AuditDelegate, AuditOwner)',
    EXO,
  ],
  ['6.1.3', 'Exchange Online PowerShell', 'Get-MailboxAuditBypassAssociation (AuditBypassEnabled)', EXO],
  [
    '6.2.1',
    'Exchange Online PowerShell',
    'Get-TransportRule (RedirectMessageTo) and Get-HostedOutboundSpamFilterPolicy (AutoForwardingMode)',
    EXO,
  ],
  ['6.2.2', 'Exchange Online PowerShell', 'Get-TransportRule (SenderDomainIs with SetSCL -1)', EXO],
  ['6.2.3', 'Exchange Online PowerShell', 'Get-ExternalInOutlook (Enabled)', EXO],
  [
    '6.3.1',
    'Exchange Online PowerShell',
    'Get-RoleAssignmentPolicy (My Custom Apps, My Marketplace Apps, My ReadWriteMailbox Apps not assigned)',
    EXO,
  ],
  ['6.5.1', 'Exchange Online PowerShell', 'Get-OrganizationConfig (OAuth2ClientProfileEnabled)', EXO],
  [
    '6.5.2',
    'Exchange Online PowerShell',
    'Get-OrganizationConfig (MailTipsAllTipsEnabled, MailTipsExternalRecipientsTipsEnabled, MailTipsGroupMetricsEnabled, MailTipsLargeAudienceThreshold)',
    EXO,
  ],
  ['6.5.3', 'Exchange Online PowerShell', 'Get-OwaMailboxPolicy (AdditionalStorageProvidersAvailable)', EXO],
  ['6.5.4', 'Exchange Online PowerShell', 'Get-TransportConfig (SmtpClientAuthenticationDisabled)', EXO],
  ['6.5.5', 'Exchange Online PowerShell', 'Get-OrganizationConfig (RejectDirectSend)', EXO],
  ['7.2.2', 'SharePoint Online PowerShell', 'Get-SPOTenant (EnableAzureADB2BIntegration)', SPO],
  ['7.2.4', 'SharePoint Online PowerShell', 'Get-SPOTenant (OneDriveSharingCapability)', SPO],
  ['7.2.7', 'SharePoint Online PowerShell', 'Get-SPOTenant (DefaultSharingLinkType)', SPO],
  [
    '7.2.8',
    'SharePoint Online PowerShell',
    "SharePoint admin center > Policies > Sharing > More external sharing settings ('Allow only users in specific security groups to share externally')",
    SPO,
  ],
  [
    '7.2.9',
    'SharePoint Online PowerShell',
    'Get-SPOTenant (ExternalUserExpirationRequired, ExternalUserExpireInDays)',
    SPO,
  ],
  [
    '7.2.10',
    'SharePoint Online PowerShell',
    'Get-SPOTenant (EmailAttestationRequired, EmailAttestationReAuthDays)',
    SPO,
  ],
  ['7.2.11', 'SharePoint Online PowerShell', 'Get-SPOTenant (DefaultLinkPermission)', SPO],
  ['7.3.1', 'SharePoint Online PowerShell', 'Get-SPOTenant (DisallowInfectedFileDownload)', SPO],
  [
    '8.1.1',
    'Teams PowerShell',
    'Get-CsTeamsClientConfiguration (AllowDropBox, AllowBox, AllowGoogleDrive, AllowShareFile, AllowEgnyte)',
    TEAMS,
  ],
  ['8.1.2', 'Teams PowerShell', 'Get-CsTeamsClientConfiguration (AllowEmailIntoChannel)', TEAMS],
  ['8.2.1', 'Teams PowerShell', `${FEDERATION} (AllowFederatedUsers, AllowedDomains)`, TEAMS],
  ['8.2.2', 'Teams PowerShell', `${FEDERATION} (AllowTeamsConsumer)`, TEAMS],
  ['8.2.3', 'Teams PowerShell', `${FEDERATION} (AllowTeamsConsumerInbound)`, TEAMS],
  ['8.2.4', 'Teams PowerShell', `${FEDERATION} (AllowPublicUsers)`, TEAMS],
  [
    '8.4.1',
    'Teams PowerShell',
    'Get-CsTeamsAppPermissionPolicy (DefaultCatalogAppsType, GlobalCatalogAppsType, PrivateCatalogAppsType)',
    TEAMS,
  ],
  ['8.5.1', 'Teams PowerShell', `${MEETING} (AllowAnonymousUsersToJoinMeeting)`, TEAMS],
  ['8.5.2', 'Teams PowerShell', `${MEETING} (AllowAnonymousUsersToStartMeeting)`, TEAMS],
  ['8.5.3', 'Teams PowerShell', `${MEETING} (AutoAdmittedUsers)`, TEAMS],
  ['8.5.4', 'Teams PowerShell', `${MEETING} (AllowPSTNUsersToBypassLobby)`, TEAMS],
  ['8.5.5', 'Teams PowerShell', `${MEETING} (MeetingChatEnabledType)`, TEAMS],
  ['8.5.6', 'Teams PowerShell', `${MEETING} (DesignatedPresenterRoleMode)`, TEAMS],
  ['8.5.7', 'Teams PowerShell', `${MEETING} (AllowExternalParticipantGiveRequestControl)`, TEAMS],
  ['8.5.8', 'Teams PowerShell', `${MEETING} (AllowExternalNonTrustedMeetingChat)`, TEAMS],
  ['8.5.9', 'Teams PowerShell', `${MEETING} (AllowCloudRecording)`, TEAMS],
  [
    '8.6.1',
    'Teams PowerShell',
    'Get-CsTeamsMessagingPolicy (AllowSecurityEndUserReporting) and Get-ReportSubmissionPolicy',
    TEAMS,
  ],
  ['9.1.1', 'Power BI admin API', `${FABRIC_PORTAL} ('Guest users can access Microsoft Fabric')`, FABRIC],
  [
    '9.1.2',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Users can invite guest users to collaborate through item sharing and permissions')`,
    FABRIC,
  ],
  [
    '9.1.3',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Guest users can browse and access Fabric content')`,
    FABRIC,
  ],
  ['9.1.4', 'Power BI admin API', `${FABRIC_PORTAL} ('Publish to web')`, FABRIC],
  [
    '9.1.5',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Interact with and share R and Python visuals')`,
    FABRIC,
  ],
  [
    '9.1.6',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Allow users to apply sensitivity labels for content')`,
    FABRIC,
  ],
  [
    '9.1.7',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Allow shareable links to grant access to everyone in your organization')`,
    FABRIC,
  ],
  [
    '9.1.8',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Allow specific users to turn on external data sharing')`,
    FABRIC,
  ],
  ['9.1.9', 'Power BI admin API', `${FABRIC_PORTAL} ('Block ResourceKey Authentication')`, FABRIC],
  ['9.1.10', 'Power BI admin API', `${FABRIC_PORTAL} ('Service principals can use Fabric APIs')`, FABRIC],
  [
    '9.1.11',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Allow service principals to create and use profiles')`,
    FABRIC,
  ],
  [
    '9.1.12',
    'Power BI admin API',
    `${FABRIC_PORTAL} ('Service principals can create workspaces, connections, and deployment pipelines')`,
    FABRIC,
  ],
];

const recommendations = new Map(cisV6Recommendations.map((r) => [r.id, r]));

export const manualControls: Control[] = rows.map(([id, readWith, where, reason]) => {
  const recommendation = recommendations.get(id);
  if (!recommendation) throw new Error(`manual.ts names ${id}, which is not a CIS v6 recommendation`);
  return manual({
    id: cisControlId(id),
    title: recommendation.title,
    section: id.split('.').slice(0, 2).join('.'),
    level: recommendation.level,
    profile: recommendation.profile ?? 'E3',
    severity: 'medium',
    references: [cis(id)],
    readWith,
    where,
    reason,
    remediation: `Read and fix with ${readWith} (${where}); import that audit's results with import_audit_report or run_powershell_audit.`,
  });
});
