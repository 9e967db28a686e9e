// Directory roles: activated roles (/directoryRoles) and RBAC (/roleManagement/directory/*), all
// derived from the same facts (DirectoryData.roleAssignments and roleEligibilities).
import type { RouteContext, RouteDefinition } from '../../engine/route.js';
import { stableId } from '../../tenant/demo/directory/ids.js';
import type { ActiveRoleAssignment, DirectoryData, RoleEligibility } from '../../tenant/directory.js';
import {
  dir,
  directoryObject,
  expands,
  param,
  requireById,
  requireEntraIdP2ForPim,
  resourceNotFound,
} from './shared.js';

/** The object id of the tenant's activated directory role for a template. */
export function directoryRoleId(templateId: string): string {
  return stableId(`directoryRole/${templateId}`);
}

function activatedRoles(directory: DirectoryData): object[] {
  const active = new Set(directory.roleAssignments.map((a) => a.roleDefinitionId));
  return directory.roleDefinitions
    .filter((d) => active.has(d.templateId))
    .map((d) => ({
      id: directoryRoleId(d.templateId),
      deletedDateTime: null,
      description: d.description ?? null,
      displayName: d.displayName,
      roleTemplateId: d.templateId,
    }));
}

function withPrincipal(ctx: RouteContext, item: Record<string, unknown>, principalId: string): object {
  if (!expands(ctx, 'principal')) return item;
  return { ...item, principal: directoryObject(ctx, principalId, 'expanded') ?? null };
}

function renderAssignment(ctx: RouteContext, a: ActiveRoleAssignment): object {
  return withPrincipal(
    ctx,
    {
      id: a.id,
      principalId: a.principalId,
      resourceScope: a.directoryScopeId,
      directoryScopeId: a.directoryScopeId,
      appScopeId: null,
      roleDefinitionId: a.roleDefinitionId,
      condition: null,
    },
    a.principalId,
  );
}

function renderAssignmentInstance(ctx: RouteContext, a: ActiveRoleAssignment): object {
  return withPrincipal(
    ctx,
    {
      id: `${a.id}-instance`,
      principalId: a.principalId,
      roleDefinitionId: a.roleDefinitionId,
      directoryScopeId: a.directoryScopeId,
      appScopeId: null,
      startDateTime: a.startDateTime,
      endDateTime: a.endDateTime,
      assignmentType: a.assignmentType,
      memberType: 'Direct',
      roleAssignmentOriginId: a.id,
      roleAssignmentScheduleId: stableId(`roleAssignmentSchedule/${a.id}`),
    },
    a.principalId,
  );
}

function renderEligibility(ctx: RouteContext, e: RoleEligibility): object {
  return withPrincipal(ctx, { ...e, appScopeId: null }, e.principalId);
}

const roleManagementRead = [
  'RoleManagement.Read.Directory',
  'RoleManagement.Read.All',
  'RoleManagement.ReadWrite.Directory',
];

export const roleRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/directoryRoles',
    workload: 'directory',
    // Graph does not page /directoryRoles.
    pageSize: 1000,
    maxPageSize: 1000,
    handler: (ctx) => ({ kind: 'collection', items: activatedRoles(dir(ctx)), context: 'directoryRoles' }),
  },
  {
    method: 'GET',
    path: '/directoryRoles/{id}',
    workload: 'directory',
    handler(ctx) {
      const role = activatedRoles(dir(ctx)).find((r) => (r as { id: string }).id === param(ctx, 'id'));
      if (!role) throw resourceNotFound(param(ctx, 'id'));
      return { kind: 'entity', body: role, context: 'directoryRoles' };
    },
  },
  {
    method: 'GET',
    path: '/directoryRoles/{id}/members',
    workload: 'directory',
    handler(ctx) {
      const directory = dir(ctx);
      const id = param(ctx, 'id');
      const definition = directory.roleDefinitions.find((d) => directoryRoleId(d.templateId) === id);
      const assignments = definition
        ? directory.roleAssignments.filter((a) => a.roleDefinitionId === definition.templateId)
        : [];
      if (assignments.length === 0) throw resourceNotFound(id);
      const principals = [...new Set(assignments.map((a) => a.principalId))];
      return {
        kind: 'collection',
        items: principals.map((p) => directoryObject(ctx, p)).filter((o) => o !== undefined),
        context: 'directoryObjects',
      };
    },
  },
  {
    method: 'GET',
    path: '/roleManagement/directory/roleDefinitions',
    workload: 'directory',
    handler: (ctx) => ({
      kind: 'collection',
      items: dir(ctx).roleDefinitions,
      context: 'roleManagement/directory/roleDefinitions',
    }),
  },
  {
    method: 'GET',
    path: '/roleManagement/directory/roleDefinitions/{id}',
    workload: 'directory',
    handler: (ctx) => ({
      kind: 'entity',
      body: requireById(dir(ctx).roleDefinitions, param(ctx, 'id')),
      context: 'roleManagement/directory/roleDefinitions',
    }),
  },
  {
    method: 'GET',
    path: '/roleManagement/directory/roleAssignments',
    workload: 'directory',
    expand: ['principal'],
    filterable: ['id', 'roleDefinitionId', 'principalId', 'directoryScopeId', 'appScopeId'],
    handler: (ctx) => ({
      kind: 'collection',
      items: dir(ctx).roleAssignments.map((a) => renderAssignment(ctx, a)),
      context: expands(ctx, 'principal')
        ? 'roleManagement/directory/roleAssignments(principal())'
        : 'roleManagement/directory/roleAssignments',
    }),
  },
  {
    method: 'GET',
    path: '/roleManagement/directory/roleAssignmentScheduleInstances',
    workload: 'directory',
    expand: ['principal'],
    // Not in the bundled catalogue subset; from Microsoft's catalogue (RoleAssignmentSchedule.Read.Directory is least).
    permissions: [
      'RoleAssignmentSchedule.Read.Directory',
      'RoleAssignmentSchedule.ReadWrite.Directory',
      ...roleManagementRead,
    ],
    filterable: [
      'id',
      'roleDefinitionId',
      'principalId',
      'directoryScopeId',
      'assignmentType',
      'memberType',
      'startDateTime',
      'endDateTime',
    ],
    handler(ctx) {
      requireEntraIdP2ForPim(ctx);
      return {
        kind: 'collection',
        items: dir(ctx).roleAssignments.map((a) => renderAssignmentInstance(ctx, a)),
        context: 'roleManagement/directory/roleAssignmentScheduleInstances',
      };
    },
  },
  {
    method: 'GET',
    path: '/roleManagement/directory/roleEligibilityScheduleInstances',
    workload: 'directory',
    expand: ['principal'],
    // Not in the bundled catalogue subset; from Microsoft's catalogue (RoleEligibilitySchedule.Read.Directory is least).
    permissions: [
      'RoleEligibilitySchedule.Read.Directory',
      'RoleEligibilitySchedule.ReadWrite.Directory',
      ...roleManagementRead,
    ],
    filterable: [
      'id',
      'roleDefinitionId',
      'principalId',
      'directoryScopeId',
      'memberType',
      'startDateTime',
      'endDateTime',
    ],
    handler(ctx) {
      requireEntraIdP2ForPim(ctx);
      return {
        kind: 'collection',
        items: dir(ctx).roleEligibilities.map((e) => renderEligibility(ctx, e)),
        context: 'roleManagement/directory/roleEligibilityScheduleInstances',
      };
    },
  },
];
