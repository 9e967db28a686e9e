import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  demoConditionalAccessIds,
  demoGroupIds,
  demoPeople,
  roleTemplateIds,
  type Tenant,
} from '@m365-mcp/graph-sim';
import { startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceServer } from '../src/index.js';
import {
  caPolicyById,
  GLOBAL_ADMIN,
  type Json,
  json,
  removeGlobalAdmin,
  userId,
} from './scenarios/tenant-edits.js';

// The identity controls on tenants an experienced admin knows: disabled accounts are not counted,
// roles reached through groups and PIM eligibility are, "all users" means nobody excluded but the
// approved accounts (the break-glass group is an accepted exclusion here) and no condition narrowing
// it, and a report-only policy never meets a control nor hides the enforced one. Each scenario has
// its failing and its fixed tenant, through the real server and graph-sim over HTTPS.

interface Finding {
  id: string;
  status: string;
  evidence: Record<string, unknown>;
}

const DIRECTORY_SYNC_ROLE = 'd29b2b05-8046-44ba-8758-1e26182fcf32';
const GROUP = '5c1e0000-0000-4000-8000-00000000c001';
const CA002 = demoConditionalAccessIds.mfaAllUsers;

let server: TestServer;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'compliance-accuracy-'));
  server = await startTestServer(complianceServer, {
    config: {
      settings: { databasePath: join(dir, 'runs.db'), acceptedCaExclusions: [demoGroupIds.breakGlass] },
    },
  });
});
afterAll(async () => {
  await server.close();
});

/** The demo tenant with `edit` applied, audited for one control. */
async function audit(id: string, edit: (t: Tenant) => void): Promise<Finding> {
  server.sim.resetTenant();
  edit(server.sim.tenant);
  const result = await server.client.callTool({ name: 'run_security_audit', arguments: { ids: [id] } });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  const [finding] = (result.structuredContent as { findings: Finding[] }).findings;
  return finding as Finding;
}

function user(t: Tenant, id: string) {
  const found = t.directory.users.find((u) => u.id === id);
  if (!found) throw new Error(`no user ${id}`);
  return found;
}

/** A role-assignable group with these members, eligible (PIM) for the role. */
function eligibleGroup(t: Tenant, role: string, members: string[]): void {
  t.directory.groups.push({
    id: GROUP,
    displayName: 'Tier 0 (eligible)',
    groupTypes: [],
    securityEnabled: true,
    mailEnabled: false,
    isAssignableToRole: true,
  });
  t.directory.groupMembers[GROUP] = members;
  t.directory.roleEligibilities.push({
    id: `scenario-eligible-${role}`,
    principalId: GROUP,
    roleDefinitionId: role,
    directoryScopeId: '/',
    memberType: 'Direct',
    startDateTime: '2025-01-01T00:00:00Z',
    endDateTime: null,
    roleEligibilityScheduleId: `scenario-eligible-${role}-schedule`,
  });
}

const usersOf = (p: Json) => json(json(p.conditions).users);
const conditionsOf = (p: Json) => json(p.conditions);
const matching = (f: Finding) => (f.evidence.matchingPolicies as Json[]).map((p) => p.id);

/** CA002 (MFA for all users, break-glass excluded) enforced, then changed by `edit`. */
function enforcedMfaForAll(edit: (p: Json) => void = () => undefined) {
  return (t: Tenant) => {
    const p = caPolicyById(t, CA002);
    p.state = 'enabled';
    edit(p);
  };
}

describe('disabled accounts are not counted', () => {
  it('CIS 1.1.3: five GAs fail; with one of them disabled, four pass and it is named', async () => {
    expect(await audit('CIS.M365.1.1.3', () => undefined)).toMatchObject({
      status: 'fail',
      evidence: { globalAdmins: 5 },
    });
    const fixed = await audit('CIS.M365.1.1.3', (t) => {
      user(t, demoPeople.partner.id).accountEnabled = false;
    });
    expect(fixed).toMatchObject({
      status: 'pass',
      evidence: { globalAdmins: 4, disabledGlobalAdmins: [demoPeople.partner.userPrincipalName] },
    });
  });

  it('CIS 1.1.1: a synced admin fails; the same account disabled passes', async () => {
    expect((await audit('CIS.M365.1.1.1', () => undefined)).status).toBe('fail');
    const fixed = await audit('CIS.M365.1.1.1', (t) => {
      user(t, demoPeople.christie.id).accountEnabled = false;
    });
    expect(fixed).toMatchObject({
      status: 'pass',
      evidence: { synchronisedAdmins: [], disabledAdminsNotCounted: ['ChristieC@contoso.com'] },
    });
  });

  it('CIS 5.2.3.4: members without MFA fail; disabled, they are no gap', async () => {
    expect((await audit('CIS.M365.5.2.3.4', () => undefined)).evidence.notMfaCapable).toBe(2);
    const fixed = await audit('CIS.M365.5.2.3.4', (t) => {
      user(t, demoPeople.alex.id).accountEnabled = false;
      user(t, demoPeople.pradeep.id).accountEnabled = false;
    });
    expect(fixed).toMatchObject({ status: 'pass', evidence: { notMfaCapable: 0 } });
  });
});

