import { demoPeople, directoryPeople, type Tenant } from '@m365-mcp/graph-sim';

// Small, named edits of the demo tenant for the control scenarios: each says which Graph object it
// changes, so a scenario row reads as "the tenant where X is so".

export type Json = Record<string, unknown>;

export const BREAK_GLASS = [demoPeople.breakglass.id, directoryPeople.breakglass2.id];
export const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
export const PRIVILEGED_ROLE_ADMIN = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const PASSWORD_RULE_TEMPLATE = '5cf42378-d67d-4f36-ba46-e8b86229381d';

export function json(value: unknown): Json {
  return value as Json;
}

export function authz(t: Tenant): Json {
  return json(t.directory.policies.authorizationPolicy);
}

export function userPermissions(t: Tenant): Json {
  return json(authz(t).defaultUserRolePermissions);
}

export function deviceJoin(t: Tenant): Json {
  return json(json(t.directory.policies.deviceRegistrationPolicy).azureADJoin);
}

export function method(t: Tenant, id: string): Json {
  const configs = json(t.directory.policies.authenticationMethodsPolicy)
    .authenticationMethodConfigurations as Json[];
  const found = configs.find((c) => c.id === id);
  if (!found) throw new Error(`No ${id} method in the demo tenant`);
  return found;
}

export function passwordRule(t: Tenant, name: string, value: string): void {
  const setting = t.directory.groupSettings.find((s) => s.templateId === PASSWORD_RULE_TEMPLATE);
  if (!setting) throw new Error('No password rule settings in the demo tenant');
  const values = setting.values as { name: string; value: string }[];
  const pair = values.find((v) => v.name === name);
  if (pair) pair.value = value;
  else values.push({ name, value });
}

export function sharepoint(t: Tenant): Json {
  return json(t.sharepoint.settings);
}

export function userId(t: Tenant, upnPrefix: string): string {
  const user = t.directory.users.find((u) => u.userPrincipalName.toLowerCase().startsWith(upnPrefix));
  if (!user) throw new Error(`No user ${upnPrefix} in the demo tenant`);
  return user.id;
}

/** Drops every active and eligible Global Administrator assignment of one principal. */
export function removeGlobalAdmin(t: Tenant, principalId: string): void {
  const keep = (a: { principalId: string; roleDefinitionId: string }) =>
    !(a.principalId === principalId && a.roleDefinitionId === GLOBAL_ADMIN);
  t.directory.roleAssignments = t.directory.roleAssignments.filter(keep);
  t.directory.roleEligibilities = t.directory.roleEligibilities.filter(keep);
}

export function caPolicyById(t: Tenant, id: string): Json {
  const found = t.directory.conditionalAccessPolicies.find((p) => p.id === id);
  if (!found) throw new Error(`No CA policy ${id}`);
  return found;
}

/**
 * An enabled CA policy for all users (break-glass accounts excluded, as they should be) and all
 * cloud apps, with the grant and conditions a scenario adds.
 */
export function addCaPolicy(
  t: Tenant,
  id: string,
  edit: {
    grant?: string[];
    conditions?: Json;
    applications?: Json;
    grantControls?: Json;
    sessionControls?: Json;
  },
): void {
  t.directory.conditionalAccessPolicies.push({
    id,
    displayName: `Scenario policy ${id}`,
    state: 'enabled',
    createdDateTime: '2026-01-01T00:00:00Z',
    modifiedDateTime: '2026-01-01T00:00:00Z',
    sessionControls: edit.sessionControls ?? null,
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: ['all'],
      authenticationFlows: null,
      applications: {
        includeApplications: ['All'],
        excludeApplications: [],
        includeUserActions: [],
        ...edit.applications,
      },
      users: {
        includeUsers: ['All'],
        excludeUsers: [...BREAK_GLASS],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
      },
      ...edit.conditions,
    },
    grantControls: {
      operator: 'AND',
      builtInControls: edit.grant ?? [],
      authenticationStrength: null,
      ...edit.grantControls,
    },
  });
}

export function approvalRule(t: Tenant, roleId: string): Json {
  const assignment = t.directory.policies.roleManagementPolicyAssignments.find(
    (a) => a.roleDefinitionId === roleId,
  );
  const rules = json(assignment?.policy).rules as Json[] | undefined;
  const rule = rules?.find((r) => r.id === 'Approval_EndUser_Assignment');
  if (!rule) throw new Error(`No approval rule for role ${roleId}`);
  return json(rule.setting);
}

export function secureScoreControl(t: Tenant, name: string, percent: number): void {
  for (const score of t.security.secureScores) {
    for (const control of score.controlScores as unknown as Json[]) {
      if (control.controlName === name) {
        control.scoreInPercentage = percent;
        control.score = percent === 0 ? 0 : control.score;
      }
    }
  }
}
