import type {
  TeamsAppPermissionPolicy,
  TeamsClientConfiguration,
  TeamsData,
  TeamsMeetingPolicy,
  TeamsMessagingPolicy,
  TenantFederationSettings,
} from '../teams.js';

// Contoso's Teams settings. Planted for the demo to find (CIS 8): Dropbox and Google Drive allowed
// in Teams (8.1.1), external access open to every domain (8.2.1), chat with unmanaged Teams users
// (8.2.2), guests bypassing the lobby (8.5.3) and cloud recording on (8.5.9), all on the Global
// (org-wide default) policies. The rest is hardened. The Tag: policies are Microsoft's built-in
// ones, looser than Global, which the CIS audit (Global only) does not read.

/** Microsoft's defaults for a meeting policy, as Get-CsTeamsMeetingPolicy shows a fresh Global. */
export function defaultMeetingPolicy(identity: string): TeamsMeetingPolicy {
  return {
    Identity: identity,
    Description: null,
    AllowChannelMeetingScheduling: true,
    AllowMeetNow: true,
    AllowPrivateMeetNow: true,
    AllowPrivateMeetingScheduling: true,
    MeetingChatEnabledType: 'Enabled',
    AllowExternalNonTrustedMeetingChat: true,
    AllowAnonymousUsersToJoinMeeting: true,
    AllowAnonymousUsersToStartMeeting: false,
    AllowAnonymousUsersToDialOut: false,
    AutoAdmittedUsers: 'EveryoneInCompany',
    AllowPSTNUsersToBypassLobby: false,
    AllowOrganizersToOverrideLobbySettings: false,
    DesignatedPresenterRoleMode: 'EveryoneUserOverride',
    AllowParticipantGiveRequestControl: true,
    AllowExternalParticipantGiveRequestControl: false,
    AllowCloudRecording: true,
    AllowRecordingStorageOutsideRegion: false,
    AllowTranscription: false,
    AllowIPVideo: true,
    ScreenSharingMode: 'EntireScreen',
    AllowWhiteboard: true,
    AllowSharedNotes: true,
    AllowBreakoutRooms: true,
    AllowMeetingReactions: true,
    LiveCaptionsEnabledType: 'DisabledUserOverride',
    NewMeetingRecordingExpirationDays: 120,
    MediaBitRateKb: 50000,
  };
}

function meetingPolicies(): TeamsMeetingPolicy[] {
  return [
    {
      ...defaultMeetingPolicy('Global'),
      // Hardened: no anonymous join or chat, organisers present, external chat off.
      AllowAnonymousUsersToJoinMeeting: false,
      MeetingChatEnabledType: 'EnabledExceptAnonymous',
      AllowExternalNonTrustedMeetingChat: false,
      DesignatedPresenterRoleMode: 'OrganizerOnlyUserOverride',
      // Planted: guests are admitted with the organisation (8.5.3); recording stays on (8.5.9).
      AutoAdmittedUsers: 'EveryoneInCompany',
      AllowCloudRecording: true,
    },
    {
      ...defaultMeetingPolicy('Tag:AllOn'),
      AutoAdmittedUsers: 'Everyone',
      AllowPSTNUsersToBypassLobby: true,
    },
    { ...defaultMeetingPolicy('Tag:RestrictedAnonymousAccess'), AllowAnonymousUsersToJoinMeeting: false },
    {
      ...defaultMeetingPolicy('Tag:Executives'),
      Description: 'Board and executive meetings: lobby for everyone outside the company, no recording.',
      AutoAdmittedUsers: 'EveryoneInCompanyExcludingGuests',
      AllowAnonymousUsersToJoinMeeting: false,
      AllowCloudRecording: false,
      DesignatedPresenterRoleMode: 'OrganizerOnlyUserOverride',
    },
  ];
}

