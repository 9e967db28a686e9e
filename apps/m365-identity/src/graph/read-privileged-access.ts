// Who holds which directory role: active assignments (standing or PIM-activated), PIM eligibilities,
// and the members of role-assignable groups that hold roles, resolved to users. A handful of reads
// whatever the tenant's size: definitions, active instances, eligible instances, one per group, and
// one $batch for the user records the expanded principals do not carry (group members, mostly).
import {
  BadRequestError,
  type DirectoryRoleDefinition,
  type GraphClient,
  readRoleDefinitions,
  directoryRoleTemplateIds as role,
  scubaPrivilegedRoleIds,
} from '@m365-mcp/graph-core';
import { listUserMembers } from './read-group-members.js';
import {
  lacksUserFacts,
  type PrincipalInfo,
  principalType,
  readUsers,
  toPrincipal,
} from './resolve-principals.js';
import { type RoleInstance, roleInstanceSchema } from './schemas.js';

export type { PrincipalInfo } from './resolve-principals.js';

export interface RoleHolding {
  /** Role template id (the same in every tenant). */
  roleId: string;
  roleName: string;
  privileged: boolean;
  /** The user (or service principal) who can use the role. */
  principal: PrincipalInfo;
  kind: 'active' | 'eligible';
  /** Active: `Assigned` = standing, `Activated` = a PIM activation; null when Graph did not say. */
  assignmentType: 'Assigned' | 'Activated' | null;
  /** null = permanent. */
  endDateTime: string | null;
  /** Set when the role is held through a role-assignable group. */
  viaGroup?: { id: string; displayName: string | null };
}

export interface PrivilegedAccessData {
  holdings: RoleHolding[];
  /** 'notLicensed' when PIM (Entra ID P2) is absent: no eligibilities, and active instances from roleAssignments. */
  pim: 'available' | 'notLicensed';
  complete: boolean;
}

/** The CISA SCuBA privileged set plus the roles that control sign-in, by template id. */
export const privilegedRoleIds: ReadonlySet<string> = new Set([
  ...scubaPrivilegedRoleIds,
  role.privilegedAuthenticationAdministrator,
  role.securityAdministrator,
  role.conditionalAccessAdministrator,
]);

const MAX_INSTANCES = 5000;
async function listInstances(
  graph: GraphClient,
  path: string,
  signal: AbortSignal | undefined,
): Promise<{ items: RoleInstance[]; complete: boolean }> {
  const result = await graph.list(path, {
    schema: roleInstanceSchema,
    maxItems: MAX_INSTANCES,
    query: { $expand: 'principal' },
    ...(signal ? { signal } : {}),
  });
  return { items: result.items, complete: result.complete };
}

/** Active instances with their type (PIM), or plain assignments when PIM is not licensed. */
async function activeInstances(graph: GraphClient, signal: AbortSignal | undefined) {
  try {
    const result = await listInstances(
      graph,
      '/roleManagement/directory/roleAssignmentScheduleInstances',
      signal,
    );
    return { ...result, pim: 'available' as const };
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    const result = await listInstances(graph, '/roleManagement/directory/roleAssignments', signal);
    return { ...result, pim: 'notLicensed' as const };
  }
}

/**
 * The users who hold roles through groups (by group id), and fuller records for the users whose
 * expanded principal lacks a fact the checks decide on; one read per group, one $batch of users.
 */
async function resolveHolders(
  graph: GraphClient,
  groupIds: readonly string[],
  incompleteUserIds: readonly string[],
  signal: AbortSignal | undefined,
): Promise<{ members: Map<string, PrincipalInfo[]>; users: Map<string, PrincipalInfo>; complete: boolean }> {
  let complete = true;
  const memberIds = new Map<string, string[]>();
  for (const groupId of groupIds) {
    const result = await listUserMembers(graph, groupId, signal);
    complete &&= result.complete;
    memberIds.set(groupId, result.ids);
  }
  const read = await readUsers(
    graph,
    [...new Set([...[...memberIds.values()].flat(), ...incompleteUserIds])],
    signal,
  );
  const members = new Map<string, PrincipalInfo[]>();
  for (const [groupId, ids] of memberIds) {
    members.set(
      groupId,
      ids.map((id) => read.users.get(id) ?? { ...toPrincipal(undefined, id), type: 'user' }),
    );
  }
  return { members, users: read.users, complete: complete && read.complete };
}

function assignmentTypeOf(
  kind: RoleHolding['kind'],
  reported: string | null | undefined,
  pim: PrivilegedAccessData['pim'],
): RoleHolding['assignmentType'] {
  if (kind !== 'active') return null;
  if (reported === 'Assigned' || reported === 'Activated') return reported;
  // Without PIM every active assignment is a standing one.
  return pim === 'notLicensed' ? 'Assigned' : null;
}

function roleName(definitions: Map<string, DirectoryRoleDefinition>, roleId: string): string {
  return definitions.get(roleId)?.displayName ?? roleId;
}

export async function readPrivilegedAccess(
  graph: GraphClient,
  signal?: AbortSignal,
): Promise<PrivilegedAccessData> {
  const definitionList = await readRoleDefinitions(graph, signal);
  const definitions = new Map<string, DirectoryRoleDefinition>();
  for (const d of definitionList.items) {
    definitions.set(d.id, d);
    if (d.templateId) definitions.set(d.templateId, d);
  }
  const active = await activeInstances(graph, signal);
  const eligible =
    active.pim === 'available'
      ? await listInstances(graph, '/roleManagement/directory/roleEligibilityScheduleInstances', signal)
      : { items: [], complete: true };

  const all = [
    ...active.items.map((i) => ({ instance: i, kind: 'active' as const })),
    ...eligible.items.map((i) => ({ instance: i, kind: 'eligible' as const })),
  ];
  const principalsOf = (keep: (i: RoleInstance) => boolean) => [
    ...new Set(all.filter(({ instance }) => keep(instance)).map(({ instance }) => instance.principalId)),
  ];
  const holders = await resolveHolders(
    graph,
    principalsOf((i) => principalType(i.principal?.['@odata.type']) === 'group'),
    principalsOf((i) => lacksUserFacts(i.principal)),
    signal,
  );

  const holdings: RoleHolding[] = [];
  for (const { instance, kind } of all) {
    const definition = definitions.get(instance.roleDefinitionId);
    const base = {
      roleId: definition?.templateId ?? instance.roleDefinitionId,
      roleName: roleName(definitions, instance.roleDefinitionId),
      privileged: definition?.isPrivileged === true || privilegedRoleIds.has(instance.roleDefinitionId),
      kind,
      assignmentType: assignmentTypeOf(kind, instance.assignmentType, active.pim),
      endDateTime: instance.endDateTime ?? null,
    };
    const principal =
      holders.users.get(instance.principalId) ?? toPrincipal(instance.principal, instance.principalId);
    if (principal.type === 'group') {
      for (const member of holders.members.get(instance.principalId) ?? []) {
        holdings.push({
          ...base,
          principal: member,
          viaGroup: { id: principal.id, displayName: principal.displayName },
        });
      }
    } else {
      holdings.push({ ...base, principal });
    }
  }
  return {
    holdings,
    pim: active.pim,
    complete: definitionList.complete && active.complete && eligible.complete && holders.complete,
  };
}
