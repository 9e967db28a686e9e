import type {
  TeamsAppPermissionPolicy,
  TeamsClientConfiguration,
  TeamsMeetingPolicy,
  TeamsMessagingPolicy,
  Tenant,
  TenantFederationSettings,
} from '@m365-mcp/graph-sim';
import type { ControlScenario } from './scenario-row.js';

// CIS 8 over the Teams admin API: each row edits the Global (org-wide default) instance the
// controls read. The demo plants 8.1.1, 8.2.1, 8.2.2, 8.5.3 and 8.5.9; the rest pass as planted.

function global<T extends { Identity: string }>(instances: T[], kind: string): T {
  const found = instances.find((i) => i.Identity === 'Global');
  if (!found) throw new Error(`The demo tenant has no Global ${kind}`);
  return found;
}

const meeting = (t: Tenant): TeamsMeetingPolicy => global(t.teams.TeamsMeetingPolicy, 'meeting policy');
const federation = (t: Tenant): TenantFederationSettings =>
  global(t.teams.TenantFederationSettings, 'federation configuration');
const client = (t: Tenant): TeamsClientConfiguration =>
  global(t.teams.TeamsClientConfiguration, 'client configuration');
const messaging = (t: Tenant): TeamsMessagingPolicy =>
  global(t.teams.TeamsMessagingPolicy, 'messaging policy');
const apps = (t: Tenant): TeamsAppPermissionPolicy =>
  global(t.teams.TeamsAppPermissionPolicy, 'app permission policy');

