import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../../../src/index.js';
import { demoAppIds } from '../../../src/tenant/demo/directory/applications.js';
import { demoGroupIds } from '../../../src/tenant/demo/directory/groups.js';
import { roleTemplateIds } from '../../../src/tenant/demo/directory/wellKnown.js';
import { type DirectoryTestSim, errorCode, type GraphTestClient, startDirectorySim } from './support.js';

const GA = roleTemplateIds.globalAdministrator;
type Item = Record<string, unknown>;

describe('directory routes: roles, groups, applications', () => {
  let t: DirectoryTestSim;
  let roles: GraphTestClient;

  beforeAll(async () => {
    t = await startDirectorySim();
    roles = await t.clientWith([
      'RoleManagement.Read.Directory',
      'RoleEligibilitySchedule.Read.Directory',
      'RoleAssignmentSchedule.Read.Directory',
    ]);
  });
  afterAll(() => t.close());

  it('filters role assignments by role and expands principals with their @odata.type', async () => {
    const reply = await roles.get(
      `/roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq '${GA}'&$expand=principal`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body['@odata.context']).toMatch(/roleAssignments\(principal\(\)\)$/);
    const items = reply.body.value as Item[];
    expect(items).toHaveLength(5);
    const partner = items.find((a) => a.principalId === demoPeople.partner.id);
    expect(partner?.principal).toMatchObject({ '@odata.type': '#microsoft.graph.user', userType: 'Guest' });

    const byPrincipal = await roles.get(
      `/roleManagement/directory/roleAssignments?$filter=principalId eq '${demoGroupIds.tier0Admins}'&$expand=principal`,
    );
    expect((byPrincipal.body.value as Item[])[0]?.principal).toMatchObject({
      '@odata.type': '#microsoft.graph.group',
      isAssignableToRole: true,
    });
  });

  it('serves active and eligible PIM instances (permanent = endDateTime null)', async () => {
    const active = await roles.all(
      "/roleManagement/directory/roleAssignmentScheduleInstances?$filter=assignmentType eq 'Activated'",
    );
    expect(active.map((a) => a.principalId)).toEqual([demoPeople.joni.id]);
    expect(active[0]?.endDateTime).toEqual(expect.any(String));
    const assigned = await roles.all(
      `/roleManagement/directory/roleAssignmentScheduleInstances?$filter=roleDefinitionId eq '${GA}'`,
    );
    expect(assigned.every((a) => a.assignmentType === 'Assigned' && a.endDateTime === null)).toBe(true);
    const eligible = await roles.all(
      '/roleManagement/directory/roleEligibilityScheduleInstances?$expand=principal',
    );
    expect(eligible.map((e) => e.principalId)).toContain(demoPeople.patti.id);
  });

  it('requires the PIM permission for schedule instances', async () => {
    const plain = await t.clientWith(['User.Read.All']);
    const reply = await plain.get('/roleManagement/directory/roleEligibilityScheduleInstances');
    expect(reply.status).toBe(403);
  });

  it('lists activated directory roles and their members, groups included', async () => {
    const list = await roles.get('/directoryRoles');
    const ga = (list.body.value as Item[]).find((r) => r.roleTemplateId === GA);
    expect(ga).toBeDefined();
    expect(list.body['@odata.nextLink']).toBeUndefined();
    const members = await roles.get(`/directoryRoles/${String(ga?.id)}/members`);
    expect((members.body.value as Item[]).map((m) => m.id)).toContain(demoPeople.breakglass.id);
    const definitions = await roles.all('/roleManagement/directory/roleDefinitions');
    expect(definitions.find((d) => d.id === GA)).toMatchObject({
      templateId: GA,
      isBuiltIn: true,
      displayName: 'Global Administrator',
    });
  });

  it('lists group members and transitive members with nested groups expanded', async () => {
    const groups = await t.clientWith(['Group.Read.All', 'GroupMember.Read.All']);
    const direct = await groups.get(`/groups/${demoGroupIds.itDepartment}/members`);
    const directIds = (direct.body.value as Item[]).map((m) => m.id);
    expect(directIds).toContain(demoGroupIds.tier0Admins);
    expect(directIds).not.toContain(demoPeople.grady.id);
    const transitive = await groups.all(`/groups/${demoGroupIds.itDepartment}/transitiveMembers`);
    expect(transitive.map((m) => m.id)).toEqual(
      expect.arrayContaining([demoPeople.grady.id, demoGroupIds.tier0Admins]),
    );
    expect(transitive.find((m) => m.id === demoPeople.grady.id)?.['@odata.type']).toBe(
      '#microsoft.graph.user',
    );

    const roleAssignable = await groups.all('/groups?$filter=isAssignableToRole eq true');
    expect(roleAssignable.map((g) => g.id)).toEqual([demoGroupIds.tier0Admins]);
    const dynamic = await groups.all("/groups?$filter=groupTypes/any(c:c eq 'DynamicMembership')");
    expect(dynamic.map((g) => g.displayName)).toEqual(['All Staff']);
  });

  it('serves applications with credentials and the app roles granted to service principals', async () => {
    const apps = await t.clientWith(['Application.Read.All']);
    const list = await apps.all(
      '/applications?$select=id,displayName,passwordCredentials,keyCredentials,requiredResourceAccess',
    );
    expect(list).toHaveLength(3);
    const reporting = list.find((a) => a.id === demoAppIds.reporting.id);
    expect((reporting?.passwordCredentials as Item[] | undefined)?.[0]).toMatchObject({
      secretText: null,
      endDateTime: expect.any(String),
    });
    const grants = await apps.get(`/servicePrincipals/${demoAppIds.reporting.sp}/appRoleAssignments`);
    expect((grants.body.value as Item[]).map((g) => g.appRoleId)).toContain(
      '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
    );
    const graph = await apps.all(
      "/servicePrincipals?$filter=appId eq '00000003-0000-0000-c000-000000000000'",
    );
    expect(graph).toHaveLength(1);
    const missing = await apps.get(
      '/servicePrincipals/00000000-0000-0000-0000-000000000000/appRoleAssignments',
    );
    expect(errorCode(missing)).toBe('Request_ResourceNotFound');
  });

  it("lists every application permission to Microsoft Graph from Graph's service principal (appRoleAssignedTo)", async () => {
    const apps = await t.clientWith(['Application.Read.All']);
    const granted = await apps.all(`/servicePrincipals/${demoAppIds.graph.sp}/appRoleAssignedTo`);
    expect(granted.every((g) => g.resourceId === demoAppIds.graph.sp)).toBe(true);
    expect(
      granted.filter((g) => g.principalId === demoAppIds.reporting.sp).map((g) => g.appRoleId),
    ).toContain('19dbc75e-c2e2-444c-a770-ec69d8559fc7');
    const filtered = await apps.all(
      `/servicePrincipals/${demoAppIds.graph.sp}/appRoleAssignedTo?$filter=principalId eq ${demoAppIds.hrSync.sp}`,
    );
    expect(filtered.map((g) => g.principalDisplayName)).toEqual(['Contoso HR Sync']);
    const denied = await (await t.clientWith(['User.Read.All'])).get(
      `/servicePrincipals/${demoAppIds.graph.sp}/appRoleAssignedTo`,
    );
    expect(denied.status).toBe(403);
  });

  it('serves the tenant: organization, domains and licences', async () => {
    const org = await t.clientWith([
      'Organization.Read.All',
      'Domain.Read.All',
      'LicenseAssignment.Read.All',
    ]);
    const organization = await org.get('/organization');
    expect((organization.body.value as Item[])[0]).toMatchObject({
      id: t.tenant.id,
      onPremisesSyncEnabled: true,
    });
    const domains = await org.all('/domains');
    expect(domains.some((d) => d.passwordValidityPeriodInDays !== 2147483647)).toBe(true);
    const skus = await org.all('/subscribedSkus');
    expect(skus.map((s) => s.skuPartNumber)).toEqual(['SPE_E5', 'AAD_PREMIUM_P2']);
  });
});