describe('roles through a PIM-eligible group count its members', () => {
  it('CIS 1.1.3: two members eligible through a group make six; an empty group leaves four', async () => {
    const base = (t: Tenant) => removeGlobalAdmin(t, userId(t, 'john_fabrikam'));
    const failing = await audit('CIS.M365.1.1.3', (t) => {
      base(t);
      eligibleGroup(t, GLOBAL_ADMIN, [demoPeople.adele.id, demoPeople.diego.id]);
    });
    expect(failing.status).toBe('fail');
    expect(failing.evidence.globalAdmins).toBe(6);
    expect(failing.evidence.accounts).toEqual(
      expect.arrayContaining(['AdeleV@contoso.com', 'DiegoS@contoso.com']),
    );
    expect(failing.evidence.accounts).not.toContain(GROUP);
    const fixed = await audit('CIS.M365.1.1.3', (t) => {
      base(t);
      eligibleGroup(t, GLOBAL_ADMIN, []);
    });
    expect(fixed).toMatchObject({ status: 'pass', evidence: { globalAdmins: 4 } });
  });

  it('CIS 1.1.1: a synced member of a group eligible for a privileged role fails; cloud-only passes', async () => {
    const cloudOnly = (t: Tenant) => {
      for (const u of t.directory.users) u.onPremisesSyncEnabled = null;
    };
    const failing = await audit('CIS.M365.1.1.1', (t) => {
      cloudOnly(t);
      user(t, demoPeople.adele.id).onPremisesSyncEnabled = true;
      eligibleGroup(t, roleTemplateIds.privilegedRoleAdministrator, [demoPeople.adele.id]);
    });
    expect(failing).toMatchObject({
      status: 'fail',
      evidence: { synchronisedAdmins: ['AdeleV@contoso.com'] },
    });
    const fixed = await audit('CIS.M365.1.1.1', (t) => {
      cloudOnly(t);
      eligibleGroup(t, roleTemplateIds.privilegedRoleAdministrator, [demoPeople.adele.id]);
    });
    expect(fixed.status).toBe('pass');
  });
});

describe('report-only beside enforced (CIS 5.2.2.2)', () => {
  it('report-only alone fails; beside the enforced policy only the enforced one matches', async () => {
    // The demo's CA002 is report-only.
    expect(await audit('CIS.M365.5.2.2.2', () => undefined)).toMatchObject({
      status: 'fail',
      evidence: { matchingPolicies: [] },
    });
    const fixed = await audit('CIS.M365.5.2.2.2', (t) => {
      // A report-only trial of a stricter grant beside the enforced policy.
      t.directory.conditionalAccessPolicies.push({
        ...structuredClone(caPolicyById(t, CA002)),
        id: 'scenario-trial',
        displayName: 'Trial: phishing-resistant MFA',
        grantControls: {
          operator: 'OR',
          builtInControls: [],
          customAuthenticationFactors: [],
          termsOfUse: [],
          authenticationStrength: { id: '00000000-0000-0000-0000-000000000004' },
        },
      });
      enforcedMfaForAll()(t);
    });
    expect(fixed.status).toBe('pass');
    expect(matching(fixed)).toEqual([CA002]);
  });
});

describe('"all users" for CIS 5.2.2.2', () => {
  const cases: [string, 'pass' | 'fail', (p: Json) => void][] = [
    [
      'browser only',
      'fail',
      (p) => {
        conditionsOf(p).clientAppTypes = ['browser'];
      },
    ],
    [
      'browser and modern clients (every client that can do MFA)',
      'pass',
      (p) => {
        conditionsOf(p).clientAppTypes = ['browser', 'mobileAppsAndDesktopClients'];
      },
    ],
    [
      'mobile platforms only',
      'fail',
      (p) => {
        conditionsOf(p).platforms = { includePlatforms: ['android', 'iOS'], excludePlatforms: [] };
      },
    ],
    [
      'high user risk only',
      'fail',
      (p) => {
        conditionsOf(p).userRiskLevels = ['high'];
      },
    ],
    [
      'a group of ordinary users excluded',
      'fail',
      (p) => {
        usersOf(p).excludeGroups = [demoGroupIds.sales];
      },
    ],
    [
      'only the (accepted) break-glass group excluded',
      'pass',
      (p) => {
        usersOf(p).excludeUsers = [];
        usersOf(p).excludeGroups = [demoGroupIds.breakGlass];
      },
    ],
    [
      'the Global Administrator role excluded',
      'fail',
      (p) => {
        usersOf(p).excludeRoles = [GLOBAL_ADMIN];
      },
    ],
    [
      'the Directory Synchronization Accounts role excluded',
      'pass',
      (p) => {
        usersOf(p).excludeRoles = [DIRECTORY_SYNC_ROLE];
      },
    ],
    [
      'guests excluded',
      'fail',
      (p) => {
        usersOf(p).excludeGuestsOrExternalUsers = {
          guestOrExternalUserTypes: 'b2bCollaborationGuest',
          externalTenants: {
            '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants',
            membershipKind: 'all',
          },
        };
      },
    ],
  ];

  it.each(cases)('%s: %s', async (_name, expected, edit) => {
    const finding = await audit('CIS.M365.5.2.2.2', enforcedMfaForAll(edit));
    expect(finding.status, JSON.stringify(finding.evidence)).toBe(expected);
  });

  it('CIS 5.2.2.1: the admin MFA policy excluding a group of admins fails; the demo one passes', async () => {
    const failing = await audit('CIS.M365.5.2.2.1', (t) => {
      usersOf(caPolicyById(t, demoConditionalAccessIds.mfaAdmins)).excludeGroups = [demoGroupIds.tier0Admins];
    });
    expect(failing).toMatchObject({ status: 'fail', evidence: { matchingPolicies: [] } });
    const fixed = await audit('CIS.M365.5.2.2.1', () => undefined);
    expect(matching(fixed)).toEqual([demoConditionalAccessIds.mfaAdmins]);
  });
});
