// Which of a few accounts hold directory roles. One $batch of filtered role-assignment reads (one per
// account) plus the role definitions, so an incident with five users costs two round trips.
import {
  type DirectoryRoleDefinition,
  ForbiddenError,
  f,
  type GraphClient,
  readRoleDefinitions,
  directoryRoleTemplateIds as role,
} from '@m365-mcp/graph-core';
import { z } from 'zod';
import { roleAssignmentSchema } from './schemas.js';

/** Built-in roles Microsoft flags as privileged, for when a definition lacks `isPrivileged`. */
const wellKnownPrivilegedTemplates: ReadonlySet<string> = new Set([
  role.globalAdministrator,
  role.privilegedRoleAdministrator,
  role.privilegedAuthenticationAdministrator,
  role.securityAdministrator,
  role.userAdministrator,
  role.authenticationAdministrator,
  role.exchangeAdministrator,
  role.applicationAdministrator,
  role.cloudApplicationAdministrator,
]);

export interface AccountRoles {
  userId: string;
  roles: { id: string; displayName: string; privileged: boolean }[];
}

export type PrivilegedLookup =
  | { status: 'known'; accounts: AccountRoles[] }
  | { status: 'unknown'; reason: string };

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const assignmentsPage = z.object({ value: z.array(roleAssignmentSchema) });

/** At most this many accounts are looked up (one $batch). */
export const maxPrivilegedLookups = 20;

export async function readAccountRoles(
  graph: GraphClient,
  userIds: readonly string[],
): Promise<PrivilegedLookup> {
  const ids = [...new Set(userIds.filter((id) => guid.test(id)))].slice(0, maxPrivilegedLookups);
  if (ids.length === 0) return { status: 'known', accounts: [] };
  try {
    const definitions = await readRoleDefinitions(graph);
    const byId = new Map<string, DirectoryRoleDefinition>();
    for (const d of definitions.items) {
      byId.set(d.id.toLowerCase(), d);
      if (d.templateId) byId.set(d.templateId.toLowerCase(), d);
    }
    const results = await graph.batch(
      ids.map((id, index) => ({
        id: String(index + 1),
        method: 'GET' as const,
        url: '/roleManagement/directory/roleAssignments',
        query: { $filter: f.eq('principalId', id), $select: 'principalId,roleDefinitionId,directoryScopeId' },
      })),
    );
    const accounts: AccountRoles[] = [];
    for (const [index, id] of ids.entries()) {
      const result = results.find((r) => r.id === String(index + 1));
      if (!result || result.error) throw result?.error ?? new Error('no $batch response');
      const page = assignmentsPage.parse(result.body);
      const roles = page.value.map((assignment) => {
        const definition = byId.get(assignment.roleDefinitionId.toLowerCase());
        const templateId = (definition?.templateId ?? assignment.roleDefinitionId).toLowerCase();
        return {
          id: assignment.roleDefinitionId,
          displayName: definition?.displayName ?? assignment.roleDefinitionId,
          privileged: definition?.isPrivileged === true || wellKnownPrivilegedTemplates.has(templateId),
        };
      });
      accounts.push({ userId: id, roles });
    }
    return { status: 'known', accounts };
  } catch (error) {
    if (error instanceof ForbiddenError) {
      return {
        status: 'unknown',
        reason:
          'This app cannot read directory roles (RoleManagement.Read.Directory is not granted); m365-identity can tell which of these accounts are privileged.',
      };
    }
    throw error;
  }
}
