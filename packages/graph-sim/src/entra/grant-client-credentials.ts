// grant_type=client_credentials: an app-only token for Graph, an admin API beyond it, or an API
// registered in the simulator, with the app roles granted to the app on that resource.
import type { RegisteredApp } from './apps.js';
import { authenticateClient, type ClientCredentials, requireClient } from './client-auth.js';
import { EntraError } from './errors.js';
import { type ServiceResource, serviceResourceFor } from './resources.js';
import type { TokenEndpointContext, TokenSuccess } from './token-context.js';
import { GRAPH_AUDIENCE, issueAccessToken } from './tokens.js';
import { v2Issuer } from './user-tokens.js';

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export interface ClientCredentialsRequest extends ClientCredentials {
  scope?: string | undefined;
}

/** The resource a scope names: Microsoft Graph, an admin API beyond it, or a registered API. */
type RequestedResource =
  | { kind: 'graph' }
  | ({ kind: 'service' } & ServiceResource)
  | { kind: 'app'; app: RegisteredApp; identifier: string };

function checkScope(ctx: TokenEndpointContext, scope: string | undefined): RequestedResource {
  const tenant = ctx.tenant;
  if (!scope) {
    throw new EntraError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'scope'.",
    );
  }
  const scopes = scope.split(' ').filter((s) => s.length > 0);
  const resource = scopes[0]?.replace(/\/\.default$/, '');
  if (scopes.length !== 1 || !scopes[0]?.endsWith('/.default')) {
    throw new EntraError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  const graph = [GRAPH_AUDIENCE, `${GRAPH_AUDIENCE}/`, GRAPH_APP_ID];
  if (resource && graph.includes(resource.toLowerCase())) return { kind: 'graph' };
  const service = resource ? serviceResourceFor(tenant, resource) : undefined;
  if (service) return { kind: 'service', ...service };
  const app = resource ? ctx.apps.findResource(resource) : undefined;
  if (app && resource) return { kind: 'app', app, identifier: resource };
  throw new EntraError(
    400,
    'invalid_resource',
    500011,
    `The resource principal named ${resource} was not found in the tenant named ${tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant. This simulator issues tokens for Microsoft Graph, Exchange Online, Security & Compliance, the Teams admin API, Fabric, the tenant's SharePoint and the APIs registered in it.`,
  );
}

export async function redeemClientCredentials(
  ctx: TokenEndpointContext,
  request: ClientCredentialsRequest,
): Promise<TokenSuccess> {
  if (!request.client_id) {
    throw new EntraError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  }
  const resource = checkScope(ctx, request.scope);
  // A multi-tenant app is known in a tenant only through its service principal there (admin consent).
  const app = requireClient(ctx, request.client_id);
  const grant = ctx.grant(app.clientId);
  if (!grant) throw new Error('unreachable: requireClient checked the consent');
  if (app.publicClient) {
    // A public client has no credential to prove it is the app.
    throw new EntraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  const authMethod = await authenticateClient(ctx, app, request);
  let roles: readonly string[];
  let audience: string | undefined;
  let issuer: string | undefined;
  switch (resource.kind) {
    case 'graph':
      roles = grant.roles;
      break;
    case 'service':
      roles = grant.serviceRoles[resource.resourceAppId] ?? [];
      audience = resource.audience;
      break;
    case 'app': {
      roles = ctx.appRoles.rolesOf(ctx.tenant.id, resource.app.clientId, grant.servicePrincipalId);
      const v2 = resource.app.requestedAccessTokenVersion === 2;
      audience = v2 ? resource.app.clientId : resource.identifier;
      if (v2) issuer = v2Issuer(ctx.origin, ctx.tenant.id);
      break;
    }
  }
  const accessToken = issueAccessToken(ctx.signingKey, {
    tenantId: ctx.tenant.id,
    clientId: app.clientId,
    // A token carries the app roles granted on the resource it is for, and only those.
    roles,
    servicePrincipalId: grant.servicePrincipalId,
    appDisplayName: app.displayName,
    authMethod,
    ...(audience === undefined ? {} : { audience }),
    ...(issuer === undefined ? {} : { v2Issuer: issuer }),
  });
  return {
    clientId: app.clientId,
    body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken },
  };
}
