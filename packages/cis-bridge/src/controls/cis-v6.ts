import type { Level, Profile } from '../audit/run.js';

// Every recommendation of CIS Microsoft 365 Foundations Benchmark v6.0.0: the one list the catalogue
// is checked against (test/catalogue-coverage.test.ts fails when an id is missing or duplicated, or a
// title or level differs). Source: Appendix A of shared/reference/research-posture.md, whose ids,
// titles and levels come from mohammedsiddiqui6872/CIS-Microsoft-365-Foundations-Benchmark
// mappings/cis-m365-v6-controls.json (third-party; verify against the CIS PDF before publishing).
// `profile` is set only where the research records it (Maester's tags and its Graph table); the
// catalogue uses E3 where it is not known.

export interface CisRecommendation {
  /** The CIS number, e.g. `5.2.2.1`; the catalogue's control id is `CIS.M365.<id>`. */
  id: string;
  title: string;
  level: Level;
  profile?: Profile;
}

export const CIS_V6_SOURCE =
  'CIS Microsoft 365 Foundations Benchmark v6.0.0 (Appendix A of the posture research: ids, titles and levels from a third-party list)';

export const cisV6Recommendations: readonly CisRecommendation[] = [
  { id: '1.1.1', title: 'Ensure Administrative accounts are cloud-only', level: 'L1', profile: 'E3' },
  {
    id: '1.1.2',
    title: 'Ensure two emergency access accounts have been defined',
    level: 'L1',
    profile: 'E3',
  },
  {
    id: '1.1.3',
    title: 'Ensure that between two and four global admins are designated',
    level: 'L1',
    profile: 'E3',
  },
  {
    id: '1.1.4',
    title: 'Ensure administrative accounts use licenses with a reduced application footprint',
    level: 'L1',
    profile: 'E3',
  },
  {
    id: '1.2.1',
    title: 'Ensure that only organizationally managed/approved public groups exist',
    level: 'L2',
    profile: 'E3',
  },
  { id: '1.2.2', title: 'Ensure sign-in to shared mailboxes is blocked', level: 'L1', profile: 'E3' },
  {
    id: '1.3.1',
    title: "Ensure the 'Password expiration policy' is set to 'Set passwords to never expire'",
    level: 'L1',
    profile: 'E3',
  },
  {
    id: '1.3.2',
    title: "Ensure 'Idle session timeout' is set to '3 hours (or less)' for unmanaged devices",
    level: 'L2',
  },
  {
    id: '1.3.3',
    title: "Ensure 'External sharing' of calendars is not available",
    level: 'L2',
    profile: 'E3',
  },
  { id: '1.3.4', title: "Ensure 'User owned apps and services' is restricted", level: 'L1', profile: 'E3' },
  { id: '1.3.5', title: 'Ensure internal phishing protection for Forms is enabled', level: 'L1' },
  { id: '1.3.6', title: 'Ensure the customer lockbox feature is enabled', level: 'L2', profile: 'E5' },
  {
    id: '1.3.7',
    title: "Ensure 'third-party storage services' are restricted in 'Microsoft 365 on the web'",
    level: 'L2',
  },
  {
    id: '1.3.8',
    title: 'Ensure that Sways cannot be shared with people outside of your organization',
    level: 'L2',
  },
  { id: '1.3.9', title: 'Ensure shared bookings pages are restricted to select users', level: 'L1' },
  { id: '2.1.1', title: 'Ensure Safe Links for Office Applications is Enabled', level: 'L2', profile: 'E5' },
  { id: '2.1.2', title: 'Ensure the Common Attachment Types Filter is enabled', level: 'L1', profile: 'E3' },
  {
    id: '2.1.3',
    title: 'Ensure notifications for internal users sending malware is Enabled',
    level: 'L1',
    profile: 'E3',
  },
  { id: '2.1.4', title: 'Ensure Safe Attachments policy is enabled', level: 'L2', profile: 'E5' },
  {
    id: '2.1.5',
    title: 'Ensure Safe Attachments for SharePoint, OneDrive, and Microsoft Teams is Enabled',
    level: 'L2',
    profile: 'E5',
  },
  {
    id: '2.1.6',
    title: 'Ensure Exchange Online Spam Policies are set to notify administrators',
    level: 'L1',
    profile: 'E3',
  },
  { id: '2.1.7', title: 'Ensure that an anti-phishing policy has been created', level: 'L2', profile: 'E5' },
  { id: '2.1.8', title: 'Ensure that SPF records are published for all Exchange Domains', level: 'L1' },
  {
    id: '2.1.9',
    title: 'Ensure that DKIM is enabled for all Exchange Online Domains',
    level: 'L1',
    profile: 'E3',
  },
  { id: '2.1.10', title: 'Ensure DMARC Records for all Exchange Online domains are published', level: 'L1' },
  { id: '2.1.11', title: 'Ensure comprehensive attachment filtering is applied', level: 'L2', profile: 'E3' },
  {
    id: '2.1.12',
    title: 'Ensure the connection filter IP allow list is not used',
    level: 'L1',
    profile: 'E3',
  },
  { id: '2.1.13', title: 'Ensure the connection filter safe list is off', level: 'L1', profile: 'E3' },
  { id: '2.1.14', title: 'Ensure inbound anti-spam policies do not contain allowed domains', level: 'L1' },
  { id: '2.1.15', title: 'Ensure outbound anti-spam message limits are in place', level: 'L1' },
  { id: '2.2.1', title: 'Ensure emergency access account activity is monitored', level: 'L1' },
  { id: '2.4.1', title: 'Ensure Priority account protection is enabled and configured', level: 'L1' },
  { id: '2.4.2', title: "Ensure Priority accounts have 'Strict protection' presets applied", level: 'L1' },
  { id: '2.4.3', title: 'Ensure Microsoft Defender for Cloud Apps is enabled and configured', level: 'L2' },
  { id: '2.4.4', title: 'Ensure Zero-hour auto purge for Microsoft Teams is on', level: 'L1', profile: 'E5' },
  { id: '3.1.1', title: 'Ensure Microsoft 365 audit log search is Enabled', level: 'L1', profile: 'E3' },
  { id: '3.2.1', title: 'Ensure DLP policies are enabled', level: 'L1' },
  { id: '3.2.2', title: 'Ensure DLP policies are enabled for Microsoft Teams', level: 'L1' },
  {
    id: '3.3.1',
    title: 'Ensure Information Protection sensitivity label policies are published',
    level: 'L1',
  },
  { id: '4.1', title: "Ensure devices without a compliance policy are marked 'not compliant'", level: 'L2' },
  {
    id: '4.2',
    title: 'Ensure device enrollment for personally owned devices is blocked by default',
    level: 'L2',
  },
  { id: '5.1.2.1', title: "Ensure 'Per-user MFA' is disabled", level: 'L1' },
  { id: '5.1.2.2', title: 'Ensure third party integrated applications are not allowed', level: 'L2' },
  {
    id: '5.1.2.3',
    title: "Ensure 'Restrict non-admin users from creating tenants' is set to 'Yes'",
    level: 'L1',
  },
  { id: '5.1.2.4', title: 'Ensure access to the Entra admin center is restricted', level: 'L1' },
  { id: '5.1.2.5', title: 'Ensure the option to remain signed in is hidden', level: 'L2' },
  { id: '5.1.2.6', title: "Ensure 'LinkedIn account connections' is disabled", level: 'L2' },
  { id: '5.1.3.1', title: 'Ensure a dynamic group for guest users is created', level: 'L1' },
  { id: '5.1.3.2', title: 'Ensure users cannot create security groups', level: 'L1' },
  { id: '5.1.4.1', title: 'Ensure the ability to join devices to Entra is restricted', level: 'L2' },
  { id: '5.1.4.2', title: 'Ensure the maximum number of devices per user is limited', level: 'L1' },
  {
    id: '5.1.4.3',
    title: 'Ensure the GA role is not added as a local administrator during Entra join',
    level: 'L1',
  },
  { id: '5.1.4.4', title: 'Ensure local administrator assignment is limited during Entra join', level: 'L1' },
  { id: '5.1.4.5', title: 'Ensure Local Administrator Password Solution is enabled', level: 'L1' },
  { id: '5.1.4.6', title: 'Ensure users are restricted from recovering BitLocker keys', level: 'L2' },
  {
    id: '5.1.5.1',
    title: 'Ensure user consent to apps accessing company data on their behalf is not allowed',
    level: 'L2',
  },
  { id: '5.1.5.2', title: 'Ensure the admin consent workflow is enabled', level: 'L1' },
  {
    id: '5.1.6.1',
    title: 'Ensure that collaboration invitations are sent to allowed domains only',
    level: 'L2',
  },
  { id: '5.1.6.2', title: 'Ensure that guest user access is restricted', level: 'L1' },
  {
    id: '5.1.6.3',
    title: 'Ensure guest user invitations are limited to the Guest Inviter role',
    level: 'L2',
  },
  { id: '5.1.8.1', title: 'Ensure that password hash sync is enabled for hybrid deployments', level: 'L1' },
  {
    id: '5.2.2.1',
    title: 'Ensure multifactor authentication is enabled for all users in administrative roles',
    level: 'L1',
  },
  { id: '5.2.2.2', title: 'Ensure multifactor authentication is enabled for all users', level: 'L1' },
  { id: '5.2.2.3', title: 'Enable Conditional Access policies to block legacy authentication', level: 'L1' },
  {
    id: '5.2.2.4',
    title:
      'Ensure Sign-in frequency is enabled and browser sessions are not persistent for Administrative users',
    level: 'L1',
  },
  {
    id: '5.2.2.5',
    title: "Ensure 'Phishing-resistant MFA strength' is required for Administrators",
    level: 'L2',
  },
  { id: '5.2.2.6', title: 'Enable Identity Protection user risk policies', level: 'L1' },
  { id: '5.2.2.7', title: 'Enable Identity Protection sign-in risk policies', level: 'L1' },
  { id: '5.2.2.8', title: "Ensure 'sign-in risk' is blocked for medium and high risk", level: 'L2' },
  { id: '5.2.2.9', title: 'Ensure a managed device is required for authentication', level: 'L1' },
  {
    id: '5.2.2.10',
    title: 'Ensure a managed device is required to register security information',
    level: 'L1',
  },
  {
    id: '5.2.2.11',
    title: "Ensure sign-in frequency for Intune Enrollment is set to 'Every time'",
    level: 'L1',
  },
  { id: '5.2.2.12', title: 'Ensure the device code sign-in flow is blocked', level: 'L1' },
  {
    id: '5.2.3.1',
    title: 'Ensure Microsoft Authenticator is configured to protect against MFA fatigue',
    level: 'L1',
  },
  { id: '5.2.3.2', title: 'Ensure custom banned passwords lists are used', level: 'L1' },
  { id: '5.2.3.3', title: 'Ensure password protection is enabled for on-prem Active Directory', level: 'L1' },
  { id: '5.2.3.4', title: "Ensure all member users are 'MFA capable'", level: 'L1' },
  { id: '5.2.3.5', title: 'Ensure weak authentication methods are disabled', level: 'L1' },
  { id: '5.2.3.6', title: 'Ensure system-preferred multifactor authentication is enabled', level: 'L1' },
  { id: '5.2.3.7', title: 'Ensure the email OTP authentication method is disabled', level: 'L2' },
  { id: '5.2.4.1', title: "Ensure 'Self service password reset enabled' is set to 'All'", level: 'L1' },
  {
    id: '5.3.1',
    title: "Ensure 'Privileged Identity Management' is used to manage roles",
    level: 'L2',
    profile: 'E5',
  },
  {
    id: '5.3.2',
    title: "Ensure 'Access reviews' for Guest Users are configured",
    level: 'L1',
    profile: 'E5',
  },
  {
    id: '5.3.3',
    title: "Ensure 'Access reviews' for privileged roles are configured",
    level: 'L1',
    profile: 'E5',
  },
  {
    id: '5.3.4',
    title: 'Ensure approval is required for Global Administrator role activation',
    level: 'L1',
    profile: 'E5',
  },
  {
    id: '5.3.5',
    title: 'Ensure approval is required for Privileged Role Administrator activation',
    level: 'L1',
    profile: 'E5',
  },
  { id: '6.1.1', title: "Ensure 'AuditDisabled' organizationally is set to 'False'", level: 'L1' },
  { id: '6.1.2', title: 'Ensure mailbox audit actions are configured', level: 'L1' },
  { id: '6.1.3', title: "Ensure 'AuditBypassEnabled' is not enabled on mailboxes", level: 'L1' },
  { id: '6.2.1', title: 'Ensure all forms of mail forwarding are blocked and/or disabled', level: 'L1' },
  { id: '6.2.2', title: 'Ensure mail transport rules do not whitelist specific domains', level: 'L1' },
  { id: '6.2.3', title: 'Ensure email from external senders is identified', level: 'L1' },
  { id: '6.3.1', title: 'Ensure users installing Outlook add-ins is not allowed', level: 'L2' },
  { id: '6.5.1', title: 'Ensure modern authentication for Exchange Online is enabled', level: 'L1' },
  { id: '6.5.2', title: 'Ensure MailTips are enabled for end users', level: 'L1' },
  {
    id: '6.5.3',
    title: 'Ensure additional storage providers are restricted in Outlook on the web',
    level: 'L2',
  },
  { id: '6.5.4', title: 'Ensure SMTP AUTH is disabled', level: 'L1' },
  { id: '6.5.5', title: 'Ensure Direct Send submissions are rejected', level: 'L2' },
  { id: '7.2.1', title: 'Ensure modern authentication for SharePoint applications is required', level: 'L1' },
  {
    id: '7.2.2',
    title: 'Ensure SharePoint and OneDrive integration with Azure AD B2B is enabled',
    level: 'L1',
  },
  { id: '7.2.3', title: 'Ensure external content sharing is restricted', level: 'L1' },
  { id: '7.2.4', title: 'Ensure OneDrive content sharing is restricted', level: 'L2' },
  { id: '7.2.5', title: "Ensure that SharePoint guest users cannot share items they don't own", level: 'L2' },
  {
    id: '7.2.6',
    title: 'Ensure SharePoint external sharing is managed through domain whitelist/blacklists',
    level: 'L2',
  },
  { id: '7.2.7', title: 'Ensure link sharing is restricted in SharePoint and OneDrive', level: 'L1' },
  { id: '7.2.8', title: 'Ensure external sharing is restricted by security group', level: 'L2' },
  { id: '7.2.9', title: 'Ensure guest access to a site or OneDrive will expire automatically', level: 'L1' },
  { id: '7.2.10', title: 'Ensure reauthentication with verification code is restricted', level: 'L1' },
  { id: '7.2.11', title: 'Ensure the SharePoint default sharing link permission is set', level: 'L1' },
  {
    id: '7.3.1',
    title: 'Ensure Office 365 SharePoint infected files are disallowed for download',
    level: 'L2',
    profile: 'E5',
  },
  { id: '7.3.2', title: 'Ensure OneDrive sync is restricted for unmanaged devices', level: 'L2' },
  {
    id: '8.1.1',
    title: 'Ensure external file sharing in Teams is enabled for only approved cloud storage services',
    level: 'L2',
  },
  { id: '8.1.2', title: "Ensure users can't send emails to a channel email address", level: 'L1' },
  { id: '8.2.1', title: 'Ensure external domains are restricted in the Teams admin center', level: 'L2' },
  { id: '8.2.2', title: 'Ensure communication with unmanaged Teams users is disabled', level: 'L1' },
  { id: '8.2.3', title: 'Ensure external Teams users cannot initiate conversations', level: 'L1' },
  { id: '8.2.4', title: 'Ensure communication with Skype users is disabled', level: 'L1' },
  { id: '8.4.1', title: 'Ensure app permission policies are configured', level: 'L1' },
  { id: '8.5.1', title: "Ensure anonymous users can't join a meeting", level: 'L2' },
  { id: '8.5.2', title: "Ensure anonymous users and dial-in callers can't start a meeting", level: 'L1' },
  { id: '8.5.3', title: 'Ensure only people in my org can bypass the lobby', level: 'L1' },
  { id: '8.5.4', title: "Ensure users dialing in can't bypass the lobby", level: 'L1' },
  { id: '8.5.5', title: 'Ensure meeting chat does not allow anonymous users', level: 'L2' },
  { id: '8.5.6', title: 'Ensure only organizers and co-organizers can present', level: 'L2' },
  { id: '8.5.7', title: "Ensure external participants can't give or request control", level: 'L1' },
  { id: '8.5.8', title: 'Ensure external meeting chat is off', level: 'L2' },
  { id: '8.5.9', title: 'Ensure meeting recording is off by default', level: 'L2' },
  { id: '8.6.1', title: 'Ensure users can report security concerns in Teams', level: 'L1' },
  { id: '9.1.1', title: 'Ensure guest user access is restricted', level: 'L1' },
  { id: '9.1.2', title: 'Ensure external user invitations are restricted', level: 'L1' },
  { id: '9.1.3', title: 'Ensure guest access to content is restricted', level: 'L1' },
  { id: '9.1.4', title: "Ensure 'Publish to web' is restricted", level: 'L1' },
  { id: '9.1.5', title: "Ensure 'Interact with and share R and Python' visuals is 'Disabled'", level: 'L2' },
  {
    id: '9.1.6',
    title: "Ensure 'Allow users to apply sensitivity labels for content' is 'Enabled'",
    level: 'L1',
  },
  { id: '9.1.7', title: 'Ensure shareable links are restricted', level: 'L1' },
  { id: '9.1.8', title: 'Ensure enabling of external data sharing is restricted', level: 'L1' },
  { id: '9.1.9', title: "Ensure 'Block ResourceKey Authentication' is 'Enabled'", level: 'L1' },
  { id: '9.1.10', title: 'Ensure access to APIs by Service Principals is restricted', level: 'L1' },
  { id: '9.1.11', title: 'Ensure Service Principals cannot create and use profiles', level: 'L1' },
  {
    id: '9.1.12',
    title:
      'Ensure service principals ability to create workspaces, connections and deployment pipelines is restricted',
    level: 'L1',
  },
];

/** The catalogue id of a CIS v6 recommendation. */
export function cisControlId(id: string): string {
  return `CIS.M365.${id}`;
}
