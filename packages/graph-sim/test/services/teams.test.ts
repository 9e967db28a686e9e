// The Teams admin API's answers (services/teams/handler.ts), called directly; the HTTPS front door
// (tokens, throttling, faults) has its own tests.
import { describe, expect, it } from 'vitest';
import type { RestRequest } from '../../src/services/service-handler.js';
import { teamsHandler } from '../../src/services/teams/handler.js';
import { createDemoTenant } from '../../src/tenant/demo/index.js';
import { generateTeams } from '../../src/tenant/generate/teams.js';
import type { Tenant } from '../../src/tenant/model.js';

const tenant = createDemoTenant({ now: new Date('2026-09-01T12:00:00Z') });

function get(path: string, t: Tenant = tenant, method = 'GET') {
  const request: RestRequest = { method, path, query: new URLSearchParams(), tenant: t };
  return teamsHandler(request);
}

type Row = Record<string, unknown>;

describe('Teams admin API (Skype.Policy/configurations)', () => {
  it('lists every instance of a configuration as a bare array, Global first', () => {
    const { status, body } = get('/Skype.Policy/configurations/TeamsMeetingPolicy');
    expect(status).toBe(200);
    const rows = body as Row[];
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.map((r) => r.Identity)).toEqual([
      'Global',
      'Tag:AllOn',
      'Tag:RestrictedAnonymousAccess',
      'Tag:Executives',
    ]);
  });

  it('answers one instance as an object with the cmdlet reference property names', () => {
    const { status, body } = get('/Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Global');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      Identity: 'Global',
      AutoAdmittedUsers: 'EveryoneInCompany',
      AllowCloudRecording: true,
      MeetingChatEnabledType: 'EnabledExceptAnonymous',
      DesignatedPresenterRoleMode: 'OrganizerOnlyUserOverride',
    });
  });

  it('reads the federation settings under the service name, identity in any case', () => {
    const { status, body } = get(
      '/Skype.Policy/configurations/TenantFederationSettings/configuration/global',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ Identity: 'Global', AllowFederatedUsers: true, AllowedDomains: {} });
  });

  it('decodes an encoded Tag: identity', () => {
    const { status, body } = get(
      '/Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Tag%3AExecutives',
    );
    expect(status).toBe(200);
    expect((body as Row).AutoAdmittedUsers).toBe('EveryoneInCompanyExcludingGuests');
  });

  it('answers a copy: changing the answer does not change the tenant', () => {
    const { body } = get('/Skype.Policy/configurations/TeamsClientConfiguration/configuration/Global');
    (body as Row).AllowDropBox = false;
    expect(tenant.teams.TeamsClientConfiguration[0]?.AllowDropBox).toBe(true);
  });

  it('answers 404 with the error body for an identity that matches nothing', () => {
    const { status, body } = get('/Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Tag:Nobody');
    expect(status).toBe(404);
    expect(body).toEqual({
      error: { code: 'NotFound', message: "No TeamsMeetingPolicy instance has the Identity 'Tag:Nobody'." },
    });
  });

  it.each([
    '/Skype.Policy/configurations/TenantFederationConfiguration',
    '/Skype.Policy/configurations/TeamsMeetingPolicy/configuration',
    '/Skype.Policy/configurations/TeamsMeetingPolicy/settings/Global',
    '/Skype.Policy/tenants/policies',
    '/Teams.Tenant/tenants',
  ])('answers 404 for a path it does not serve: %s', (path) => {
    const { status, body } = get(path);
    expect(status).toBe(404);
    expect(body).toEqual({ error: { code: 'NotFound', message: `No resource at ${path}.` } });
  });

  it('refuses writes (the simulator is read-only)', () => {
    const { status, body } = get(
      '/Skype.Policy/configurations/TeamsMeetingPolicy/configuration/Global',
      tenant,
      'PUT',
    );
    expect(status).toBe(405);
    expect((body as { error: { code: string } }).error.code).toBe('MethodNotAllowed');
  });

  it('serves what a test plants in the tenant', () => {
    const t = createDemoTenant();
    Object.assign(t.teams.TenantFederationSettings[0] ?? {}, {
      AllowedDomains: { AllowedDomain: [{ Domain: 'fabrikam.com' }] },
    });
    const { body } = get('/Skype.Policy/configurations/TenantFederationSettings/configuration/Global', t);
    expect((body as Row).AllowedDomains).toEqual({ AllowedDomain: [{ Domain: 'fabrikam.com' }] });
  });
});

describe('generateTeams', () => {
  it('gives the same settings for the same seed and different ones for another', () => {
    expect(generateTeams({ seed: 7 })).toEqual(generateTeams({ seed: 7 }));
    const a = JSON.stringify(generateTeams({ seed: 1, policies: 0 }));
    const others = [2, 3, 4, 5].map((seed) => JSON.stringify(generateTeams({ seed, policies: 0 })));
    expect(others.some((o) => o !== a)).toBe(true);
  });

  it('adds the custom policies asked for, each kind with Global first', () => {
    const data = generateTeams({ seed: 'x', policies: 3 });
    expect(data.TeamsMeetingPolicy.map((p) => p.Identity)).toEqual([
      'Global',
      'Tag:Generated001',
      'Tag:Generated002',
      'Tag:Generated003',
    ]);
    expect(data.TenantFederationSettings).toHaveLength(1);
  });

  it('hardens every audited setting at ratio 1 and none at ratio 0', () => {
    const hard = generateTeams({ hardenedRatio: 1 });
    expect(hard.TeamsMeetingPolicy[0]).toMatchObject({
      AllowAnonymousUsersToJoinMeeting: false,
      AutoAdmittedUsers: 'EveryoneInCompanyExcludingGuests',
      AllowCloudRecording: false,
    });
    expect(hard.TenantFederationSettings[0]?.AllowedDomains.AllowedDomain).toHaveLength(2);
    const soft = generateTeams({ hardenedRatio: 0 });
    expect(soft.TeamsClientConfiguration[0]).toMatchObject({
      AllowDropBox: true,
      AllowEmailIntoChannel: true,
    });
    expect(soft.TenantFederationSettings[0]?.AllowedDomains).toEqual({});
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateTeams({ policies: -1 })).toThrow(/policies/);
    expect(() => generateTeams({ hardenedRatio: 2 })).toThrow(/hardenedRatio/);
  });
});
