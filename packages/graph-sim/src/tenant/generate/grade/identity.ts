// Entra ID people, roles, risk and apps for the better posture grades. Both grades fix the critical
// and high plants: the guest Global Administrator goes, standing roles become PIM-eligible (break-
// glass keeps a time-bound assignment), the synced admin becomes cloud-only, the risky Global
// Administrator's risk is remediated, every admin and member registers MFA. A warning tenant keeps
// moderate gaps (stale accounts, an SMS-only admin, the long-lived app secret, a medium-risk user);
// a good tenant fixes those too. Runs on the demo's data before the rebrand.

import { demoAppIds } from '../../demo/directory/applications.js';
import { daysAgo } from '../../demo/directory/ids.js';
import { demoSubscribedSkus } from '../../demo/directory/organization.js';
import { registrationDetails } from '../../demo/directory/registration.js';
import { buildUser, type DemoUserSpec, demoUserSpecs, directoryPeople } from '../../demo/directory/users.js';
import { graphAppRoleIds, skuIds } from '../../demo/directory/wellKnown.js';
import { adminUserIds } from '../../demo/directory.js';
import { demoPeople } from '../../demo/people.js';
import type { DirectoryData, GraphEntity } from '../../directory.js';
import type { PostureGrade } from '../posture-grade.js';

type Grade = Exclude<PostureGrade, 'critical'>;

const BREAK_GLASS = new Set([demoPeople.breakglass.id, directoryPeople.breakglass2.id]);

export function gradeIdentity(directory: DirectoryData, grade: Grade, now: Date): void {
  gradeRoles(directory, now);
  const admins = adminUserIds(directory);
  gradeUsers(directory, grade, admins, now);
  gradeRisk(directory, grade);
  if (grade === 'good') gradeApps(directory, now);
}

/**
 * No guest holds a role; every standing assignment becomes a PIM eligibility, but the break-glass
 * accounts', which stay active for a year at a time (renewed), so nothing is permanent.
 */
function gradeRoles(directory: DirectoryData, now: Date): void {
  const standing = directory.roleAssignments.filter(
    (a) => a.assignmentType === 'Assigned' && a.endDateTime === null && !BREAK_GLASS.has(a.principalId),
  );
  const eligible = new Set(directory.roleEligibilities.map((e) => `${e.principalId}/${e.roleDefinitionId}`));
  for (const a of standing) {
    if (a.principalId === demoPeople.partner.id || eligible.has(`${a.principalId}/${a.roleDefinitionId}`))
      continue;
    directory.roleEligibilities.push({
      id: `${a.id}-eligible`,
      principalId: a.principalId,
      roleDefinitionId: a.roleDefinitionId,
      directoryScopeId: a.directoryScopeId,
      memberType: 'Direct',
      startDateTime: a.startDateTime,
      endDateTime: null,
      roleEligibilityScheduleId: `${a.id}-schedule`,
    });
  }
  const converted = new Set(standing.map((a) => a.id));
  directory.roleAssignments = directory.roleAssignments
    .filter((a) => !converted.has(a.id))
    .map((a) => (BREAK_GLASS.has(a.principalId) ? { ...a, endDateTime: daysAgo(now, -365) } : a));
}

