import type { TokenCredential } from '@azure/identity';
import { type CloudProfile, toGraphError } from '@m365-mcp/graph-core';
import { compareRoles, type RoleComparison } from './compare-roles.js';
import type { PermissionManifest } from './manifest.js';
import { decodeTokenRoles } from './token-roles.js';

export interface PermissionCheckReport extends RoleComparison {
  server: string;
  writes: boolean;
  /** True when nothing is missing; excess roles do not fail the check, they are reported. */
  ok: boolean;
  roles: string[];
  tenantId?: string;
  appId?: string;
  expiresOn?: Date;
}

/** Signs in for Graph, reads the roles the token carries and compares them with the manifest. */
export async function checkPermissions(
  credential: TokenCredential,
  manifest: PermissionManifest,
  options: { writes: boolean; cloud: CloudProfile },
): Promise<PermissionCheckReport> {
  // A failed sign-in says why (Entra's error, never the secret), not "failed unexpectedly".
  const token = await credential.getToken(options.cloud.graphScope).catch((error: unknown) => {
    throw toGraphError(error, { method: 'POST', path: 'token endpoint' });
  });
  if (token === null) throw new Error(`no access token was issued for ${options.cloud.graphScope}`);
  const decoded = decodeTokenRoles(token.token);
  const comparison = compareRoles(manifest, decoded.roles, { writes: options.writes });
  return {
    server: manifest.server,
    writes: options.writes,
    ok: comparison.missing.length === 0,
    roles: decoded.roles,
    ...(decoded.tenantId === undefined ? {} : { tenantId: decoded.tenantId }),
    ...(decoded.appId === undefined ? {} : { appId: decoded.appId }),
    ...(decoded.expiresOn === undefined ? {} : { expiresOn: decoded.expiresOn }),
    ...comparison,
  };
}
