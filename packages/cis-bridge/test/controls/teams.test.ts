// The CIS 8 controls' predicates over the Teams admin API's answers: each resource is what
// graph-sim's Teams handler answers for the resource's path from the demo tenant (edited per case),
// so a wrong path, a misread shape or a wrong property name fails here. The HTTPS run through the
// compliance server is in apps/m365-compliance (teams-scenarios.ts).
import { createDemoTenant, type Tenant, teamsHandler } from '@m365-mcp/graph-sim';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/controls/catalogue.js';
import type { ResourceKey } from '../../src/controls/resources.js';
import { teamsControls } from '../../src/controls/teams/controls.js';
import { teamsResources } from '../../src/controls/teams/resources.js';
import type { EvaluationContext, GraphControl, Outcome } from '../../src/controls/types.js';

const NOW = new Date('2026-09-01T12:00:00Z');
type Json = Record<string, unknown>;

/** Get-ReportSubmissionPolicy as CIS 8.6.1 wants it (the Exchange side is DEFENDER-PURVIEW's simulator). */
function reportingPolicy(): Json {
  return {
    Identity: 'DefaultReportSubmissionPolicy',
    ReportJunkToCustomizedAddress: true,
    ReportNotJunkToCustomizedAddress: true,
    ReportPhishToCustomizedAddress: true,
    ReportJunkAddresses: ['secops@contoso.com'],
    ReportNotJunkAddresses: ['secops@contoso.com'],
    ReportPhishAddresses: ['secops@contoso.com'],
    ReportChatMessageEnabled: false,
    ReportChatMessageToCustomizedAddressEnabled: true,
  };
}

interface World {
  tenant: Tenant;
  reportSubmissionPolicy: Json;
  /** Replaces a resource's body, e.g. to test a shape the service might send. */
  bodies: Partial<Record<string, unknown>>;
}

function world(): World {
  return { tenant: createDemoTenant({ now: NOW }), reportSubmissionPolicy: reportingPolicy(), bodies: {} };
}

function context(w: World): EvaluationContext {
  const get = (key: ResourceKey): unknown => {
    if (Object.hasOwn(w.bodies, key)) return w.bodies[key];
    if (key === 'reportSubmissionPolicy') return w.reportSubmissionPolicy;
    const spec = teamsResources[key as keyof typeof teamsResources];
    if (!spec) throw new Error(`the Teams controls read ${key}, which this test does not serve`);
    const answer = teamsHandler({
      method: 'GET',
      path: spec.path,
      query: new URLSearchParams(),
      tenant: w.tenant,
    });
    if (answer.status !== 200) throw new Error(`${spec.path} answered ${answer.status}`);
    return answer.body;
  };
  return {
    get: <T>(key: ResourceKey) => get(key) as T,
    optional: <T>(key: ResourceKey) => get(key) as T,
    groupMembers: () => [],
    dns: () => {
      throw new Error('no DNS here');
    },
    exceptions: { breakGlassAccounts: [], approvedPublicGroups: [], acceptedCaExclusions: [] },
    licences: new Set(),
    now: NOW,
  };
}

function control(id: string): GraphControl {
  const found = teamsControls.find((c) => c.id === `CIS.M365.${id}`);
  if (found?.kind !== 'graph') throw new Error(`no evaluated control ${id}`);
  return found;
}

function evaluate(id: string, edit?: (w: World) => void): Outcome {
  const w = world();
  edit?.(w);
  return control(id).evaluate(context(w));
}

const meeting = (w: World) => w.tenant.teams.TeamsMeetingPolicy[0] as unknown as Json;
const federation = (w: World) => w.tenant.teams.TenantFederationSettings[0] as unknown as Json;
const client = (w: World) => w.tenant.teams.TeamsClientConfiguration[0] as unknown as Json;
const messaging = (w: World) => w.tenant.teams.TeamsMessagingPolicy[0] as unknown as Json;
const apps = (w: World) => w.tenant.teams.TeamsAppPermissionPolicy[0] as unknown as Json;