function gradeUsers(directory: DirectoryData, grade: Grade, admins: ReadonlySet<string>, now: Date): void {
  const specs = demoUserSpecs.map((spec): DemoUserSpec => {
    const id = spec.person.id;
    const changed: DemoUserSpec = {
      ...spec,
      onPremisesSynced: admins.has(id) ? false : spec.onPremisesSynced,
    };
    const enabledMember = spec.userType === 'Member' && spec.accountEnabled;
    if (enabledMember && changed.methods.length === 0) changed.methods = ['microsoftAuthenticatorPush'];
    // Admins sign in with a phishing-resistant method (the good tenant's policies require one);
    // a warning tenant keeps one admin on SMS alone.
    const smsOnlyKept = grade === 'warning' && id === demoPeople.lee.id;
    if (admins.has(id) && !smsOnlyKept && !changed.methods.includes('fido2')) {
      changed.methods = [
        ...new Set([
          ...changed.methods.filter((m) => m !== 'mobilePhone'),
          'microsoftAuthenticatorPush',
          'fido2',
        ] as const),
      ];
    }
    if (grade === 'good') {
      if (enabledMember && (spec.lastSignInDaysAgo === null || spec.lastSignInDaysAgo > 30))
        changed.lastSignInDaysAgo = 3;
      if (spec.userType === 'Guest' && (spec.lastSignInDaysAgo ?? 999) > 30) changed.lastSignInDaysAgo = 12;
      if (!spec.accountEnabled) changed.licensed = false;
    }
    return changed;
  });
  specs.forEach((spec, index) => {
    const at = directory.users.findIndex((u) => u.id === spec.person.id);
    if (at < 0) return;
    const user = buildUser(now, spec, index);
    // Admins hold an identity-only licence, not a mailbox and apps to be phished through (CIS 1.1.4).
    if (grade === 'good' && admins.has(user.id) && spec.licensed) {
      user.assignedLicenses = [{ disabledPlans: [], skuId: skuIds.entraIdP2 }];
    }
    directory.users[at] = user;
  });
  directory.subscribedSkus = demoSubscribedSkus(directory.users);
  const methodsOf = new Map(specs.map((s) => [s.person.id, s]));
  directory.userRegistrationDetails = directory.userRegistrationDetails.map((row) => {
    const spec = methodsOf.get(row.id);
    if (!spec) return row;
    return registrationDetails({
      id: row.id,
      userPrincipalName: row.userPrincipalName,
      displayName: row.userDisplayName,
      userType: spec.userType,
      isAdmin: admins.has(row.id),
      methods: spec.methods,
      lastUpdatedDateTime: row.lastUpdatedDateTime,
    });
  });
}

/** The Global Administrator's risk remediated (a good tenant's every user's); detections with it. */
function gradeRisk(directory: DirectoryData, grade: Grade): void {
  const remediate = (entity: GraphEntity) => {
    const who = String(entity.userId ?? entity.id);
    if (entity.riskState !== 'atRisk' || (grade === 'warning' && who !== demoPeople.isaiah.id)) return;
    entity.riskState = 'remediated';
    entity.riskDetail = 'userPerformedSecuredPasswordReset';
    if (!('riskEventType' in entity)) entity.riskLevel = 'none';
  };
  directory.riskyUsers.forEach(remediate);
  directory.riskDetections.forEach(remediate);
}

/**
 * Apps: the expired secret replaced by a fresh one, the two-year secret cut to six months, the
 * write-everything application permission narrowed to reading, no user consents.
 */
function gradeApps(directory: DirectoryData, now: Date): void {
  for (const app of directory.applications) {
    const secrets = (app.passwordCredentials ?? []) as Record<string, unknown>[];
    for (const secret of secrets) {
      if (app.id === demoAppIds.hrSync.id) {
        secret.displayName = 'hr-sync-current';
        secret.startDateTime = daysAgo(now, 25);
        secret.endDateTime = daysAgo(now, -155);
      } else if (app.id === demoAppIds.reporting.id) {
        secret.endDateTime = daysAgo(now, -120);
      }
    }
    if (app.id === demoAppIds.reporting.id) {
      app.requiredResourceAccess = JSON.parse(
        JSON.stringify(app.requiredResourceAccess).replaceAll(
          graphAppRoleIds['Directory.ReadWrite.All'],
          graphAppRoleIds['Directory.Read.All'],
        ),
      );
    }
  }
  for (const grant of directory.appRoleAssignments) {
    if (grant.appRoleId === graphAppRoleIds['Directory.ReadWrite.All'])
      grant.appRoleId = graphAppRoleIds['Directory.Read.All'];
  }
  directory.oauth2PermissionGrants = directory.oauth2PermissionGrants.filter(
    (g) => g.consentType !== 'Principal',
  );
}
