// Teams settings for a generated tenant: the Global policies drawn, setting by setting, between
// Microsoft's defaults and the hardened values CIS asks for, plus `policies` custom meeting,
// messaging and app permission policies. Deterministic: the same options give the same settings.
import { createHash } from 'node:crypto';
import {
  defaultAppPermissionPolicy,
  defaultMeetingPolicy,
  defaultMessagingPolicy,
  demoApprovedTeamsApps,
} from '../demo/teams.js';
import type { AutoAdmittedUsers, TeamsData } from '../teams.js';

export interface GenerateTeamsOptions {
  /** Any string or number; the same seed gives the same settings. Default 'contoso'. */
  seed?: string | number;
  /** Custom (Tag:) policies of each kind besides Global. Default 5. */
  policies?: number;
  /** Chance, 0 to 1, that each audited setting is hardened. Default 0.6. */
  hardenedRatio?: number;
}

/** mulberry32 seeded from a hash of the seed (as the directory generator does). */
function randomFrom(seed: string): () => number {
  let state = createHash('sha256').update(`teams:${seed}`).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const LOBBY: AutoAdmittedUsers[] = [
  'EveryoneInCompany',
  'EveryoneInSameAndFederatedCompany',
  'EveryoneInCompanyExcludingGuests',
  'OrganizerOnly',
  'InvitedUsers',
];

export function generateTeams(options: GenerateTeamsOptions = {}): TeamsData {
  const random = randomFrom(String(options.seed ?? 'contoso'));
  const ratio = options.hardenedRatio ?? 0.6;
  const count = options.policies ?? 5;
  if (!Number.isInteger(count) || count < 0) throw new Error('policies must be a whole number, 0 or more.');
  if (!(ratio >= 0 && ratio <= 1)) throw new Error('hardenedRatio must be between 0 and 1.');
  const hardened = () => random() < ratio;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

  const meeting = defaultMeetingPolicy('Global');
  meeting.AllowAnonymousUsersToJoinMeeting = !hardened();
  meeting.AllowAnonymousUsersToStartMeeting = !hardened();
  meeting.AutoAdmittedUsers = hardened() ? 'EveryoneInCompanyExcludingGuests' : pick(LOBBY);
  meeting.AllowPSTNUsersToBypassLobby = !hardened();
  meeting.MeetingChatEnabledType = hardened() ? 'EnabledExceptAnonymous' : 'Enabled';
  meeting.DesignatedPresenterRoleMode = hardened() ? 'OrganizerOnlyUserOverride' : 'EveryoneUserOverride';
  meeting.AllowExternalParticipantGiveRequestControl = !hardened();
  meeting.AllowExternalNonTrustedMeetingChat = !hardened();
  meeting.AllowCloudRecording = !hardened();

  const allowList = hardened();
  const consumer = !hardened();
  const storage = () => !hardened();

  const data: TeamsData = {
    TeamsMeetingPolicy: [meeting],
    TenantFederationSettings: [
      {
        Identity: 'Global',
        AllowedDomains: allowList
          ? { AllowedDomain: [{ Domain: 'fabrikam.com' }, { Domain: 'northwind.example' }] }
          : {},
        BlockedDomains: [],
        AllowFederatedUsers: true,
        AllowPublicUsers: !hardened(),
        AllowTeamsConsumer: consumer,
        AllowTeamsConsumerInbound: consumer && !hardened(),
        TreatDiscoveredPartnersAsUnverified: false,
        SharedSipAddressSpace: false,
        RestrictTeamsConsumerToExternalUserProfiles: false,
        BlockAllSubdomains: false,
        ExternalAccessWithTrialTenants: 'Blocked',
      },
    ],
    TeamsClientConfiguration: [
      {
        Identity: 'Global',
        AllowEmailIntoChannel: !hardened(),
        RestrictedSenderList: null,
        AllowDropBox: storage(),
        AllowBox: storage(),
        AllowGoogleDrive: storage(),
        AllowShareFile: storage(),
        AllowEgnyte: storage(),
        AllowOrganizationTab: true,
        AllowSkypeBusinessInterop: true,
        ContentPin: 'RequiredOutsideScheduleMeeting',
        AllowResourceAccountSendMessage: true,
        ResourceAccountContentAccess: 'NoAccess',
        AllowGuestUser: true,
        AllowScopedPeopleSearchandAccess: false,
        AllowRoleBasedChatPermissions: false,
      },
    ],
    TeamsMessagingPolicy: [
      { ...defaultMessagingPolicy('Global'), AllowSecurityEndUserReporting: hardened() },
    ],
    TeamsAppPermissionPolicy: [
      hardened()
        ? {
            ...defaultAppPermissionPolicy('Global'),
            GlobalCatalogAppsType: 'AllowedAppList',
            GlobalCatalogApps: demoApprovedTeamsApps.map((Id) => ({ Id })),
            PrivateCatalogAppsType: 'AllowedAppList',
          }
        : defaultAppPermissionPolicy('Global'),
    ],
  };
  for (let i = 1; i <= count; i++) {
    const tag = `Tag:Generated${String(i).padStart(3, '0')}`;
    data.TeamsMeetingPolicy.push({ ...defaultMeetingPolicy(tag), AutoAdmittedUsers: pick(LOBBY) });
    data.TeamsMessagingPolicy.push({ ...defaultMessagingPolicy(tag), AllowGiphy: random() < 0.5 });
    data.TeamsAppPermissionPolicy.push(defaultAppPermissionPolicy(tag));
  }
  return data;
}