/** One row per control evaluated over this service's admin API (see control-scenarios.ts). */
export const teamsScenarios: ControlScenario[] = [
  {
    id: 'CIS.M365.8.1.1',
    failEvidence: { enabledServices: ['AllowDropBox', 'AllowGoogleDrive'] },
    pass: (t) => Object.assign(client(t), { AllowDropBox: false, AllowGoogleDrive: false }),
    passEvidence: { AllowDropBox: false, AllowGoogleDrive: false, enabledServices: [] },
  },
  {
    id: 'CIS.M365.8.1.2',
    fail: (t) => Object.assign(client(t), { AllowEmailIntoChannel: true }),
    failEvidence: { identity: 'Global', AllowEmailIntoChannel: true, expected: false },
    passEvidence: { AllowEmailIntoChannel: false },
  },
  {
    id: 'CIS.M365.8.2.1',
    failEvidence: { AllowFederatedUsers: true, AllowedDomains: 'AllowAllKnownDomains' },
    pass: (t) =>
      Object.assign(federation(t), { AllowedDomains: { AllowedDomain: [{ Domain: 'fabrikam.com' }] } }),
    passEvidence: {
      AllowFederatedUsers: true,
      AllowedDomains: 'AllowList',
      allowedDomainNames: ['fabrikam.com'],
    },
  },
  {
    id: 'CIS.M365.8.2.2',
    failEvidence: { AllowTeamsConsumer: true },
    pass: (t) => Object.assign(federation(t), { AllowTeamsConsumer: false }),
    passEvidence: { AllowTeamsConsumer: false },
  },
  {
    id: 'CIS.M365.8.2.3',
    fail: (t) => Object.assign(federation(t), { AllowTeamsConsumerInbound: true }),
    failEvidence: { AllowTeamsConsumerInbound: true, AllowTeamsConsumer: true },
    passEvidence: { AllowTeamsConsumerInbound: false },
  },
  {
    id: 'CIS.M365.8.2.4',
    fail: (t) => Object.assign(federation(t), { AllowPublicUsers: true }),
    failEvidence: { AllowPublicUsers: true },
    passEvidence: { AllowPublicUsers: false },
  },
  {
    id: 'CIS.M365.8.4.1',
    fail: (t) => Object.assign(apps(t), { GlobalCatalogAppsType: 'BlockedAppList', GlobalCatalogApps: [] }),
    failEvidence: { GlobalCatalogAppsType: 'BlockedAppList', thirdPartyApps: 'Allow all apps' },
    passEvidence: {
      thirdPartyApps: 'Allow specific apps and block all others',
      customApps: 'Block all apps',
    },
  },
  {
    id: 'CIS.M365.8.5.1',
    fail: (t) => Object.assign(meeting(t), { AllowAnonymousUsersToJoinMeeting: true }),
    failEvidence: { AllowAnonymousUsersToJoinMeeting: true },
    passEvidence: { AllowAnonymousUsersToJoinMeeting: false },
  },
  {
    id: 'CIS.M365.8.5.2',
    fail: (t) => Object.assign(meeting(t), { AllowAnonymousUsersToStartMeeting: true }),
    failEvidence: { AllowAnonymousUsersToStartMeeting: true },
    passEvidence: { AllowAnonymousUsersToStartMeeting: false },
  },
  {
    id: 'CIS.M365.8.5.3',
    failEvidence: { AutoAdmittedUsers: 'EveryoneInCompany' },
    pass: (t) => Object.assign(meeting(t), { AutoAdmittedUsers: 'EveryoneInCompanyExcludingGuests' }),
    passEvidence: { AutoAdmittedUsers: 'EveryoneInCompanyExcludingGuests' },
  },
  {
    id: 'CIS.M365.8.5.4',
    fail: (t) => Object.assign(meeting(t), { AllowPSTNUsersToBypassLobby: true }),
    failEvidence: { AllowPSTNUsersToBypassLobby: true },
    passEvidence: { AllowPSTNUsersToBypassLobby: false },
  },
  {
    id: 'CIS.M365.8.5.5',
    fail: (t) => Object.assign(meeting(t), { MeetingChatEnabledType: 'Enabled' }),
    failEvidence: { MeetingChatEnabledType: 'Enabled' },
    passEvidence: { MeetingChatEnabledType: 'EnabledExceptAnonymous' },
  },
  {
    id: 'CIS.M365.8.5.6',
    fail: (t) => Object.assign(meeting(t), { DesignatedPresenterRoleMode: 'EveryoneUserOverride' }),
    failEvidence: { DesignatedPresenterRoleMode: 'EveryoneUserOverride' },
    passEvidence: { DesignatedPresenterRoleMode: 'OrganizerOnlyUserOverride' },
  },
  {
    id: 'CIS.M365.8.5.7',
    fail: (t) => Object.assign(meeting(t), { AllowExternalParticipantGiveRequestControl: true }),
    failEvidence: { AllowExternalParticipantGiveRequestControl: true },
    passEvidence: { AllowExternalParticipantGiveRequestControl: false },
  },
  {
    id: 'CIS.M365.8.5.8',
    fail: (t) => Object.assign(meeting(t), { AllowExternalNonTrustedMeetingChat: true }),
    failEvidence: { AllowExternalNonTrustedMeetingChat: true },
    passEvidence: { AllowExternalNonTrustedMeetingChat: false },
  },
  {
    id: 'CIS.M365.8.5.9',
    failEvidence: { AllowCloudRecording: true },
    pass: (t) => Object.assign(meeting(t), { AllowCloudRecording: false }),
    passEvidence: { AllowCloudRecording: false },
  },
  {
    // The Teams switch and Exchange's report submission policy (DEFENDER-PURVIEW's data) together.
    id: 'CIS.M365.8.6.1',
    fail: (t) => {
      Object.assign(messaging(t), { AllowSecurityEndUserReporting: false });
      Object.assign(t.defender.reportSubmissionPolicy, { ReportChatMessageEnabled: true });
    },
    failEvidence: { notAsExpected: ['AllowSecurityEndUserReporting', 'ReportChatMessageEnabled'] },
    passEvidence: {
      AllowSecurityEndUserReporting: true,
      ReportChatMessageToCustomizedAddressEnabled: true,
      notAsExpected: [],
    },
  },
];
