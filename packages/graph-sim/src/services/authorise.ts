// Who each admin API lets in, once the token is valid for it. Each service decides on its own
// facts: Exchange Online and Security & Compliance on the Exchange.ManageAsApp app role AND an Entra
// directory role of the app's service principal; Teams on a directory role; Fabric on its tenant
// setting for service principals; SharePoint on Sites.FullControl.All AND a certificate credential.
import { activeDirectoryRoles } from '../entra/directory-roles.js';
import type { SimService } from '../entra/resources.js';
import { roleTemplateIds } from '../tenant/demo/directory/wellKnown.js';
import type { Tenant } from '../tenant/model.js';
import type { TenantGrant } from '../tenants/hosted-tenants.js';
import {
  exchangeError,
  fabricError,
  jsonResponse,
  type ServiceResponse,
  sharePointError,
  sharePointTokenError,
} from './service-responses.js';

export interface Caller {
  clientId: string;
  roles: readonly string[];
  objectId: string | undefined;
  authMethod: string | undefined;
}

export interface AuthoriseContext {
  service: SimService;
  method: string;
  tenant: Tenant;
  /** The app's consent in this tenant, by client id (undefined when it has none here). */
  grant: (clientId: string) => TenantGrant | undefined;
  origin: string;
  accept: string | undefined;
}

/** Exchange Recipient Administrator and Compliance Data Administrator: not used elsewhere in the simulator. */
const EXCHANGE_RECIPIENT_ADMINISTRATOR = '31392ffb-586c-42d1-9346-e59415a2cc4e';
const COMPLIANCE_DATA_ADMINISTRATOR = 'e6d1a23a-da11-4be4-9570-befc86d067a7';

/** Directory roles Exchange Online accepts for app-only access (Microsoft's app-only authentication article). */
export const EXCHANGE_ROLES: readonly string[] = [
  roleTemplateIds.globalAdministrator,
  roleTemplateIds.exchangeAdministrator,
  EXCHANGE_RECIPIENT_ADMINISTRATOR,
  roleTemplateIds.globalReader,
  roleTemplateIds.securityAdministrator,
  roleTemplateIds.securityReader,
  roleTemplateIds.complianceAdministrator,
  roleTemplateIds.helpdeskAdministrator,
];

/** Directory roles Security & Compliance accepts for app-only access. */
export const COMPLIANCE_ROLES: readonly string[] = [
  roleTemplateIds.globalAdministrator,
  roleTemplateIds.complianceAdministrator,
  COMPLIANCE_DATA_ADMINISTRATOR,
  roleTemplateIds.securityAdministrator,
  roleTemplateIds.securityReader,
  roleTemplateIds.globalReader,
];

/** Directory roles the Teams admin API accepts for every request. */
export const TEAMS_ROLES: readonly string[] = [
  roleTemplateIds.globalAdministrator,
  roleTemplateIds.teamsAdministrator,
];
/** Roles the Teams admin API accepts for reads only. */
export const TEAMS_READ_ROLES: readonly string[] = [roleTemplateIds.globalReader];

const MANAGE_AS_APP = 'exchange.manageasapp';
const SITES_FULL_CONTROL = 'sites.fullcontrol.all';

function holdsAny(tenant: Tenant, caller: Caller, roles: readonly string[]): boolean {
  if (!caller.objectId) return false;
  const held = activeDirectoryRoles(tenant, caller.objectId);
  return roles.some((r) => held.has(r.toLowerCase()));
}

function hasAppRole(caller: Caller, role: string): boolean {
  return caller.roles.some((r) => r.toLowerCase() === role);
}

/**
 * undefined when the caller may go on; otherwise the service's refusal. Exchange Online answers an
 * authorisation failure with 401 and an `Unauthorized` OData error (no Bearer challenge), not 403.
 */
export function authorise(ctx: AuthoriseContext, caller: Caller): ServiceResponse | undefined {
  switch (ctx.service) {
    case 'exchange':
    case 'compliance': {
      if (!hasAppRole(caller, MANAGE_AS_APP)) {
        const message = `The application ${caller.clientId} is not allowed to call this API: its token holds no Exchange.ManageAsApp role.`;
        return exchangeError(401, 'Unauthorized', message);
      }
      const accepted = ctx.service === 'exchange' ? EXCHANGE_ROLES : COMPLIANCE_ROLES;
      if (!holdsAny(ctx.tenant, caller, accepted)) {
        const message = `The role assigned to application ${caller.clientId} isn't supported in this scenario. Please check online documentation for assigning correct Directory Roles to Azure AD Application for EXO App-Only Authentication.`;
        return exchangeError(401, 'Unauthorized', message);
      }
      return undefined;
    }
    case 'teams': {
      const read = ctx.method === 'GET';
      if (holdsAny(ctx.tenant, caller, read ? [...TEAMS_ROLES, ...TEAMS_READ_ROLES] : TEAMS_ROLES))
        return undefined;
      return jsonResponse(403, {
        error: {
          code: 'Forbidden',
          message: `The application ${caller.clientId} holds no directory role that allows this request (Teams Administrator${read ? ' or Global Reader' : ''}).`,
        },
      });
    }
    case 'fabric': {
      if (!ctx.grant(caller.clientId)?.fabricAdminApiAccess) {
        return fabricError(
          401,
          'PowerBINotAuthorizedException',
          'The service principal is not allowed to call the admin APIs: the tenant setting "Service principals can access read-only admin APIs" does not cover it.',
        );
      }
      if (caller.roles.length > 0) {
        return fabricError(
          401,
          'PowerBINotAuthorizedException',
          'A service principal calling the admin APIs must hold no Power BI permissions that need admin consent.',
        );
      }
      return undefined;
    }
    case 'sharepointAdmin': {
      if (caller.authMethod !== '2') {
        return sharePointTokenError(
          ctx.tenant.id,
          ctx.origin,
          '3001000;reason="There has been an error authenticating the request.";category="invalid_client"',
          'Unsupported app only token.',
        );
      }
      if (!hasAppRole(caller, SITES_FULL_CONTROL)) {
        return sharePointError(
          403,
          '-2147024891, System.UnauthorizedAccessException',
          'Access denied. You do not have permission to perform this action or access this resource.',
          ctx.accept,
        );
      }
      return undefined;
    }
  }
}
