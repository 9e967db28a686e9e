import { FEDERATION, MEETING, TEAMS } from '../manual-reasons.js';
import type { ManualRow } from '../manual-row.js';

/** This service's recommendations still read by a person: [CIS id, read with, where, why not here]. */
export const teamsManualRows: ManualRow[] = [
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
];
