// Who holds which directory role: active assignments (standing or PIM-activated), PIM eligibilities,
// and the members of role-assignable groups that hold roles, resolved to users. A handful of reads
// whatever the tenant's size: definitions, active instances, eligible instances, one per group, and
// one $batch for the group members' user records.
import { BadRequestError, type GraphClient } from '@m365-mcp/graph-core';
import { z } from 'zod';
import { userSelect } from './fetch-directory.js';
import {
  type GraphPrincipal,
  type GraphRoleDefinition,
  principalSchema,
  type RoleInstance,
  roleDefinitionSchema,
  roleInstanceSchema,
} from './schemas.js';

export interface PrincipalInfo {
  id: string;
  type: 'user' | 'group' | 'servicePrincipal' | 'unknown';
  displayName: string | null;
  userPrincipalName: string | null;
  userType: string | null;
  accountEnabled: boolean | null;
  onPremisesSyncEnabled: boolean | null;
}

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
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', // Privileged Authentication Administrator
  'fe930be7-5e62-47db-91af-98c3a49a38b1', // User Administrator
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c', // SharePoint Administrator
  '29232cdf-9323-42fd-ade2-1d097af3e4de', // Exchange Administrator
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', // Hybrid Identity Administrator
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', // Application Administrator
  '158c047a-c907-4556-b7ef-446551a6b5f7', // Cloud Application Administrator
  '194ae4cb-b126-40b2-bd5b-6091b380977d', // Security Administrator
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', // Conditional Access Administrator
]);

const MAX_INSTANCES = 5000;
const MAX_GROUP_MEMBERS = 500;

function principalType(odataType: string | undefined): PrincipalInfo['type'] {
  switch (odataType) {
    case '#microsoft.graph.user':
      return 'user';
    case '#microsoft.graph.group':
      return 'group';
    case '#microsoft.graph.servicePrincipal':
      return 'servicePrincipal';
    default:
      return 'unknown';
  }
}

function toPrincipal(p: GraphPrincipal | null | undefined, id: string): PrincipalInfo {
  return {
    id,
    type: principalType(p?.['@odata.type']),
    displayName: p?.displayName ?? null,
    userPrincipalName: p?.userPrincipalName ?? null,
    userType: p?.userType ?? null,
    accountEnabled: p?.accountEnabled ?? null,
    onPremisesSyncEnabled: p?.onPremisesSyncEnabled ?? null,
  };
}

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

const memberSchema = z.object({ '@odata.type': z.string().optional(), id: z.string() }).passthrough();

async function expandGroups(
  graph: GraphClient,
  groupIds: readonly string[],
  signal: AbortSignal | undefined,
): Promise<{ members: Map<string, PrincipalInfo[]>; complete: boolean }> {
  const members = new Map<string, PrincipalInfo[]>();
  let complete = true;
  const memberIds = new Map<string, string[]>();
  for (const groupId of groupIds) {
    const result = await graph.list(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`, {
      schema: memberSchema,
      maxItems: MAX_GROUP_MEMBERS,
      query: { $select: 'id' },
      ...(signal ? { signal } : {}),
    });
    complete &&= result.complete;
    memberIds.set(
      groupId,
      result.items.filter((m) => principalType(m['@odata.type']) === 'user').map((m) => m.id),
    );
  }
  // GroupMember.ReadBasic.All gives ids only; the users' own records come from one $batch.
  const userIds = [...new Set([...memberIds.values()].flat())];
  const users = new Map<string, PrincipalInfo>();
  const results =
    userIds.length === 0
      ? []
      : await graph.batch(
          userIds.map((id, index) => ({
            id: String(index),
            method: 'GET' as const,
            url: `/users/${encodeURIComponent(id)}`,
            query: { $select: userSelect },
          })),
          signal ? { signal } : {},
        );
  for (const result of results) {
    const id = userIds[Number(result.id)];
    if (id === undefined) continue;
    const parsed = principalSchema.safeParse(result.body);
    if (result.status === 200 && parsed.success) {
      users.set(id, toPrincipal({ ...parsed.data, '@odata.type': '#microsoft.graph.user' }, id));
    } else {
      complete = false;
      users.set(id, { ...toPrincipal(undefined, id), type: 'user' });
    }
  }
  for (const [groupId, ids] of memberIds) {
    members.set(
      groupId,
      ids.map((id) => users.get(id) ?? { ...toPrincipal(undefined, id), type: 'user' }),
    );
  }
  return { members, complete };
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

function roleName(definitions: Map<string, GraphRoleDefinition>, roleId: string): string {
  return definitions.get(roleId)?.displayName ?? roleId;
}

export async function fetchPrivilegedAccess(
  graph: GraphClient,
  signal?: AbortSignal,
): Promise<PrivilegedAccessData> {
  // Beta: Microsoft's own privileged flag (isPrivileged, which covers custom roles) exists only
  // there; v1.0 refuses to select it. The curated list below still applies when it is absent.
  const definitionList = await graph.list('/roleManagement/directory/roleDefinitions', {
    version: 'beta',
    schema: roleDefinitionSchema,
    maxItems: 1000,
    query: { $select: 'id,displayName,templateId,isBuiltIn,isPrivileged' },
    ...(signal ? { signal } : {}),
  });
  const definitions = new Map<string, GraphRoleDefinition>();
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
  const groupIds = [
    ...new Set(
      all
        .filter(({ instance }) => principalType(instance.principal?.['@odata.type']) === 'group')
        .map(({ instance }) => instance.principalId),
    ),
  ];
  const groups = await expandGroups(graph, groupIds, signal);

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
    const principal = toPrincipal(instance.principal, instance.principalId);
    if (principal.type === 'group') {
      for (const member of groups.members.get(instance.principalId) ?? []) {
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
    complete: definitionList.complete && active.complete && eligible.complete && groups.complete,
  };
}
