// The demo tenant with each planted identity misconfiguration fixed, one fix per function, so a
// scenario test can show a finding disappear when (and only when) its cause is gone.
import {
  createDemoTenant,
  demoAppIds,
  demoConditionalAccessIds,
  demoPeople,
  directoryPeople,
  type GraphEntity,
  graphAppRoleIds,
  type Tenant,
} from '@m365-mcp/graph-sim';

type Json = Record<string, unknown>;
const DAY = 86_400_000;

export const breakGlass = [demoPeople.breakglass.id, directoryPeople.breakglass2.id];

const iso = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();

export function fixRisk(t: Tenant): void {
  for (const risky of t.directory.riskyUsers) {
    Object.assign(risky, {
      riskLevel: 'none',
      riskState: 'remediated',
      riskDetail: 'userPerformedSecuredPasswordReset',
    });
  }
}

export function fixMfa(t: Tenant): void {
  for (const row of t.directory.userRegistrationDetails) {
    if (!row.isMfaRegistered || row.methodsRegistered.every((m) => m === 'mobilePhone' || m === 'email')) {
      Object.assign(row, {
        isMfaRegistered: true,
        isMfaCapable: true,
        methodsRegistered: [...row.methodsRegistered, 'microsoftAuthenticatorPush'],
      });
    }
  }
}

function policyById(t: Tenant, id: string): GraphEntity {
  const policy = t.directory.conditionalAccessPolicies.find((p) => p.id === id);
  if (!policy) throw new Error(`no policy ${id}`);
  return policy;
}

function usersOf(policy: Json): Json {
  return (policy.conditions as Json).users as Json;
}

function newPolicy(t: Tenant, id: string, displayName: string, change: (p: GraphEntity) => void): void {
  const copy = structuredClone(policyById(t, demoConditionalAccessIds.mfaAllUsers));
  Object.assign(copy, { id, displayName, state: 'enabled' });
  change(copy);
  t.directory.conditionalAccessPolicies.push(copy);
}

export function fixConditionalAccess(t: Tenant): void {
  policyById(t, demoConditionalAccessIds.mfaAllUsers).state = 'enabled';
  usersOf(policyById(t, demoConditionalAccessIds.signInRisk)).excludeGroups = [];
  t.directory.conditionalAccessPolicies = t.directory.conditionalAccessPolicies.filter(
    (p) => p.id !== demoConditionalAccessIds.blockCountries,
  );
  newPolicy(t, '7b0c8f43-0c7c-4c43-9a7e-000000000001', 'Block legacy authentication', (p) => {
    (p.conditions as Json).clientAppTypes = ['exchangeActiveSync', 'other'];
    p.grantControls = { operator: 'OR', builtInControls: ['block'], authenticationStrength: null };
  });
  newPolicy(t, '7b0c8f43-0c7c-4c43-9a7e-000000000002', 'User risk: secure password change', (p) => {
    (p.conditions as Json).userRiskLevels = ['high'];
    p.grantControls = {
      operator: 'AND',
      builtInControls: ['mfa', 'passwordChange'],
      authenticationStrength: null,
    };
  });
}

export function fixPrivilegedAccess(t: Tenant): void {
  const d = t.directory;
  d.roleAssignments = d.roleAssignments.filter((a) => a.principalId !== demoPeople.partner.id);
  for (const user of d.users) if (user.id === demoPeople.christie.id) user.onPremisesSyncEnabled = null;
  // Standing assignments outside break-glass become PIM eligibilities.
  const standing = d.roleAssignments.filter(
    (a) => a.assignmentType === 'Assigned' && !breakGlass.includes(a.principalId),
  );
  d.roleAssignments = d.roleAssignments.filter((a) => !standing.includes(a));
  d.roleEligibilities.push(
    ...standing.map((a) => ({
      id: `${a.id}-eligible`,
      principalId: a.principalId,
      roleDefinitionId: a.roleDefinitionId,
      directoryScopeId: '/',
      memberType: 'Direct' as const,
      startDateTime: a.startDateTime,
      endDateTime: null,
      roleEligibilityScheduleId: `${a.id}-schedule`,
    })),
  );
  // Two Global Administrators left besides break-glass would make five: keep one eligible.
  d.roleEligibilities = d.roleEligibilities.filter(
    (e) =>
      !(
        e.roleDefinitionId === '62e90394-69f5-4237-9190-012177145e10' &&
        e.principalId === demoPeople.isaiah.id
      ),
  );
}

export function fixStaleAccounts(t: Tenant): void {
  for (const user of t.directory.users) {
    if (user.accountEnabled === false) user.assignedLicenses = [];
    else
      user.signInActivity = {
        lastSignInDateTime: iso(1),
        lastNonInteractiveSignInDateTime: null,
        lastSuccessfulSignInDateTime: iso(1),
      };
  }
}

export function fixApps(t: Tenant): void {
  const d = t.directory;
  for (const app of d.applications) {
    app.passwordCredentials = ((app.passwordCredentials as Json[]) ?? []).map((c) => ({
      ...c,
      startDateTime: iso(10),
      endDateTime: iso(-170),
    }));
  }
  d.appRoleAssignments = d.appRoleAssignments.filter(
    (a) =>
      !(
        a.principalId === demoAppIds.reporting.sp &&
        a.appRoleId === graphAppRoleIds['Directory.ReadWrite.All']
      ),
  );
}

export function fixedTenant(): Tenant {
  const t = createDemoTenant();
  for (const fix of [fixRisk, fixMfa, fixConditionalAccess, fixPrivilegedAccess, fixStaleAccounts, fixApps])
    fix(t);
  return t;
}

export function tenantWith(...fixes: ((t: Tenant) => void)[]): Tenant {
  const t = createDemoTenant();
  for (const fix of fixes) fix(t);
  return t;
}
