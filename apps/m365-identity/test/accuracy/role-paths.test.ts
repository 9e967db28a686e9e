// Privileged roles reached other ways than a direct assignment count the same: through a
// role-assignable group (its members hold the role) and through a PIM eligibility (the holder can
// activate it at will). And who is external: a B2B identity (#EXT#) made a member is as external
// as a guest, while an account on any of the tenant's verified domains (not only the initial or
// default one) is internal.
import { demoPeople, directoryPeople, type Tenant } from '@m365-mcp/graph-sim';
import { describe, expect, it } from 'vitest';
import { findingWith, problemsWith, scenarioServer } from './scenario-server.js';
import { addGroup, addUser, cleanTenant, grantRole, roles, user } from './tenant-builder.js';

const run = scenarioServer();
const GA_GROUP = '5c1e0000-0000-4000-8000-00000000b001';
const SYNCED = '5c1e0000-0000-4000-8000-00000000a002';
const OPS = '5c1e0000-0000-4000-8000-00000000a003';

describe('a Global Administrator role held through a role-assignable group', () => {
  function tenant(members: string[], kind: 'active' | 'eligible' = 'active'): Tenant {
    const t = cleanTenant();
    addGroup(t, GA_GROUP, 'Tier 0 Global Admins', members, true);
    grantRole(t, GA_GROUP, roles.globalAdministrator, kind);
    return t;
  }

  it('makes a guest member a guest admin; fixed when the guest leaves the group', async () => {
    const failing = await run(tenant([directoryPeople.kiran.id]), 'list_privileged_access');
    expect(problemsWith(failing, 'identity.privileged.guest_admin')).toEqual([
      expect.objectContaining({
        severity: 'critical',
        resource: expect.objectContaining({ id: directoryPeople.kiran.id }),
      }),
    ]);
    const fixed = await run(tenant([]), 'list_privileged_access');
    expect(problemsWith(fixed, 'identity.privileged.guest_admin')).toEqual([]);
  });

  it('counts every enabled member as a Global Administrator, eligible ones included', async () => {
    // Three in the clean tenant; two members eligible through the group make five.
    const members = [demoPeople.adele.id, demoPeople.diego.id];
    const failing = await run(tenant(members, 'eligible'), 'list_privileged_access');
    expect(findingWith(failing, 'identity.privileged.global_admin_count')).toMatchObject({
      status: 'fail',
      evidence: { globalAdmins: 5, eligible: 3 },
    });
    expect(failing.structured.assignments).toContainEqual(
      expect.objectContaining({
        principalId: demoPeople.adele.id,
        kind: 'eligible',
        viaGroup: 'Tier 0 Global Admins',
      }),
    );
    // Fixed: one member's account is disabled, so four can sign in.
    const t = tenant(members, 'eligible');
    user(t, demoPeople.diego.id).accountEnabled = false;
    const fixed = await run(t, 'list_privileged_access');
    expect(findingWith(fixed, 'identity.privileged.global_admin_count')).toMatchObject({
      status: 'pass',
      evidence: { globalAdmins: 4 },
    });
  });
});

describe('a PIM eligibility', () => {
  function tenant(synced: boolean): Tenant {
    const t = cleanTenant();
    addUser(t, SYNCED, 'hybrid.admin@contoso.com', { onPremisesSyncEnabled: synced ? true : null });
    grantRole(t, SYNCED, roles.privilegedRoleAdministrator, 'eligible');
    return t;
  }

  it('of a synced account is a synced admin; fixed when the admin account is cloud-only', async () => {
    const failing = await run(tenant(true), 'list_privileged_access');
    expect(problemsWith(failing, 'identity.privileged.synced_admin')).toEqual([
      expect.objectContaining({
        resource: expect.objectContaining({ id: SYNCED }),
        evidence: expect.objectContaining({ roles: ['Privileged Role Administrator'] }),
      }),
    ]);
    const fixed = await run(tenant(false), 'list_privileged_access');
    expect(problemsWith(fixed, 'identity.privileged.synced_admin')).toEqual([]);
  });
});

describe('external or internal, by identity and by the verified domains', () => {
  it('a B2B identity made a member (#EXT#) holding a role is external', async () => {
    const t = cleanTenant();
    addUser(t, OPS, 'ops_fabrikam.com#EXT#@contoso.onmicrosoft.com', { userType: 'Member' });
    grantRole(t, OPS, roles.exchangeAdministrator, 'eligible');
    const result = await run(t, 'list_privileged_access');
    expect(problemsWith(result, 'identity.privileged.guest_admin')).toEqual([
      expect.objectContaining({
        severity: 'high',
        evidence: expect.objectContaining({ userType: 'Member', externalIdentity: true }),
      }),
    ]);
  });

  it('fixed: an admin on a secondary verified domain is internal', async () => {
    const t = cleanTenant();
    const verified = (t.directory.organization.verifiedDomains as { name: string }[]).map((d) => d.name);
    expect(verified).toContain('fabrikam-legacy.contoso.com');
    addUser(t, OPS, 'ops@fabrikam-legacy.contoso.com', { userType: 'Member' });
    grantRole(t, OPS, roles.exchangeAdministrator, 'eligible');
    const result = await run(t, 'list_privileged_access');
    expect(problemsWith(result, 'identity.privileged.guest_admin')).toEqual([]);
    expect(result.structured.assignments).toContainEqual(
      expect.objectContaining({ principalId: OPS, guest: false }),
    );
  });
});
