import type { TokenCredential } from '@azure/identity';
import { type CloudProfile, type GraphClient, toGraphError } from '@m365-mcp/graph-core';
import { checkServices, type ServiceCheck } from './check-services.js';
import { compareRoles, type RoleComparison } from './compare-roles.js';
import type { PermissionManifest } from './manifest.js';
import { decodeTokenRoles } from './token-roles.js';

export interface PermissionCheckReport extends RoleComparison {
  server: string;
  writes: boolean;
  /**
   * True when no Graph permission is missing; excess roles do not fail the check, they are
   * reported, and neither does a service beyond Graph (each is optional, see `services`).
   */
  ok: boolean;
  roles: string[];
  tenantId?: string;
  appId?: string;
  /** The app's service principal (the Graph token's `oid`). */
  objectId?: string;
  expiresOn?: Date;
  /** Each admin API beyond Graph the manifest names: what is in place and what is missing. */
  services: ServiceCheck[];
}

/**
 * Signs in for Graph, reads the roles the token carries and compares them with the manifest; then
 * checks each service beyond Graph (its token's roles, and through `graph` the directory role of
 * the app's service principal: without `graph` that role is reported as unread).
 */
export async function checkPermissions(
  credential: TokenCredential,
  manifest: PermissionManifest,
  options: { writes: boolean; cloud: CloudProfile; graph?: GraphClient },
): Promise<PermissionCheckReport> {
  // A failed sign-in says why (Entra's error, never the secret), not "failed unexpectedly".
  const token = await credential.getToken(options.cloud.graphScope).catch((error: unknown) => {
    throw toGraphError(error, { method: 'POST', path: 'token endpoint' });
  });
  if (token === null) throw new Error(`no access token was issued for ${options.cloud.graphScope}`);
  const decoded = decodeTokenRoles(token.token);
  const comparison = compareRoles(manifest, decoded.roles, { writes: options.writes });
  const services = await checkServices(credential, manifest, {
    cloud: options.cloud,
    ...(options.graph === undefined ? {} : { graph: options.graph }),
    app: decoded.objectId === undefined ? {} : { objectId: decoded.objectId },
  });
  return {
    server: manifest.server,
    writes: options.writes,
    ok: comparison.missing.length === 0,
    roles: decoded.roles,
    ...(decoded.tenantId === undefined ? {} : { tenantId: decoded.tenantId }),
    ...(decoded.appId === undefined ? {} : { appId: decoded.appId }),
    ...(decoded.objectId === undefined ? {} : { objectId: decoded.objectId }),
    ...(decoded.expiresOn === undefined ? {} : { expiresOn: decoded.expiresOn }),
    ...comparison,
    services,
  };
}
