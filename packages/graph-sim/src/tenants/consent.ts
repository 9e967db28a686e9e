// Admin consent of a multi-tenant app in a hosted tenant, and its revocation, as Entra does them:
// consent creates the app's service principal in that tenant (a new object id: tokens for that
// tenant carry it as `oid`) with the grants given there; revoking deletes it, after which the token
// endpoint answers AADSTS700016 for that app and tenant and Graph refuses tokens already issued to it.
import { randomUUID } from 'node:crypto';
import type { SimApp, SimAppInput } from '../entra/apps.js';
import { grantDirectoryRoles, removeServicePrincipal } from '../entra/directory-roles.js';
import type { HostedTenant, TenantGrant } from './hosted-tenants.js';

/** What an admin grants the app in that tenant; each omitted part defaults to the app's own. */
export type ConsentGrants = Pick<
  SimAppInput,
  'roles' | 'serviceRoles' | 'directoryRoles' | 'fabricAdminApiAccess'
>;

export function consentApp(
  host: HostedTenant,
  app: SimApp,
  homeTenantId: string,
  grants: Partial<ConsentGrants> = {},
): TenantGrant {
  const key = app.clientId.toLowerCase();
  if (host.grants.has(key)) {
    throw new Error(
      `graph-sim: app ${app.clientId} is already consented in tenant ${host.tenant.id}; revokeConsent first to consent it again with other grants`,
    );
  }
  const serviceRoles = grants.serviceRoles ?? app.serviceRoles;
  const grant: TenantGrant = {
    clientId: app.clientId,
    displayName: app.displayName,
    servicePrincipalId: randomUUID(),
    roles: [...(grants.roles ?? app.roles)],
    serviceRoles: Object.fromEntries(
      Object.entries(serviceRoles).map(([resource, roles]) => [resource.toLowerCase(), [...roles]]),
    ),
    directoryRoles: [...(grants.directoryRoles ?? app.directoryRoles)],
    fabricAdminApiAccess: grants.fabricAdminApiAccess ?? app.fabricAdminApiAccess,
  };
  host.grants.set(key, grant);
  const foreign = homeTenantId.toLowerCase() !== host.tenant.id.toLowerCase();
  grantDirectoryRoles(host.tenant, grant, { always: true, ...(foreign ? { homeTenantId } : {}) });
  return grant;
}

/** Deletes the app's service principal in that tenant; false when it was not consented there. */
export function revokeApp(host: HostedTenant, clientId: string): boolean {
  const key = clientId.toLowerCase();
  const grant = host.grants.get(key);
  if (!grant) return false;
  host.grants.delete(key);
  host.deletedServicePrincipals.add(grant.servicePrincipalId);
  removeServicePrincipal(host.tenant, grant.servicePrincipalId);
  return true;
}
