// An app registered with directory roles: its service principal holds them as active, permanent
// role assignments in the tenant's directory, so Graph shows them (roleAssignments, directoryRoles)
// and the admin APIs that want a role read the same facts. An app without roles adds nothing.
import { randomUUID } from 'node:crypto';
import type { ActiveRoleAssignment } from '../tenant/directory.js';
import type { Tenant } from '../tenant/model.js';
import type { SimApp } from './apps.js';

export function grantDirectoryRoles(tenant: Tenant, app: SimApp): void {
  if (app.directoryRoles.length === 0) return;
  const directory = tenant.directory;
  directory.roleAssignments ??= [];
  directory.servicePrincipals ??= [];
  if (!directory.servicePrincipals.some((sp) => sp.id === app.servicePrincipalId)) {
    directory.servicePrincipals.push({
      id: app.servicePrincipalId,
      deletedDateTime: null,
      accountEnabled: true,
      appId: app.clientId,
      appOwnerOrganizationId: tenant.id,
      displayName: app.displayName,
      servicePrincipalType: 'Application',
      signInAudience: 'AzureADMyOrg',
      tags: [],
    });
  }
  const start = new Date().toISOString();
  for (const roleDefinitionId of new Set(app.directoryRoles)) {
    const assignment: ActiveRoleAssignment = {
      id: randomUUID(),
      principalId: app.servicePrincipalId,
      roleDefinitionId,
      directoryScopeId: '/',
      assignmentType: 'Assigned',
      startDateTime: start,
      endDateTime: null,
    };
    directory.roleAssignments.push(assignment);
  }
}

/** The directory roles (template ids, lower case) a principal holds now, tenant-wide. */
export function activeDirectoryRoles(tenant: Tenant, principalId: string): Set<string> {
  const assignments: readonly ActiveRoleAssignment[] = tenant.directory?.roleAssignments ?? [];
  return new Set(
    assignments
      .filter((a) => a.principalId === principalId && a.directoryScopeId === '/')
      .map((a) => a.roleDefinitionId.toLowerCase()),
  );
}
