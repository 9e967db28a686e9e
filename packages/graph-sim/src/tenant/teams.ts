// Teams tenant settings of the simulated tenant, as the Teams admin API (the service behind the
// MicrosoftTeams module's Cs cmdlets) returns them from
// GET https://api.interfaces.records.teams.microsoft.com/Skype.Policy/configurations/{PolicyName}.
// Property names and values are those of Microsoft's cmdlet reference (Get-CsTeamsMeetingPolicy,
// Get-CsTenantFederationConfiguration, ...), PascalCase as the service sends them; each instance
// carries its Identity ("Global" for the org-wide default, "Tag:<name>" for the others).

/** Who may bypass the lobby (Set-CsTeamsMeetingPolicy -AutoAdmittedUsers). */
export type AutoAdmittedUsers =
  | 'EveryoneInCompany'
  | 'EveryoneInSameAndFederatedCompany'
  | 'EveryoneInCompanyExcludingGuests'
  | 'OrganizerOnly'
  | 'InvitedUsers'
  | 'Everyone';

/** Who may chat in meetings (Set-CsTeamsMeetingPolicy -MeetingChatEnabledType). */
export type MeetingChatEnabledType =
  | 'Enabled'
  | 'Disabled'
  | 'EnabledExceptAnonymous'
  | 'EnabledInMeetingOnlyForAllExceptAnonymous';

/** The default "Who can present" (Set-CsTeamsMeetingPolicy -DesignatedPresenterRoleMode). */
export type DesignatedPresenterRoleMode =
  | 'OrganizerOnlyUserOverride'
  | 'EveryoneInCompanyUserOverride'
  | 'EveryoneInSameAndFederatedCompanyUserOverride'
  | 'EveryoneUserOverride';

/** Get-CsTeamsMeetingPolicy: the properties the audit and the Teams admin centre's meeting pages show. */
export interface TeamsMeetingPolicy {
  Identity: string;
  Description: string | null;
  AllowChannelMeetingScheduling: boolean;
  AllowMeetNow: boolean;
  AllowPrivateMeetNow: boolean;
  AllowPrivateMeetingScheduling: boolean;
  MeetingChatEnabledType: MeetingChatEnabledType;
  AllowExternalNonTrustedMeetingChat: boolean;
  AllowAnonymousUsersToJoinMeeting: boolean;
  AllowAnonymousUsersToStartMeeting: boolean;
  AllowAnonymousUsersToDialOut: boolean;
  AutoAdmittedUsers: AutoAdmittedUsers;
  AllowPSTNUsersToBypassLobby: boolean;
  AllowOrganizersToOverrideLobbySettings: boolean;
  DesignatedPresenterRoleMode: DesignatedPresenterRoleMode;
  AllowParticipantGiveRequestControl: boolean;
  AllowExternalParticipantGiveRequestControl: boolean;
  AllowCloudRecording: boolean;
  AllowRecordingStorageOutsideRegion: boolean;
  AllowTranscription: boolean;
  AllowIPVideo: boolean;
  ScreenSharingMode: 'SingleApplication' | 'EntireScreen' | 'Disabled';
  AllowWhiteboard: boolean;
  AllowSharedNotes: boolean;
  AllowBreakoutRooms: boolean;
  AllowMeetingReactions: boolean;
  LiveCaptionsEnabledType: 'DisabledUserOverride' | 'Disabled';
  NewMeetingRecordingExpirationDays: number;
  MediaBitRateKb: number;
}

/** A domain entry of the federation allow or block list, as the service sends it. */
export interface FederationDomain {
  Domain: string;
}

/**
 * Get-CsTenantFederationConfiguration (the service's TenantFederationSettings, one instance:
 * Global). AllowedDomains is an AllowList `{ AllowedDomain: [...] }` when external access is
 * limited to listed domains, and `{}` (AllowAllKnownDomains) otherwise.
 */
