import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../../../src/index.js';
import { roleTemplateIds } from '../../../src/tenant/demo/directory/wellKnown.js';
import { type DirectoryTestSim, errorCode, type GraphTestClient, startDirectorySim } from './support.js';

type Item = Record<string, unknown>;

describe('directory routes: policies and conditional access', () => {
  let t: DirectoryTestSim;
  let policy: GraphTestClient;

  beforeAll(async () => {
    t = await startDirectorySim();
    policy = await t.clientWith([
      'Policy.Read.All',
      'Policy.Read.AuthenticationMethod',
      'Policy.Read.DeviceConfiguration',
      'GroupSettings.Read.All',
      'RoleManagement.Read.Directory',
      'OnPremDirectorySynchronization.Read.All',
    ]);
  });
  afterAll(() => t.close());

  it('serves the policy singletons in Graph shape', async () => {
    const authz = await policy.get('/policies/authorizationPolicy');
    expect(authz.body['@odata.context']).toMatch(/\$metadata#policies\/authorizationPolicy\/\$entity$/);
    expect(authz.body).toMatchObject({ id: 'authorizationPolicy', allowInvitesFrom: 'everyone' });
    expect((await policy.get('/policies/identitySecurityDefaultsEnforcementPolicy')).body.isEnabled).toBe(
      false,
    );
    expect((await policy.get('/policies/adminConsentRequestPolicy')).body.isEnabled).toBe(false);
    const amp = await policy.get('/policies/authenticationMethodsPolicy');
    const configs = amp.body.authenticationMethodConfigurations as Item[];
    expect(configs.find((c) => c.id === 'Sms')).toMatchObject({ state: 'enabled' });
    const authenticator = await policy.get(
      '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/MicrosoftAuthenticator',
    );
    expect(authenticator.body['@odata.type']).toBe(
      '#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration',
    );
    const device = await policy.get('/policies/deviceRegistrationPolicy');
    expect(device.body).toMatchObject({ localAdminPassword: { isEnabled: false } });
    const xtap = await policy.get('/policies/crossTenantAccessPolicy/default');
    expect(xtap.body).toMatchObject({ isServiceDefault: true });
    const settings = await policy.all('/groupSettings');
    expect(settings.map((s) => s.templateId)).toContain('5cf42378-d67d-4f36-ba46-e8b86229381d');
    const sync = await policy.all('/directory/onPremisesSynchronization');
    expect(sync[0]).toMatchObject({ features: { passwordSyncEnabled: true } });
  });

  it('expands role management policy rules only when asked', async () => {
    const filter = `scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq '${roleTemplateIds.globalAdministrator}'`;
    const bare = await policy.all(
      `/policies/roleManagementPolicyAssignments?$filter=${encodeURIComponent(filter)}`,
    );
    expect(bare).toHaveLength(1);
    expect(bare[0]?.policy).toBeUndefined();
    const expanded = await policy.all(
      `/policies/roleManagementPolicyAssignments?$filter=${encodeURIComponent(filter)}&$expand=${encodeURIComponent('policy($expand=rules)')}`,
    );
    const rules = (expanded[0]?.policy as { rules: Item[] } | undefined)?.rules ?? [];
    expect(rules.find((r) => r.id === 'Approval_EndUser_Assignment')).toMatchObject({
      setting: { isApprovalRequired: false },
    });
  });

  it('remediates the authorization policy with PATCH, merging nested permissions', async () => {
    const writer = await t.clientWith(['Policy.ReadWrite.Authorization']);
    const reply = await writer.send('PATCH', '/policies/authorizationPolicy', {
      allowInvitesFrom: 'adminsAndGuestInviters',
      defaultUserRolePermissions: { permissionGrantPoliciesAssigned: [] },
    });
    expect(reply.status).toBe(204);
    const after = await policy.get('/policies/authorizationPolicy');
    expect(after.body).toMatchObject({
      allowInvitesFrom: 'adminsAndGuestInviters',
      defaultUserRolePermissions: { permissionGrantPoliciesAssigned: [], allowedToCreateApps: true },
    });
    const denied = await policy.send('PATCH', '/policies/authorizationPolicy', { allowInvitesFrom: 'none' });
    expect(denied.status).toBe(403);
    const invalid = await writer.send('PATCH', '/policies/authorizationPolicy', {
      allowInvitesFrom: 'anybody',
    });
    expect(invalid.status).toBe(400);
    expect(errorCode(invalid)).toBe('Request_BadRequest');
  });

  it('turns on the admin consent workflow with PUT (and PATCH), bumping the version', async () => {
    const writer = await t.clientWith(['Policy.ReadWrite.ConsentRequest']);
    const body = {
      isEnabled: true,
      notifyReviewers: true,
      remindersEnabled: true,
      requestDurationInDays: 14,
      reviewers: [{ query: `/users/${demoPeople.megan.id}`, queryType: 'MicrosoftGraph', queryRoot: null }],
    };
    expect((await writer.send('PUT', '/policies/adminConsentRequestPolicy', body)).status).toBe(204);
    expect(
      (await writer.send('PATCH', '/policies/adminConsentRequestPolicy', { remindersEnabled: false })).status,
    ).toBe(204);
    const after = await policy.get('/policies/adminConsentRequestPolicy');
    expect(after.body).toMatchObject({
      isEnabled: true,
      remindersEnabled: false,
      requestDurationInDays: 14,
      version: 2,
    });
  });

  it('serves conditional access policies and named locations', async () => {
    const policies = await policy.all('/identity/conditionalAccess/policies');
    expect(policies).toHaveLength(t.tenant.directory.conditionalAccessPolicies.length);
    const reportOnly = await policy.all(
      "/identity/conditionalAccess/policies?$filter=state eq 'enabledForReportingButNotEnforced'",
    );
    expect(reportOnly).toHaveLength(1);
    const one = await policy.get(`/identity/conditionalAccess/policies/${String(policies[0]?.id)}`);
    expect(one.body.conditions).toMatchObject({
      users: expect.any(Object),
      applications: expect.any(Object),
    });
    const locations = await policy.all('/identity/conditionalAccess/namedLocations');
    expect(locations.map((l) => l['@odata.type'])).toContain('#microsoft.graph.countryNamedLocation');
  });
});