interface Row {
  id: string;
  demo: 'pass' | 'fail';
  demoEvidence: Json;
  /** Turns the demo's verdict around. */
  flip: (w: World) => void;
  flippedEvidence: Json;
}

const rows: Row[] = [
  {
    id: '8.1.1',
    demo: 'fail',
    demoEvidence: {
      AllowDropBox: true,
      AllowGoogleDrive: true,
      enabledServices: ['AllowDropBox', 'AllowGoogleDrive'],
    },
    flip: (w) => Object.assign(client(w), { AllowDropBox: false, AllowGoogleDrive: false }),
    flippedEvidence: { enabledServices: [] },
  },
  {
    id: '8.1.2',
    demo: 'pass',
    demoEvidence: { AllowEmailIntoChannel: false },
    flip: (w) => Object.assign(client(w), { AllowEmailIntoChannel: true }),
    flippedEvidence: { AllowEmailIntoChannel: true, expected: false },
  },
  {
    id: '8.2.1',
    demo: 'fail',
    demoEvidence: { AllowFederatedUsers: true, AllowedDomains: 'AllowAllKnownDomains', blockedDomains: 1 },
    flip: (w) =>
      Object.assign(federation(w), { AllowedDomains: { AllowedDomain: [{ Domain: 'fabrikam.com' }] } }),
    flippedEvidence: { AllowedDomains: 'AllowList', allowedDomainNames: ['fabrikam.com'] },
  },
  {
    id: '8.2.2',
    demo: 'fail',
    demoEvidence: { AllowTeamsConsumer: true, expected: false },
    flip: (w) => Object.assign(federation(w), { AllowTeamsConsumer: false }),
    flippedEvidence: { AllowTeamsConsumer: false },
  },
  {
    id: '8.2.3',
    demo: 'pass',
    demoEvidence: { AllowTeamsConsumerInbound: false, AllowTeamsConsumer: true },
    flip: (w) => Object.assign(federation(w), { AllowTeamsConsumerInbound: true }),
    flippedEvidence: { AllowTeamsConsumerInbound: true, AllowTeamsConsumer: true },
  },
  {
    id: '8.2.4',
    demo: 'pass',
    demoEvidence: { AllowPublicUsers: false },
    flip: (w) => Object.assign(federation(w), { AllowPublicUsers: true }),
    flippedEvidence: { AllowPublicUsers: true },
  },
  {
    id: '8.4.1',
    demo: 'pass',
    demoEvidence: {
      thirdPartyApps: 'Allow specific apps and block all others',
      GlobalCatalogApps: 2,
      customApps: 'Block all apps',
    },
    flip: (w) => Object.assign(apps(w), { PrivateCatalogAppsType: 'BlockedAppList' }),
    flippedEvidence: { PrivateCatalogAppsType: 'BlockedAppList', customApps: 'Allow all apps' },
  },
  {
    id: '8.5.1',
    demo: 'pass',
    demoEvidence: { AllowAnonymousUsersToJoinMeeting: false },
    flip: (w) => Object.assign(meeting(w), { AllowAnonymousUsersToJoinMeeting: true }),
    flippedEvidence: { AllowAnonymousUsersToJoinMeeting: true },
  },
  {
    id: '8.5.2',
    demo: 'pass',
    demoEvidence: { AllowAnonymousUsersToStartMeeting: false },
    flip: (w) => Object.assign(meeting(w), { AllowAnonymousUsersToStartMeeting: true }),
    flippedEvidence: { AllowAnonymousUsersToStartMeeting: true },
  },
  {
    id: '8.5.3',
    demo: 'fail',
    demoEvidence: { AutoAdmittedUsers: 'EveryoneInCompany' },
    flip: (w) => Object.assign(meeting(w), { AutoAdmittedUsers: 'EveryoneInCompanyExcludingGuests' }),
    flippedEvidence: { AutoAdmittedUsers: 'EveryoneInCompanyExcludingGuests' },
  },
  {
    id: '8.5.4',
    demo: 'pass',
    demoEvidence: { AllowPSTNUsersToBypassLobby: false },
    flip: (w) => Object.assign(meeting(w), { AllowPSTNUsersToBypassLobby: true }),
    flippedEvidence: { AllowPSTNUsersToBypassLobby: true },
  },
  {
    id: '8.5.5',
    demo: 'pass',
    demoEvidence: { MeetingChatEnabledType: 'EnabledExceptAnonymous' },
    flip: (w) => Object.assign(meeting(w), { MeetingChatEnabledType: 'Enabled' }),
    flippedEvidence: { MeetingChatEnabledType: 'Enabled' },
  },
  {
    id: '8.5.6',
    demo: 'pass',
    demoEvidence: { DesignatedPresenterRoleMode: 'OrganizerOnlyUserOverride' },
    flip: (w) => Object.assign(meeting(w), { DesignatedPresenterRoleMode: 'EveryoneUserOverride' }),
    flippedEvidence: { DesignatedPresenterRoleMode: 'EveryoneUserOverride' },
  },
  {
    id: '8.5.7',
    demo: 'pass',
    demoEvidence: { AllowExternalParticipantGiveRequestControl: false },
    flip: (w) => Object.assign(meeting(w), { AllowExternalParticipantGiveRequestControl: true }),
    flippedEvidence: { AllowExternalParticipantGiveRequestControl: true },
  },
  {
    id: '8.5.8',
    demo: 'pass',
    demoEvidence: { AllowExternalNonTrustedMeetingChat: false },
    flip: (w) => Object.assign(meeting(w), { AllowExternalNonTrustedMeetingChat: true }),
    flippedEvidence: { AllowExternalNonTrustedMeetingChat: true },
  },
  {
    id: '8.5.9',
    demo: 'fail',
    demoEvidence: { AllowCloudRecording: true },
    flip: (w) => Object.assign(meeting(w), { AllowCloudRecording: false }),
    flippedEvidence: { AllowCloudRecording: false },
  },
  {
    id: '8.6.1',
    demo: 'pass',
    demoEvidence: {
      AllowSecurityEndUserReporting: true,
      ReportPhishAddresses: ['secops@contoso.com'],
      notAsExpected: [],
    },
    flip: (w) =>
      Object.assign(w.reportSubmissionPolicy, { ReportChatMessageEnabled: true, ReportPhishAddresses: [] }),
    flippedEvidence: { notAsExpected: ['ReportChatMessageEnabled', 'ReportPhishAddresses'] },
  },
];

