// /me for a user (delegated) token: the signed-in user, and the groups and directory roles they are
// a member of. An app-only token is refused before these handlers run ("/me request is only valid
// with delegated authentication flow."), as Graph does.
import { notFound, type RouteContext, type RouteDefinition } from '../../engine/route.js';
import { groupsOf } from '../../entra/users.js';
import type { GraphUser } from '../../tenant/directory.js';
import { directoryRoleId } from './roles.js';
import { dir, directoryObject, renderUser } from './shared.js';

function signedInUser(ctx: RouteContext): GraphUser {
  const id = ctx.user?.id;
  const user = id === undefined ? undefined : dir(ctx).users.find((u) => u.id === id);
  if (!user) throw notFound(`User '${id ?? ''}'`);
  return user;
}

/** The directory roles a principal holds through active tenant-wide assignments, as directoryRole objects. */
function rolesOf(ctx: RouteContext, principalIds: ReadonlySet<string>): object[] {
  const directory = dir(ctx);
  const held = new Set(
    directory.roleAssignments
      .filter((a) => principalIds.has(a.principalId) && a.directoryScopeId === '/')
      .map((a) => a.roleDefinitionId.toLowerCase()),
  );
  return directory.roleDefinitions
    .filter((d) => held.has(d.templateId.toLowerCase()))
    .map((d) => ({
      '@odata.type': '#microsoft.graph.directoryRole',
      id: directoryRoleId(d.templateId),
      deletedDateTime: null,
      description: d.description ?? null,
      displayName: d.displayName,
      roleTemplateId: d.templateId,
    }));
}

function memberships(ctx: RouteContext, transitive: boolean): object[] {
  const user = signedInUser(ctx);
  const directory = dir(ctx);
  const groupIds = transitive
    ? groupsOf(ctx.tenant, user.id)
    : new Set(
        Object.entries(directory.groupMembers)
          .filter(([, ids]) => ids.includes(user.id))
          .map(([groupId]) => groupId),
      );
  const groups = [...groupIds]
    .map((id) => directoryObject(ctx, id))
    .filter((g): g is Record<string, unknown> => g !== undefined);
  // Transitive: roles held through a role-assignable group count too.
  const principals = transitive ? new Set([user.id, ...groupIds]) : new Set([user.id]);
  return [...groups, ...rolesOf(ctx, principals)];
}

export const meRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/me',
    workload: 'directory',
    // The delegated catalogue names User.Read and wider; this declaration only satisfies the start check.
    delegatedOnly: true,
    permissions: ['User.Read'],
    handler: (ctx) => ({ kind: 'entity', body: renderUser(ctx, signedInUser(ctx)), context: 'users' }),
  },
  {
    method: 'GET',
    path: '/me/memberOf',
    workload: 'directory',
    delegatedOnly: true,
    permissions: ['User.Read'],
    handler: (ctx) => ({ kind: 'collection', items: memberships(ctx, false), context: 'directoryObjects' }),
  },
  {
    method: 'GET',
    path: '/me/transitiveMemberOf',
    workload: 'directory',
    delegatedOnly: true,
    permissions: ['User.Read'],
    handler: (ctx) => ({ kind: 'collection', items: memberships(ctx, true), context: 'directoryObjects' }),
  },
];