export interface TenantFederationSettings {
  Identity: string;
  AllowedDomains: { AllowedDomain?: FederationDomain[] };
  BlockedDomains: FederationDomain[];
  AllowFederatedUsers: boolean;
  AllowPublicUsers: boolean;
  AllowTeamsConsumer: boolean;
  AllowTeamsConsumerInbound: boolean;
  TreatDiscoveredPartnersAsUnverified: boolean;
  SharedSipAddressSpace: boolean;
  RestrictTeamsConsumerToExternalUserProfiles: boolean;
  BlockAllSubdomains: boolean;
  ExternalAccessWithTrialTenants: 'Blocked' | 'Allowed';
}

/** Get-CsTeamsClientConfiguration (one instance: Global): cloud storage and channel email. */
export interface TeamsClientConfiguration {
  Identity: string;
  AllowEmailIntoChannel: boolean;
  RestrictedSenderList: string | null;
  AllowDropBox: boolean;
  AllowBox: boolean;
  AllowGoogleDrive: boolean;
  AllowShareFile: boolean;
  AllowEgnyte: boolean;
  AllowOrganizationTab: boolean;
  AllowSkypeBusinessInterop: boolean;
  ContentPin: 'NotRequired' | 'RequiredOutsideScheduleMeeting' | 'AlwaysRequired';
  AllowResourceAccountSendMessage: boolean;
  ResourceAccountContentAccess: 'NoAccess' | 'PartialAccess' | 'FullAccess';
  AllowGuestUser: boolean;
  AllowScopedPeopleSearchandAccess: boolean;
  AllowRoleBasedChatPermissions: boolean;
}

/** Get-CsTeamsMessagingPolicy: chat features, and the security reporting CIS 8.6.1 reads. */
export interface TeamsMessagingPolicy {
  Identity: string;
  Description: string | null;
  AllowUrlPreviews: boolean;
  AllowOwnerDeleteMessage: boolean;
  AllowUserEditMessage: boolean;
  AllowUserDeleteMessage: boolean;
  AllowUserDeleteChat: boolean;
  AllowUserChat: boolean;
  AllowRemoveUser: boolean;
  AllowGiphy: boolean;
  GiphyRatingType: 'Strict' | 'Moderate' | 'NoRestriction';
  AllowMemes: boolean;
  AllowStickers: boolean;
  AllowUserTranslation: boolean;
  ReadReceiptsEnabledType: 'UserPreference' | 'Everyone' | 'None';
  AllowPriorityMessages: boolean;
  ChannelsInChatListEnabledType: 'DisabledUserOverride' | 'EnabledUserOverride';
  AudioMessageEnabledType: 'ChatsAndChannels' | 'ChatsOnly' | 'Disabled';
  AllowSecurityEndUserReporting: boolean;
}

/** An app of an app permission policy's list (Get-CsTeamsAppPermissionPolicy *CatalogApps). */
export interface TeamsCatalogApp {
  Id: string;
}

/**
 * Get-CsTeamsAppPermissionPolicy. Each catalogue is AllowedAppList (only the listed apps; an
 * empty list blocks all) or BlockedAppList (all but the listed apps; an empty list allows all).
 * Default = Microsoft apps, Global = third-party apps, Private = custom apps.
 */
export interface TeamsAppPermissionPolicy {
  Identity: string;
  Description: string | null;
  DefaultCatalogAppsType: 'AllowedAppList' | 'BlockedAppList';
  DefaultCatalogApps: TeamsCatalogApp[];
  GlobalCatalogAppsType: 'AllowedAppList' | 'BlockedAppList';
  GlobalCatalogApps: TeamsCatalogApp[];
  PrivateCatalogAppsType: 'AllowedAppList' | 'BlockedAppList';
  PrivateCatalogApps: TeamsCatalogApp[];
}

/**
 * The tenant's Teams configurations, keyed by the `{PolicyName}` path segment of the admin API,
 * each with its instances in the order the service lists them (Global first).
 */
export interface TeamsData {
  TeamsMeetingPolicy: TeamsMeetingPolicy[];
  TenantFederationSettings: TenantFederationSettings[];
  TeamsClientConfiguration: TeamsClientConfiguration[];
  TeamsMessagingPolicy: TeamsMessagingPolicy[];
  TeamsAppPermissionPolicy: TeamsAppPermissionPolicy[];
}

export type TeamsConfigurationName = keyof TeamsData;
