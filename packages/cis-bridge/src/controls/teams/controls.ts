import type { FindingEvidenceValue } from '@m365-mcp/graph-core';
import { cisServiceControl } from '../cis-service-control.js';
import { type Control, cis, cisa, type GraphControl } from '../types.js';
import { arr, type Json, obj, str, strings } from '../values.js';
import {
  appPermissionPolicy,
  clientConfiguration,
  configurationResource,
  federationConfiguration,
  meetingPolicy,
  messagingPolicy,
  requiredSetting,
  teamsConfiguration,
  teamsSettingIs,
} from './configuration.js';

// CIS 8: the Teams admin centre, read over the Teams admin API (the Cs cmdlets' service). As CIS's
// audit procedures do, each control reads the Global (org-wide default) instance: custom policies
// may differ on purpose. Titles, levels and profiles come from the v6 list.

type TeamsControl = Omit<GraphControl, 'kind' | 'id' | 'title' | 'section' | 'level' | 'profile'>;

function teams(id: string, control: TeamsControl): GraphControl {
  return cisServiceControl(id, control);
}

const CLOUD_STORAGE = [
  'AllowDropBox',
  'AllowBox',
  'AllowGoogleDrive',
  'AllowShareFile',
  'AllowEgnyte',
] as const;

/** A federation domain entry: `{ Domain }` as the service sends it, or a bare name. */
function domainName(entry: unknown): string | undefined {
  return str(entry) ?? str(obj(entry).Domain);
}

/** How the Teams admin centre words a catalogue setting of an app permission policy. */
function appsSetting(type: unknown, count: number): string {
  if (type === 'AllowedAppList')
    return count > 0 ? 'Allow specific apps and block all others' : 'Block all apps';
  return count > 0 ? 'Block specific apps and allow all others' : 'Allow all apps';
}

const nonEmpty = (value: unknown): boolean =>
  (typeof value === 'string' && value.trim() !== '') || arr(value).some((v) => str(v)?.trim());

const REPORT_SUBMISSION_EXPECTED: Record<string, FindingEvidenceValue> = {
  ReportJunkToCustomizedAddress: true,
  ReportNotJunkToCustomizedAddress: true,
  ReportPhishToCustomizedAddress: true,
  ReportChatMessageEnabled: false,
  ReportChatMessageToCustomizedAddressEnabled: true,
};
const REPORT_ADDRESSES = ['ReportJunkAddresses', 'ReportNotJunkAddresses', 'ReportPhishAddresses'] as const;

