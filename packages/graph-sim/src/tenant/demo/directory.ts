// The demo tenant's Entra ID directory, relative to `now` and deterministic. Planted
// misconfigurations (each one a finding the identity server or the CIS audit must report):
// - Isaiah Langer, a Global Administrator, is a high-risk user (atRisk) with detections hours old.
// - Admins without MFA (Alex Wilber, Exchange Administrator) and with SMS only (Lee Gu, Security
//   Administrator); several members are not MFA capable.
// - Five standing Global Administrators (CIS wants 2 to 4), including both break-glass accounts and
//   a permanent GA guest (John Partner from fabrikam.com); no PIM approval for GA activation.
// - A synced (non-cloud-only) admin: Christie Cline, Privileged Role Administrator.
// - Stale accounts: Diego (no sign-in for 200 days), Pradeep (created 400 days ago, never signed
//   in), Lynne (disabled but still licensed), Kiran (guest, 95 days).
// - Conditional access gaps: MFA for admins enforced, MFA for all users only report-only, no policy
//   blocking legacy authentication (and an ActiveSync sign-in that shows it), a sign-in risk policy
//   but no user risk policy, the Sales group excluded from the risk policy; break-glass correctly
//   excluded everywhere.
// - Security defaults off; users may consent to apps; admin consent workflow off; anyone may
//   invite guests; users may create apps, security groups and tenants.
// - Apps: Contoso HR Sync's only secret expired 30 days ago; Legacy Reporting Connector has a
//   2-year secret and holds Directory.ReadWrite.All (application permission); Contoso Intranet is
//   healthy.
// - SMS and voice enabled in the authentication methods policy; no custom banned passwords; device
//   join open to everyone with GAs as local admins, LAPS off; a domain whose passwords expire.
// - Directory audit entries record the recent policy changes behind these.
import type { DirectoryData } from '../directory.js';
import {
  demoApplications,
  demoAppRoleAssignments,
  demoOauth2PermissionGrants,
  demoServicePrincipals,
} from './directory/applications.js';
import { demoDirectoryAudits, demoSignIns } from './directory/auditLogs.js';
import { demoConditionalAccessPolicies, demoNamedLocations } from './directory/conditionalAccess.js';
import { demoGroupMembers, demoGroups } from './directory/groups.js';
import { demoRiskDetections, demoRiskyUsers } from './directory/identityProtection.js';
import { daysAgo } from './directory/ids.js';
import { demoDomains, demoOrganization, demoSubscribedSkus } from './directory/organization.js';
import { demoGroupSettings, demoOnPremisesSynchronization, demoPolicies } from './directory/policies.js';
import { registrationDetails } from './directory/registration.js';
import { builtInRoleDefinitions } from './directory/roleDefinitions.js';
import { demoRoleAssignments, demoRoleEligibilities } from './directory/roles.js';
import { demoUserSpecs, demoUsers, directoryPeople } from './directory/users.js';
import { demoPeople } from './people.js';

/** Ids of users who hold or may activate a directory role, directly or through a group. */
export function adminUserIds(
  directory: Pick<DirectoryData, 'roleAssignments' | 'roleEligibilities' | 'groupMembers'>,
): Set<string> {
  const admins = new Set<string>();
  for (const a of [...directory.roleAssignments, ...directory.roleEligibilities]) {
    const members = directory.groupMembers[a.principalId];
    if (members) for (const m of members) admins.add(m);
    else admins.add(a.principalId);
  }
  return admins;
}

export function demoDirectory(now: Date): DirectoryData {
  const users = demoUsers(now);
  const groupMembers = demoGroupMembers(users);
  const roleAssignments = demoRoleAssignments(now);
  const roleEligibilities = demoRoleEligibilities(now);
  const admins = adminUserIds({ roleAssignments, roleEligibilities, groupMembers });
  const breakGlass = [demoPeople.breakglass.id, directoryPeople.breakglass2.id];
  return {
    users,
    groups: demoGroups(now),
    groupMembers,
    roleDefinitions: builtInRoleDefinitions(),
    roleAssignments,
    roleEligibilities,
    applications: demoApplications(now),
    servicePrincipals: demoServicePrincipals(now),
    appRoleAssignments: demoAppRoleAssignments(now),
    oauth2PermissionGrants: demoOauth2PermissionGrants(),
    organization: demoOrganization(now),
    domains: demoDomains(),
    subscribedSkus: demoSubscribedSkus(users),
    policies: demoPolicies(now),
    groupSettings: demoGroupSettings(),
    onPremisesSynchronization: demoOnPremisesSynchronization(),
    conditionalAccessPolicies: demoConditionalAccessPolicies(now, breakGlass),
    namedLocations: demoNamedLocations(now),
    riskyUsers: demoRiskyUsers(now),
    riskDetections: demoRiskDetections(now),
    userRegistrationDetails: demoUserSpecs.map((s) =>
      registrationDetails({
        id: s.person.id,
        userPrincipalName: s.person.userPrincipalName,
        displayName: s.person.displayName,
        userType: s.userType,
        isAdmin: admins.has(s.person.id),
        methods: s.methods,
        lastUpdatedDateTime: daysAgo(now, 1),
      }),
    ),
    directoryAudits: demoDirectoryAudits(now),
    signIns: demoSignIns(now),
  };
}
