// grant_type=authorization_code: a code from the authorize endpoint, redeemed once, within its
// lifetime, by the client it was issued to, with the same redirect_uri and (PKCE) the verifier of
// its challenge.
import { createHash } from 'node:crypto';
import { authenticateClient, type ClientCredentials, requireClient } from './client-auth.js';
import { EntraError } from './errors.js';
import { parseScopes } from './requested-scopes.js';
import type { TokenEndpointContext, TokenSuccess } from './token-context.js';
import { userTokenResponse } from './user-token-response.js';
import { signInUser } from './users.js';

export interface AuthorizationCodeRequest extends ClientCredentials {
  code?: string | undefined;
  redirect_uri?: string | undefined;
  code_verifier?: string | undefined;
}

function invalidGrant(aadsts: number, description: string): EntraError {
  return new EntraError(400, 'invalid_grant', aadsts, description);
}

export async function redeemAuthorizationCode(
  ctx: TokenEndpointContext,
  request: AuthorizationCodeRequest,
): Promise<TokenSuccess> {
  const client = requireClient(ctx, request.client_id);
  const authMethod = await authenticateClient(ctx, client, request);
  if (!request.code) {
    throw new EntraError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'code'.",
    );
  }
  const code = ctx.sessions.code(request.code);
  if (!code || code.tenantId !== ctx.tenant.id) {
    throw invalidGrant(
      9002313,
      'Invalid request. Request is malformed or invalid. - The provided authorization code is not valid.',
    );
  }
  if (code.redeemed) {
    throw invalidGrant(
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    );
  }
  if (ctx.sessions.clock() >= code.expiresAt) {
    throw invalidGrant(
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    );
  }
  if (code.clientId.toLowerCase() !== client.clientId.toLowerCase()) {
    throw invalidGrant(
      70000,
      "The provided value for the 'code' parameter is not valid. The code was issued to another client.",
    );
  }
  if (request.redirect_uri !== code.redirectUri) {
    throw invalidGrant(
      500112,
      `The reply address '${request.redirect_uri ?? ''}' does not match the reply address '${code.redirectUri}' provided when requesting the authorization code.`,
    );
  }
  if (code.codeChallenge !== undefined) {
    const verifier = request.code_verifier;
    const computed =
      verifier === undefined
        ? undefined
        : code.codeChallengeMethod === 'plain'
          ? verifier
          : createHash('sha256').update(verifier).digest('base64url');
    if (computed !== code.codeChallenge) {
      throw invalidGrant(
        501481,
        'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      );
    }
  }
  code.redeemed = true;
  // The user is checked again: disabled since the sign-in means no token.
  const user = signInUser(ctx.tenant, code.userId);
  return userTokenResponse(ctx, {
    user,
    client,
    clientAuthMethod: authMethod,
    requested: parseScopes(ctx.apps, ctx.tenant, code.scope),
    nonce: code.nonce,
  });
}
