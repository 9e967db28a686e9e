// grant_type=refresh_token: a new access token for the same user and client; the scope may name
// another resource (Entra's refresh tokens are multi-resource), by default the one first asked.
import { authenticateClient, type ClientCredentials, requireClient } from './client-auth.js';
import { EntraError } from './errors.js';
import { parseScopes } from './requested-scopes.js';
import type { TokenEndpointContext, TokenSuccess } from './token-context.js';
import { userTokenResponse } from './user-token-response.js';
import { signInUser } from './users.js';

export interface RefreshTokenRequest extends ClientCredentials {
  refresh_token?: string | undefined;
  scope?: string | undefined;
}

export async function redeemRefreshToken(
  ctx: TokenEndpointContext,
  request: RefreshTokenRequest,
): Promise<TokenSuccess> {
  const client = requireClient(ctx, request.client_id);
  const authMethod = await authenticateClient(ctx, client, request);
  const grant = request.refresh_token ? ctx.sessions.refreshGrant(request.refresh_token) : undefined;
  if (!grant || grant.tenantId !== ctx.tenant.id) {
    throw new EntraError(
      400,
      'invalid_grant',
      9002313,
      'Invalid request. Request is malformed or invalid. - The refresh token is not valid.',
    );
  }
  if (grant.clientId.toLowerCase() !== client.clientId.toLowerCase()) {
    throw new EntraError(400, 'invalid_grant', 700003, 'The refresh token was issued to a different client.');
  }
  const user = signInUser(ctx.tenant, grant.userId);
  const requested = parseScopes(ctx.apps, ctx.tenant, request.scope ?? grant.scope);
  // A refresh keeps offline access: the response carries a new refresh token.
  return userTokenResponse(ctx, {
    user,
    client,
    clientAuthMethod: authMethod,
    requested,
    alwaysRefreshToken: true,
  });
}
