import type { TokenCredential } from '@azure/identity';
import { type CloudProfile, type GraphClient, type GraphError, toGraphError } from '@m365-mcp/graph-core';
import { z } from 'zod';
import type { DirectoryRoleRequirement, PermissionManifest } from '../manifest.js';
import { type DelegatedRequirement, delegatedRequirements } from './delegated-requirements.js';
import { decodeUserToken } from './user-token.js';

/** One manifest permission, in delegated mode, against the signed-in user. */
export interface DelegatedPermissionCheck extends DelegatedRequirement {
  /** The app holds the delegated scope (false also when Graph has no delegated form of it). */
  scopeGranted: boolean;
  /** One of `roles` is the user's; undefined when the user's roles could not be read. */
  roleHeld: boolean | undefined;
}

export interface DelegatedCheckReport {
  server: string;
  writes: boolean;
  /** True when every permission in this mode has its scope and (as far as read) the user's role. */
  ok: boolean;
  userPrincipalName?: string;
  objectId?: string;
  tenantId?: string;
  appId?: string;
  expiresOn?: Date;
  /** The token's `scp`. */
  scopes: string[];
  /** The user's directory roles (active assignments, also through groups); undefined when unread. */
  directoryRoles: DirectoryRoleRequirement[] | undefined;
  /** Why the roles could not be read (Graph's answer), when they could not. */
  directoryRolesError?: string;
  permissions: DelegatedPermissionCheck[];
}

// directoryRole (v1.0 metadata): displayName, roleTemplateId. The listing mixes groups and roles;
// each object carries its @odata.type, as Graph's directoryObject collections do.
const membershipSchema = z
  .object({
    '@odata.type': z.string().optional(),
    displayName: z.string().nullish(),
    roleTemplateId: z.string().nullish(),
  })
  .passthrough();

/**
 * The signed-in user's active directory roles, also through role-assignable groups, read through
 * Graph (`GET /me/transitiveMemberOf`: `User.Read` is enough). Not the type-cast
 * `/microsoft.graph.directoryRole` segment with $select, which graph-sim does not serve yet.
 */
export async function readMyDirectoryRoles(graph: GraphClient): Promise<DirectoryRoleRequirement[]> {
  const { items } = await graph.list('/me/transitiveMemberOf', { schema: membershipSchema });
  const roles = new Map<string, DirectoryRoleRequirement>();
  for (const item of items) {
    if (item['@odata.type'] !== '#microsoft.graph.directoryRole' || typeof item.roleTemplateId !== 'string')
      continue;
    roles.set(item.roleTemplateId.toLowerCase(), {
      name: item.displayName ?? item.roleTemplateId,
      templateId: item.roleTemplateId,
    });
  }
  return [...roles.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * `check` in delegated mode: signs in as the user, reads the token's scopes and the user's directory
 * roles, and says for each permission the server needs whether the scope and a role that allows it
 * are there.
 */
export async function checkDelegated(
  credential: TokenCredential,
  manifest: PermissionManifest,
  options: { writes: boolean; cloud: CloudProfile; graph: GraphClient },
): Promise<DelegatedCheckReport> {
  const token = await credential.getToken(options.cloud.graphScope).catch((error: unknown) => {
    throw toGraphError(error, { method: 'POST', path: 'token endpoint' });
  });
  if (token === null) throw new Error(`no access token was issued for ${options.cloud.graphScope}`);
  const user = decodeUserToken(token.token);
  if (user.scopes.length === 0) {
    throw new Error(
      'the sign-in gave an app-only token (no "scp" claim): the delegated check needs a user sign-in (M365_MCP_SIGN_IN=device-code or azure-cli)',
    );
  }
  let directoryRoles: DirectoryRoleRequirement[] | undefined;
  let directoryRolesError: string | undefined;
  try {
    directoryRoles = await readMyDirectoryRoles(options.graph);
  } catch (error) {
    directoryRolesError = (error as GraphError).message ?? String(error);
  }
  const granted = new Set(user.scopes.map((scope) => scope.toLowerCase()));
  const held = new Set(directoryRoles?.map((role) => role.templateId.toLowerCase()));
  const permissions = delegatedRequirements(manifest, { writes: options.writes }).map(
    (requirement): DelegatedPermissionCheck => ({
      ...requirement,
      scopeGranted: requirement.scope !== undefined && granted.has(requirement.scope.toLowerCase()),
      roleHeld:
        directoryRoles === undefined
          ? undefined
          : requirement.roles.some((role) => held.has(role.templateId.toLowerCase())),
    }),
  );
  return {
    server: manifest.server,
    writes: options.writes,
    ok: permissions.every((entry) => entry.scopeGranted && entry.roleHeld !== false),
    ...(user.userPrincipalName === undefined ? {} : { userPrincipalName: user.userPrincipalName }),
    ...(user.objectId === undefined ? {} : { objectId: user.objectId }),
    ...(user.tenantId === undefined ? {} : { tenantId: user.tenantId }),
    ...(user.appId === undefined ? {} : { appId: user.appId }),
    ...(user.expiresOn === undefined ? {} : { expiresOn: user.expiresOn }),
    scopes: user.scopes,
    directoryRoles,
    ...(directoryRolesError === undefined ? {} : { directoryRolesError }),
    permissions,
  };
}
