// An app registered with directory roles: its service principal holds them as active, permanent
// role assignments in the tenant's directory, so Graph shows them (roleAssignments, directoryRoles)
// and the admin APIs that want a role read the same facts. An app without roles adds nothing.
import { randomUUID } from 'node:crypto';
import type { ActiveRoleAssignment } from '../tenant/directory.js';
import type { Tenant } from '../tenant/model.js';

/** The facts of a service principal that directory roles are granted to. */
export interface RoleHolder {
  readonly clientId: string;
  readonly displayName: string;
  readonly servicePrincipalId: string;
  readonly directoryRoles: readonly string[];
}

export interface GrantOptions {
  /** The tenant the app is registered in, when it is not this one (a multi-tenant app consented here). */
  homeTenantId?: string;
  /** Add the service principal even without directory roles (an admin consent always creates it). */
  always?: boolean;
}

export function grantDirectoryRoles(tenant: Tenant, app: RoleHolder, options: GrantOptions = {}): void {
  if (app.directoryRoles.length === 0 && !options.always) return;
  const directory = tenant.directory;
  directory.roleAssignments ??= [];
  directory.servicePrincipals ??= [];
  if (!directory.servicePrincipals.some((sp) => sp.id === app.servicePrincipalId)) {
    directory.servicePrincipals.push({
      id: app.servicePrincipalId,
      deletedDateTime: null,
      accountEnabled: true,
      appId: app.clientId,
      appOwnerOrganizationId: options.homeTenantId ?? tenant.id,
      displayName: app.displayName,
      servicePrincipalType: 'Application',
      signInAudience: options.homeTenantId === undefined ? 'AzureADMyOrg' : 'AzureADMultipleOrgs',
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

/** Removes a service principal and its role assignments from the tenant's directory (consent revoked). */
export function removeServicePrincipal(tenant: Tenant, servicePrincipalId: string): void {
  const directory = tenant.directory;
  if (directory.servicePrincipals)
    directory.servicePrincipals = directory.servicePrincipals.filter((sp) => sp.id !== servicePrincipalId);
  if (directory.roleAssignments)
    directory.roleAssignments = directory.roleAssignments.filter((a) => a.principalId !== servicePrincipalId);
}