describe('CIS 8 over the Teams admin API', () => {
  it('evaluates every CIS 8 recommendation, none left manual', () => {
    expect(teamsControls.map((c) => c.id.replace('CIS.M365.', ''))).toEqual(rows.map((r) => r.id));
    const section8 = catalogue.filter((c) => c.id.startsWith('CIS.M365.8.'));
    expect(section8.filter((c) => c.kind === 'manual').map((c) => c.id)).toEqual([]);
    expect(section8).toHaveLength(17);
  });

  it('reads only the Teams resources (and Exchange report submission for 8.6.1)', () => {
    const read = new Set(teamsControls.flatMap((c) => (c.kind === 'graph' ? c.resources : [])));
    expect([...read].sort()).toEqual([...Object.keys(teamsResources), 'reportSubmissionPolicy'].sort());
  });

  describe.each(rows)('$id', (row) => {
    it(`is ${row.demo} on the demo tenant, with the evidence that decided it`, () => {
      const outcome = evaluate(row.id);
      expect(outcome.status).toBe(row.demo);
      expect(outcome.evidence).toMatchObject(row.demoEvidence);
      expect(outcome.resource?.id).toBe('Global');
    });

    it('turns around when the setting is changed', () => {
      const outcome = evaluate(row.id, row.flip);
      expect(outcome.status).toBe(row.demo === 'pass' ? 'fail' : 'pass');
      expect(outcome.evidence).toMatchObject(row.flippedEvidence);
    });
  });

  it('reads only the Global policy: a looser custom policy changes nothing', () => {
    const outcome = evaluate('8.5.3', (w) => {
      Object.assign(meeting(w), { AutoAdmittedUsers: 'InvitedUsers' });
      // Tag:AllOn admits Everyone; CIS reads the org-wide default only.
    });
    expect(outcome.status).toBe('pass');
    expect(outcome.resource).toEqual({
      type: 'teamsMeetingPolicy',
      id: 'Global',
      displayName: 'Global (Org-wide default) meeting policy',
    });
  });

  it('notes approved cloud storage only when 8.1.1 finds a service on', () => {
    expect(evaluate('8.1.1').evidence.note).toMatch(/approved/);
    const off = evaluate('8.1.1', (w) =>
      Object.assign(client(w), { AllowDropBox: false, AllowGoogleDrive: false }),
    );
    expect(off.evidence).not.toHaveProperty('note');
  });

  it('passes 8.2.3 when unmanaged accounts are off, whatever the hidden inbound switch holds', () => {
    const outcome = evaluate('8.2.3', (w) =>
      Object.assign(federation(w), { AllowTeamsConsumer: false, AllowTeamsConsumerInbound: true }),
    );
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence.note).toMatch(/AllowTeamsConsumer is off/);
  });

  it('passes 8.2.1 when federation is off, and reads bare domain names too', () => {
    expect(
      evaluate('8.2.1', (w) => Object.assign(federation(w), { AllowFederatedUsers: false })).status,
    ).toBe('pass');
    const bare = evaluate('8.2.1', (w) =>
      Object.assign(federation(w), { AllowedDomains: { AllowedDomain: ['fabrikam.com'] } }),
    );
    expect(bare.evidence).toMatchObject({
      AllowedDomains: 'AllowList',
      allowedDomainNames: ['fabrikam.com'],
    });
  });

  it('fails 8.6.1 when the Teams policy does not let users report', () => {
    const outcome = evaluate('8.6.1', (w) =>
      Object.assign(messaging(w), { AllowSecurityEndUserReporting: false }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence.notAsExpected).toEqual(['AllowSecurityEndUserReporting']);
  });

  it('finds Global in a list answer (GET .../{PolicyName}) as in the instance answer', () => {
    const outcome = evaluate('8.5.9', (w) => {
      w.bodies.teamsMeetingPolicy = teamsHandler({
        method: 'GET',
        path: '/Skype.Policy/configurations/TeamsMeetingPolicy',
        query: new URLSearchParams(),
        tenant: w.tenant,
      }).body;
    });
    expect(outcome).toMatchObject({
      status: 'fail',
      evidence: { identity: 'Global', AllowCloudRecording: true },
    });
  });

  it('errors, never passes or fails, on a body that is not a configuration', () => {
    expect(() =>
      evaluate('8.5.1', (w) => {
        w.bodies.teamsMeetingPolicy = { value: [] };
      }),
    ).toThrow(/Get-CsTeamsMeetingPolicy over the Teams admin API answered no Global configuration/);
    expect(() =>
      evaluate('8.5.1', (w) => {
        w.bodies.teamsMeetingPolicy = [{ Identity: 'Tag:AllOn' }];
      }),
    ).toThrow(/no Global configuration/);
  });

  it('errors when the service leaves out a deciding setting', () => {
    expect(() =>
      evaluate('8.1.2', (w) => {
        delete client(w).AllowEmailIntoChannel;
      }),
    ).toThrow('Get-CsTeamsClientConfiguration -Identity Global gave no value for AllowEmailIntoChannel.');
    expect(() => evaluate('8.2.1', (w) => Object.assign(federation(w), { AllowedDomains: null }))).toThrow(
      /gave no value for AllowedDomains/,
    );
  });
});
