// POST /{tenant}/oauth2/v2.0/token for the client credentials grant: a client secret, a
// certificate-signed client assertion, or a federated assertion. Errors use Entra's codes.
import { z } from 'zod';
import type { Tenant } from '../tenant/model.js';
import type { TenantGrant } from '../tenants/hosted-tenants.js';
import type { AppRegistry } from './apps.js';
import { verifyClientAssertion } from './client-assertion.js';
import { EntraError } from './errors.js';
import type { SigningKey } from './keys.js';
import { type ServiceResource, serviceResourceFor } from './resources.js';
import { GRAPH_AUDIENCE, issueAccessToken } from './tokens.js';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

const tokenRequest = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  scope: z.string().optional(),
  client_secret: z.string().optional(),
  client_assertion: z.string().optional(),
  client_assertion_type: z.string().optional(),
});

export interface TokenEndpointContext {
  tenant: Tenant;
  apps: AppRegistry;
  /** The app's consent in this tenant (its service principal there), or undefined when there is none. */
  grant: (clientId: string) => TenantGrant | undefined;
  signingKey: SigningKey;
  federation: { issuer: string; key: SigningKey };
  /** The token endpoint URLs of this tenant on the origin the client used (client assertion `aud`). */
  tokenEndpoints: readonly string[];
}

export interface TokenSuccess {
  clientId: string;
  body: { token_type: 'Bearer'; expires_in: number; ext_expires_in: number; access_token: string };
}

/** The resource a scope names: Microsoft Graph, or one of the admin APIs beyond it. */
type RequestedResource = { kind: 'graph' } | ({ kind: 'service' } & ServiceResource);

function checkScope(tenant: Tenant, scope: string | undefined): RequestedResource {
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
  throw new EntraError(
    400,
    'invalid_resource',
    500011,
    `The resource principal named ${resource} was not found in the tenant named ${tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant. This simulator issues tokens for Microsoft Graph, Exchange Online, Security & Compliance, the Teams admin API, Fabric and the tenant's SharePoint.`,
  );
}

export async function handleTokenRequest(
  ctx: TokenEndpointContext,
  form: URLSearchParams,
): Promise<TokenSuccess> {
  const request = tokenRequest.parse(Object.fromEntries(form));
  if (request.grant_type !== 'client_credentials') {
    throw new EntraError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${request.grant_type ?? ''}'. This simulator supports client_credentials.`,
    );
  }
  if (!request.client_id) {
    throw new EntraError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  }
  const resource = checkScope(ctx.tenant, request.scope);
  // A multi-tenant app is known in a tenant only through its service principal there (admin consent).
  const app = ctx.apps.find(request.client_id);
  const grant = app ? ctx.grant(app.clientId) : undefined;
  if (!app || !grant) {
    throw new EntraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${request.client_id}' was not found in the directory '${ctx.tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    );
  }
  let authMethod: '1' | '2';
  if (request.client_assertion !== undefined) {
    if (request.client_assertion_type !== JWT_BEARER) {
      throw new EntraError(400, 'invalid_request', 50027, `client_assertion_type must be '${JWT_BEARER}'.`);
    }
    await verifyClientAssertion({
      assertion: request.client_assertion,
      app,
      tokenEndpoints: ctx.tokenEndpoints,
      federation: ctx.federation,
    });
    authMethod = '2';
  } else if (request.client_secret !== undefined) {
    if (!ctx.apps.secretMatches(app, request.client_secret)) {
      throw new EntraError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      );
    }
    authMethod = '1';
  } else {
    throw new EntraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  const accessToken = issueAccessToken(ctx.signingKey, {
    tenantId: ctx.tenant.id,
    clientId: app.clientId,
    // A token carries the app roles granted on the resource it is for, and only those.
    roles: resource.kind === 'graph' ? grant.roles : (grant.serviceRoles[resource.resourceAppId] ?? []),
    servicePrincipalId: grant.servicePrincipalId,
    appDisplayName: app.displayName,
    authMethod,
    ...(resource.kind === 'graph' ? {} : { audience: resource.audience }),
  });
  return {
    clientId: app.clientId,
    body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken },
  };
}