export const teamsControls: Control[] = [
  teams('8.1.1', {
    severity: 'medium',
    references: [cis('8.1.1')],
    resources: ['teamsClientConfiguration'],
    remediation:
      'Teams admin center > Teams > Teams settings > Files: turn off every cloud storage service your organisation has not approved (Set-CsTeamsClientConfiguration -Identity Global -AllowDropBox $false -AllowBox $false -AllowGoogleDrive $false -AllowShareFile $false -AllowEgnyte $false).',
    evaluate(ctx) {
      const config = teamsConfiguration(ctx, clientConfiguration);
      const values = Object.fromEntries(
        CLOUD_STORAGE.map((name) => [name, requiredSetting(config, clientConfiguration, name)]),
      );
      const enabled = CLOUD_STORAGE.filter((name) => values[name] === true);
      return {
        status: enabled.length === 0 ? 'pass' : 'fail',
        evidence: {
          identity: String(config.Identity),
          ...values,
          enabledServices: enabled,
          ...(enabled.length === 0
            ? {}
            : { note: 'CIS allows services your organisation approved: accept this finding for those.' }),
        },
        resource: configurationResource(config, clientConfiguration),
      };
    },
  }),
  teams('8.1.2', {
    severity: 'low',
    references: [cis('8.1.2'), cisa('MS.TEAMS.4.1v1')],
    resources: ['teamsClientConfiguration'],
    remediation:
      "Teams admin center > Teams > Teams settings > Email integration: turn off 'Users can send emails to a channel email address' (Set-CsTeamsClientConfiguration -Identity Global -AllowEmailIntoChannel $false).",
    evaluate: teamsSettingIs(clientConfiguration, 'AllowEmailIntoChannel', [false]),
  }),
  teams('8.2.1', {
    severity: 'high',
    references: [cis('8.2.1'), cisa('MS.TEAMS.2.1v2')],
    resources: ['teamsFederationConfiguration'],
    remediation:
      "Teams admin center > Users > External access: choose 'Allow only specific external domains' and list the partners, or block all external domains (Set-CsTenantFederationConfiguration -AllowFederatedUsers $false, or -AllowedDomainsAsAList with the approved domains).",
    evaluate(ctx) {
      const config = teamsConfiguration(ctx, federationConfiguration);
      const federated = requiredSetting(config, federationConfiguration, 'AllowFederatedUsers');
      const allowed = obj(requiredSetting(config, federationConfiguration, 'AllowedDomains'));
      // An AllowList carries AllowedDomain (even empty: no domain allowed); AllowAllKnownDomains does not.
      const allowList = Array.isArray(allowed.AllowedDomain);
      const domains = arr(allowed.AllowedDomain)
        .map(domainName)
        .filter((d): d is string => d !== undefined);
      return {
        status: federated === false || allowList ? 'pass' : 'fail',
        evidence: {
          identity: String(config.Identity),
          AllowFederatedUsers: federated,
          AllowedDomains: allowList ? 'AllowList' : 'AllowAllKnownDomains',
          allowedDomainNames: domains,
          blockedDomains: arr(config.BlockedDomains).length,
        },
        resource: configurationResource(config, federationConfiguration),
      };
    },
  }),
  teams('8.2.2', {
    severity: 'medium',
    references: [cis('8.2.2'), cisa('MS.TEAMS.2.3v2')],
    resources: ['teamsFederationConfiguration'],
    remediation:
      "Teams admin center > Users > External access: turn off 'People in my organization can communicate with unmanaged Teams accounts' (Set-CsTenantFederationConfiguration -AllowTeamsConsumer $false).",
    evaluate: teamsSettingIs(federationConfiguration, 'AllowTeamsConsumer', [false]),
  }),
  teams('8.2.3', {
    severity: 'medium',
    references: [cis('8.2.3'), cisa('MS.TEAMS.2.2v2')],
    resources: ['teamsFederationConfiguration'],
    remediation:
      "Teams admin center > Users > External access: turn off 'External users with Teams accounts not managed by an organization can contact users in my organization' (Set-CsTenantFederationConfiguration -AllowTeamsConsumerInbound $false).",
    evaluate(ctx) {
      const config = teamsConfiguration(ctx, federationConfiguration);
      const consumer = requiredSetting(config, federationConfiguration, 'AllowTeamsConsumer');
      const inbound = requiredSetting(config, federationConfiguration, 'AllowTeamsConsumerInbound');
      // With AllowTeamsConsumer off no unmanaged user can reach anyone, whatever Inbound still holds
      // (the admin centre hides that switch then, keeping its old value).
      return {
        status: inbound === false || consumer === false ? 'pass' : 'fail',
        evidence: {
          identity: String(config.Identity),
          AllowTeamsConsumerInbound: inbound,
          AllowTeamsConsumer: consumer,
          ...(consumer === false && inbound !== false
            ? { note: 'AllowTeamsConsumer is off, so unmanaged users cannot start a conversation.' }
            : {}),
        },
        resource: configurationResource(config, federationConfiguration),
      };
    },
  }),
  teams('8.2.4', {
    severity: 'medium',
    references: [cis('8.2.4')],
    resources: ['teamsFederationConfiguration'],
    remediation:
      'Teams admin center > Users > External access: turn off communication with Skype users (Set-CsTenantFederationConfiguration -AllowPublicUsers $false).',
    evaluate: teamsSettingIs(federationConfiguration, 'AllowPublicUsers', [false]),
  }),
  teams('8.4.1', {
    severity: 'medium',
    references: [cis('8.4.1'), cisa('MS.TEAMS.5.2v2'), cisa('MS.TEAMS.5.3v2')],
    resources: ['teamsAppPermissionPolicy'],
    remediation:
      "Teams admin center > Teams apps > Permission policies > Global (Org-wide default): third-party apps and custom apps to 'Allow specific apps and block all others' or 'Block all apps' (Set-CsTeamsAppPermissionPolicy -Identity Global -GlobalCatalogAppsType AllowedAppList -PrivateCatalogAppsType AllowedAppList).",
    evaluate(ctx) {
      const config = teamsConfiguration(ctx, appPermissionPolicy);
      const thirdPartyType = requiredSetting(config, appPermissionPolicy, 'GlobalCatalogAppsType');
      const customType = requiredSetting(config, appPermissionPolicy, 'PrivateCatalogAppsType');
      const thirdParty = arr(config.GlobalCatalogApps).length;
      const custom = arr(config.PrivateCatalogApps).length;
      return {
        status: thirdPartyType === 'AllowedAppList' && customType === 'AllowedAppList' ? 'pass' : 'fail',
        evidence: {
          identity: String(config.Identity),
          GlobalCatalogAppsType: thirdPartyType,
          GlobalCatalogApps: thirdParty,
          thirdPartyApps: appsSetting(thirdPartyType, thirdParty),
          PrivateCatalogAppsType: customType,
          PrivateCatalogApps: custom,
          customApps: appsSetting(customType, custom),
        },
        resource: configurationResource(config, appPermissionPolicy),
      };
    },
  }),
  teams('8.5.1', {
    severity: 'medium',
    references: [cis('8.5.1')],
    resources: ['teamsMeetingPolicy'],
    remediation:
      "Teams admin center > Meetings > Meeting policies > Global: turn off 'Anonymous users can join a meeting' (Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false).",
    evaluate: teamsSettingIs(meetingPolicy, 'AllowAnonymousUsersToJoinMeeting', [false]),
  }),
  teams('8.5.2', {
    severity: 'high',
    references: [cis('8.5.2'), cisa('MS.TEAMS.1.2v2')],
    resources: ['teamsMeetingPolicy'],
    remediation:
      "Teams admin center > Meetings > Meeting policies > Global: turn off 'Anonymous users and dial-in callers can start a meeting' (Set-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToStartMeeting $false).",
    evaluate: teamsSettingIs(meetingPolicy, 'AllowAnonymousUsersToStartMeeting', [false]),
  }),
  teams('8.5.3', {
    severity: 'medium',
    references: [cis('8.5.3'), cisa('MS.TEAMS.1.3v1')],
    resources: ['teamsMeetingPolicy'],
    remediation:
      "Teams admin center > Meetings > Meeting policies > Global: 'Who can bypass the lobby' to 'People in my org' or stricter (Set-CsTeamsMeetingPolicy -Identity Global -AutoAdmittedUsers EveryoneInCompanyExcludingGuests).",
    evaluate: teamsSettingIs(meetingPolicy, 'AutoAdmittedUsers', [
      'EveryoneInCompanyExcludingGuests',
      'OrganizerOnly',
      'InvitedUsers',
    ]),
  }),
  teams('8.5.4', {
    severity: 'medium',
    references: [cis('8.5.4'), cisa('MS.TEAMS.1.5v1')],
    resources: ['teamsMeetingPolicy'],
    remediation:
      "Teams admin center > Meetings > Meeting policies > Global: turn off 'People dialing in can bypass the lobby' (Set-CsTeamsMeetingPolicy -Identity Global -AllowPSTNUsersToBypassLobby $false).",
    evaluate: teamsSettingIs(meetingPolicy, 'AllowPSTNUsersToBypassLobby', [false]),
  }),
  teams('8.5.5', {
    severity: 'low',
    references: [cis('8.5.5')],
    resources: ['teamsMeetingPolicy'],
    remediation:
      "Teams admin center > Meetings > Meeting policies > Global: 'Meeting chat' to 'On for everyone but anonymous users' (Set-CsTeamsMeetingPolicy -Identity Global -MeetingChatEnabledType EnabledExceptAnonymous).",
    evaluate: teamsSettingIs(meetingPolicy, 'MeetingChatEnabledType', [
      'EnabledExceptAnonymous',
      'EnabledInMeetingOnlyForAllExceptAnonymous',
      'Disabled',
    ]),
  }),
  teams('8.5.6', {
    severity: 'low',
    references: [cis('8.5.6')],
    resources: ['teamsMeetingPolicy'],
    remediation:
      "Teams admin center > Meetings > Meeting policies > Global: 'Who can present' to 'Only organizers and co-organizers' (Set-CsTeamsMeetingPolicy -Identity Global -DesignatedPresenterRoleMode OrganizerOnlyUserOverride).",
    evaluate: teamsSettingIs(meetingPolicy, 'DesignatedPresenterRoleMode', ['OrganizerOnlyUserOverride']),
  }),
  teams('8.5.7', {
    severity: 'medium',
    references: [cis('8.5.7'), cisa('MS.TEAMS.1.1v1')],
    resources: ['teamsMeetingPolicy'],
    remediation:
      "Teams admin center > Meetings > Meeting policies > Global: turn off 'External participants can give or request control' (Set-CsTeamsMeetingPolicy -Identity Global -AllowExternalParticipantGiveRequestControl $false).",
    evaluate: teamsSettingIs(meetingPolicy, 'AllowExternalParticipantGiveRequestControl', [false]),
  }),
  teams('8.5.8', {
    severity: 'low',
    references: [cis('8.5.8')],
    resources: ['teamsMeetingPolicy'],
    remediation:
      "Teams admin center > Meetings > Meeting policies > Global: turn off 'External meeting chat' (Set-CsTeamsMeetingPolicy -Identity Global -AllowExternalNonTrustedMeetingChat $false).",
    evaluate: teamsSettingIs(meetingPolicy, 'AllowExternalNonTrustedMeetingChat', [false]),
  }),
  teams('8.5.9', {
    severity: 'low',
    references: [cis('8.5.9'), cisa('MS.TEAMS.1.6v1')],
    resources: ['teamsMeetingPolicy'],
    remediation:
      "Teams admin center > Meetings > Meeting policies > Global: turn off 'Meeting recording' and allow it in custom policies for those who need it (Set-CsTeamsMeetingPolicy -Identity Global -AllowCloudRecording $false).",
    evaluate: teamsSettingIs(meetingPolicy, 'AllowCloudRecording', [false]),
  }),
  teams('8.6.1', {
    severity: 'medium',
    references: [cis('8.6.1')],
    resources: ['teamsMessagingPolicy', 'reportSubmissionPolicy'],
    remediation:
      "Teams admin center > Messaging policies > Global: turn on 'Report a security concern' (Set-CsTeamsMessagingPolicy -Identity Global -AllowSecurityEndUserReporting $true); Defender portal > Settings > Email & collaboration > User reported settings: send reported messages, Teams messages included, to your reporting mailbox only (Set-ReportSubmissionPolicy: ReportJunk/NotJunk/PhishToCustomizedAddress $true with their addresses, ReportChatMessageEnabled $false, ReportChatMessageToCustomizedAddressEnabled $true).",
    evaluate(ctx) {
      const config = teamsConfiguration(ctx, messagingPolicy);
      const reporting = requiredSetting(config, messagingPolicy, 'AllowSecurityEndUserReporting');
      const submission: Json = obj(ctx.get('reportSubmissionPolicy'));
      const wrong: string[] = reporting === true ? [] : ['AllowSecurityEndUserReporting'];
      const submissionValues: Record<string, FindingEvidenceValue> = {};
      for (const [name, expected] of Object.entries(REPORT_SUBMISSION_EXPECTED)) {
        const value = submission[name];
        submissionValues[name] = value === undefined ? null : (value as FindingEvidenceValue);
        if (value !== expected) wrong.push(name);
      }
      for (const name of REPORT_ADDRESSES) {
        const addresses = submission[name];
        submissionValues[name] = typeof addresses === 'string' ? addresses : strings(addresses);
        if (!nonEmpty(submission[name])) wrong.push(name);
      }
      return {
        status: wrong.length === 0 ? 'pass' : 'fail',
        evidence: {
          identity: String(config.Identity),
          AllowSecurityEndUserReporting: reporting,
          ...submissionValues,
          notAsExpected: wrong,
        },
        resource: configurationResource(config, messagingPolicy),
      };
    },
  }),
];
