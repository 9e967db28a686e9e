// App registrations, service principals, and every application permission granted on Microsoft
// Graph (read once from Graph's own service principal: appRoleAssignedTo), with role ids turned
// into permission names from Graph's appRoles.
import { f, type GraphClient, microsoftGraphAppId } from '@m365-mcp/graph-core';
import type { Fetched } from './read-identity-protection.js';
import {
  type AppRoleAssignment,
  applicationSchema,
  appRoleAssignmentSchema,
  type GraphApplication,
  type GraphServicePrincipal,
  graphResourceSchema,
  servicePrincipalSchema,
} from './schemas.js';

const MAX_APPLICATIONS = 5000;
const MAX_SERVICE_PRINCIPALS = 10_000;
const MAX_GRANTS = 20_000;

export interface GraphPermissionGrant extends AppRoleAssignment {
  /** The permission's name, e.g. Directory.ReadWrite.All (the role id when Graph does not list it). */
  permission: string;
}

export interface ApplicationsData {
  applications: GraphApplication[];
  servicePrincipals: GraphServicePrincipal[];
  graphGrants: GraphPermissionGrant[];
  complete: boolean;
}

const credentialSelect = 'passwordCredentials,keyCredentials';

export async function readApplications(graph: GraphClient, signal?: AbortSignal): Promise<ApplicationsData> {
  const withSignal = signal ? { signal } : {};
  const applications = await graph.list('/applications', {
    schema: applicationSchema,
    pageSize: 999,
    maxItems: MAX_APPLICATIONS,
    query: { $select: `id,appId,displayName,createdDateTime,${credentialSelect}` },
    ...withSignal,
  });
  const servicePrincipals = await graph.list('/servicePrincipals', {
    schema: servicePrincipalSchema,
    pageSize: 999,
    maxItems: MAX_SERVICE_PRINCIPALS,
    query: {
      $select: `id,appId,displayName,appOwnerOrganizationId,servicePrincipalType,accountEnabled,${credentialSelect}`,
    },
    ...withSignal,
  });
  const graphSp = await graph.list('/servicePrincipals', {
    schema: graphResourceSchema,
    maxItems: 1,
    query: { $filter: f.eq('appId', microsoftGraphAppId), $select: 'id,appRoles' },
    ...withSignal,
  });
  const resource = graphSp.items[0];
  let grants: Fetched<AppRoleAssignment> = { items: [], complete: true };
  if (resource) {
    const result = await graph.list(
      `/servicePrincipals/${encodeURIComponent(resource.id)}/appRoleAssignedTo`,
      {
        schema: appRoleAssignmentSchema,
        pageSize: 999,
        maxItems: MAX_GRANTS,
        ...withSignal,
      },
    );
    grants = { items: result.items, complete: result.complete };
  }
  const roleNames = new Map((resource?.appRoles ?? []).map((r) => [r.id, r.value ?? r.id]));
  return {
    applications: applications.items,
    servicePrincipals: servicePrincipals.items,
    graphGrants: grants.items.map((g) => ({ ...g, permission: roleNames.get(g.appRoleId) ?? g.appRoleId })),
    complete: applications.complete && servicePrincipals.complete && grants.complete,
  };
}