function federation(): TenantFederationSettings {
  return {
    Identity: 'Global',
    // Planted: federation with every domain (AllowAllKnownDomains), and unmanaged Teams accounts.
    AllowedDomains: {},
    BlockedDomains: [{ Domain: 'fabrikam-competitor.example' }],
    AllowFederatedUsers: true,
    AllowPublicUsers: false,
    AllowTeamsConsumer: true,
    AllowTeamsConsumerInbound: false,
    TreatDiscoveredPartnersAsUnverified: false,
    SharedSipAddressSpace: false,
    RestrictTeamsConsumerToExternalUserProfiles: false,
    BlockAllSubdomains: false,
    ExternalAccessWithTrialTenants: 'Blocked',
  };
}

function clientConfiguration(): TeamsClientConfiguration {
  return {
    Identity: 'Global',
    AllowEmailIntoChannel: false,
    RestrictedSenderList: null,
    // Planted: two unapproved cloud storage services (8.1.1).
    AllowDropBox: true,
    AllowBox: false,
    AllowGoogleDrive: true,
    AllowShareFile: false,
    AllowEgnyte: false,
    AllowOrganizationTab: true,
    AllowSkypeBusinessInterop: true,
    ContentPin: 'RequiredOutsideScheduleMeeting',
    AllowResourceAccountSendMessage: true,
    ResourceAccountContentAccess: 'NoAccess',
    AllowGuestUser: true,
    AllowScopedPeopleSearchandAccess: false,
    AllowRoleBasedChatPermissions: false,
  };
}

/** Microsoft's defaults for a messaging policy. */
export function defaultMessagingPolicy(identity: string): TeamsMessagingPolicy {
  return {
    Identity: identity,
    Description: null,
    AllowUrlPreviews: true,
    AllowOwnerDeleteMessage: false,
    AllowUserEditMessage: true,
    AllowUserDeleteMessage: true,
    AllowUserDeleteChat: true,
    AllowUserChat: true,
    AllowRemoveUser: true,
    AllowGiphy: true,
    GiphyRatingType: 'Moderate',
    AllowMemes: true,
    AllowStickers: true,
    AllowUserTranslation: true,
    ReadReceiptsEnabledType: 'UserPreference',
    AllowPriorityMessages: true,
    ChannelsInChatListEnabledType: 'DisabledUserOverride',
    AudioMessageEnabledType: 'ChatsAndChannels',
    AllowSecurityEndUserReporting: true,
  };
}

/** Third-party apps Contoso approved (Teams app ids). */
export const demoApprovedTeamsApps = [
  '0d820ecd-def2-4297-adad-78056cde7c78',
  '2a527703-1f6f-4559-a332-d8a7d288cd88',
] as const;

/** Microsoft's defaults: every Microsoft and third-party app allowed, custom apps allowed. */
export function defaultAppPermissionPolicy(identity: string): TeamsAppPermissionPolicy {
  return {
    Identity: identity,
    Description: null,
    DefaultCatalogAppsType: 'BlockedAppList',
    DefaultCatalogApps: [],
    GlobalCatalogAppsType: 'BlockedAppList',
    GlobalCatalogApps: [],
    PrivateCatalogAppsType: 'BlockedAppList',
    PrivateCatalogApps: [],
  };
}

function appPermissionPolicies(): TeamsAppPermissionPolicy[] {
  return [
    {
      ...defaultAppPermissionPolicy('Global'),
      // Hardened: only approved third-party apps, no custom apps.
      GlobalCatalogAppsType: 'AllowedAppList',
      GlobalCatalogApps: demoApprovedTeamsApps.map((Id) => ({ Id })),
      PrivateCatalogAppsType: 'AllowedAppList',
      PrivateCatalogApps: [],
    },
    {
      ...defaultAppPermissionPolicy('Tag:Developers'),
      Description: 'App developers may sideload custom apps.',
    },
  ];
}

/** The demo tenant's Teams settings. */
export function demoTeams(_now: Date): TeamsData {
  return {
    TeamsMeetingPolicy: meetingPolicies(),
    TenantFederationSettings: [federation()],
    TeamsClientConfiguration: [clientConfiguration()],
    TeamsMessagingPolicy: [
      defaultMessagingPolicy('Global'),
      { ...defaultMessagingPolicy('Tag:Frontline'), AllowGiphy: false, AllowMemes: false },
    ],
    TeamsAppPermissionPolicy: appPermissionPolicies(),
  };
}
