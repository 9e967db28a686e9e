// Who holds which directory role in the demo tenant. Planted: five standing Global Administrators
// (CIS wants two to four, break-glass included), one of them a guest; a synced Privileged Role
// Administrator; admins without strong MFA (set in users.ts); a role-assignable group holding User
// Administrator; a PIM activation and PIM eligibilities, so "active vs eligible" has both.
import type { ActiveRoleAssignment, RoleEligibility } from '../../directory.js';
import { demoPeople } from '../people.js';
import { demoGroupIds } from './groups.js';
import { daysAgo, hoursAgo, stableId } from './ids.js';
import { directoryPeople } from './users.js';
import { roleTemplateIds as roles } from './wellKnown.js';

const p = { ...demoPeople, ...directoryPeople };

function permanent(
  now: Date,
  principalId: string,
  roleDefinitionId: string,
  sinceDays: number,
): ActiveRoleAssignment {
  return {
    id: stableId(`roleAssignment/${roleDefinitionId}/${principalId}`),
    principalId,
    roleDefinitionId,
    directoryScopeId: '/',
    assignmentType: 'Assigned',
    startDateTime: daysAgo(now, sinceDays),
    endDateTime: null,
  };
}

export function demoRoleAssignments(now: Date): ActiveRoleAssignment[] {
  return [
    permanent(now, p.megan.id, roles.globalAdministrator, 800),
    permanent(now, p.isaiah.id, roles.globalAdministrator, 400),
    permanent(now, p.breakglass.id, roles.globalAdministrator, 1200),
    permanent(now, p.breakglass2.id, roles.globalAdministrator, 1200),
    permanent(now, p.partner.id, roles.globalAdministrator, 45),
    permanent(now, p.christie.id, roles.privilegedRoleAdministrator, 600),
    permanent(now, p.alex.id, roles.exchangeAdministrator, 700),
    permanent(now, p.lee.id, roles.securityAdministrator, 300),
    permanent(now, demoGroupIds.tier0Admins, roles.userAdministrator, 500),
    {
      // A just-in-time PIM activation: active now, ends in a few hours.
      id: stableId(`roleAssignment/${roles.sharePointAdministrator}/${p.joni.id}/activation`),
      principalId: p.joni.id,
      roleDefinitionId: roles.sharePointAdministrator,
      directoryScopeId: '/',
      assignmentType: 'Activated',
      startDateTime: hoursAgo(now, 2),
      endDateTime: hoursAgo(now, -6),
    },
  ];
}

function eligible(
  now: Date,
  principalId: string,
  roleDefinitionId: string,
  sinceDays: number,
  untilDaysFromNow: number | null,
): RoleEligibility {
  const scheduleId = stableId(`roleEligibilitySchedule/${roleDefinitionId}/${principalId}`);
  return {
    id: stableId(`roleEligibility/${roleDefinitionId}/${principalId}`),
    principalId,
    roleDefinitionId,
    directoryScopeId: '/',
    memberType: 'Direct',
    startDateTime: daysAgo(now, sinceDays),
    endDateTime: untilDaysFromNow === null ? null : daysAgo(now, -untilDaysFromNow),
    roleEligibilityScheduleId: scheduleId,
  };
}

export function demoRoleEligibilities(now: Date): RoleEligibility[] {
  return [
    eligible(now, p.patti.id, roles.helpdeskAdministrator, 200, 165),
    eligible(now, p.joni.id, roles.sharePointAdministrator, 300, null),
    eligible(now, p.henrietta.id, roles.securityReader, 90, 275),
    eligible(now, p.grady.id, roles.authenticationAdministrator, 120, null),
  ];
}
