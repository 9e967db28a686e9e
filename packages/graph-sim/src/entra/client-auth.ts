// How a client proves who it is at the token endpoint: a confidential client with its secret, a
// certificate-signed assertion or a federated assertion; a public client with nothing (and must
// send nothing). Errors use Entra's codes.
import type { RegisteredApp } from './apps.js';
import { verifyClientAssertion } from './client-assertion.js';
import { EntraError } from './errors.js';
import type { TokenEndpointContext } from './token-context.js';

const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface ClientCredentials {
  client_id?: string | undefined;
  client_secret?: string | undefined;
  client_assertion?: string | undefined;
  client_assertion_type?: string | undefined;
}

/** The app named by client_id, consented in this tenant (its service principal there), or AADSTS700016. */
export function requireClient(ctx: TokenEndpointContext, clientId: string | undefined): RegisteredApp {
  if (!clientId) {
    throw new EntraError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  }
  const app = ctx.apps.find(clientId);
  if (!app || !ctx.grant(app.clientId)) {
    throw new EntraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${ctx.tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    );
  }
  return app;
}

/** `appidacr`: 0 = public client, 1 = client secret, 2 = certificate or federated assertion. */
export async function authenticateClient(
  ctx: TokenEndpointContext,
  app: RegisteredApp,
  request: ClientCredentials,
): Promise<'0' | '1' | '2'> {
  const presented = request.client_assertion !== undefined || request.client_secret !== undefined;
  if (app.publicClient) {
    if (presented) {
      throw new EntraError(
        401,
        'invalid_client',
        700025,
        "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
      );
    }
    return '0';
  }
  if (request.client_assertion !== undefined) {
    if (request.client_assertion_type !== JWT_BEARER_ASSERTION) {
      throw new EntraError(
        400,
        'invalid_request',
        50027,
        `client_assertion_type must be '${JWT_BEARER_ASSERTION}'.`,
      );
    }
    await verifyClientAssertion({
      assertion: request.client_assertion,
      app,
      tokenEndpoints: ctx.tokenEndpoints,
      federation: ctx.federation,
    });
    return '2';
  }
  if (request.client_secret !== undefined) {
    if (!ctx.apps.secretMatches(app, request.client_secret)) {
      throw new EntraError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      );
    }
    return '1';
  }
  throw new EntraError(
    401,
    'invalid_client',
    7000218,
    "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  );
}
