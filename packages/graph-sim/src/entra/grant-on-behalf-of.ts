// grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer with requested_token_use=on_behalf_of: a
// confidential middle tier (the MCP server's app) trades the user's token for its own API for a
// token to a downstream API (Graph) as the same user. The assertion must be a user token signed by
// this Entra, not expired, issued for this tenant, whose audience is the middle tier itself.
import { decodeJwt, errors, jwtVerify } from 'jose';
import type { RegisteredApp } from './apps.js';
import { authenticateClient, type ClientCredentials, requireClient } from './client-auth.js';
import { EntraError } from './errors.js';
import { parseScopes } from './requested-scopes.js';
import { verificationKey } from './signing-keys.js';
import type { TokenEndpointContext, TokenSuccess } from './token-context.js';
import { accessTokenIssuer } from './tokens.js';
import { userTokenResponse } from './user-token-response.js';
import { v2Issuer } from './user-tokens.js';
import { signInUser } from './users.js';

export interface OnBehalfOfRequest extends ClientCredentials {
  assertion?: string | undefined;
  requested_token_use?: string | undefined;
  scope?: string | undefined;
}

function invalidAssertion(detail: string): EntraError {
  return new EntraError(
    400,
    'invalid_grant',
    50013,
    `Assertion failed signature validation. [Reason - ${detail}]`,
  );
}

/** The audiences a token for the middle tier may carry: its client id and its identifier URIs. */
function audiencesOf(app: RegisteredApp): string[] {
  return [app.clientId, ...app.identifierUris].map((a) => a.replace(/\/+$/, '').toLowerCase());
}

async function verifyAssertion(ctx: TokenEndpointContext, assertion: string, middleTier: RegisteredApp) {
  let unverified: ReturnType<typeof decodeJwt>;
  try {
    unverified = decodeJwt(assertion);
  } catch {
    throw new EntraError(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.');
  }
  try {
    const { payload } = await jwtVerify(assertion, verificationKey(ctx.signingKey), {
      algorithms: ['RS256'],
      issuer: [accessTokenIssuer(ctx.tenant.id), v2Issuer(ctx.origin, ctx.tenant.id)],
      clockTolerance: 5,
    });
    const aud = String(payload.aud ?? '')
      .replace(/\/+$/, '')
      .toLowerCase();
    if (!audiencesOf(middleTier).includes(aud)) {
      throw invalidAssertion(
        `The audience '${String(payload.aud)}' of the assertion is not the client '${middleTier.clientId}'.`,
      );
    }
    if (payload.idtyp === 'app' || typeof payload.scp !== 'string') {
      throw invalidAssertion('The assertion is an app-only token: on-behalf-of needs a user token.');
    }
    if (typeof payload.oid !== 'string') throw invalidAssertion('The assertion names no user.');
    return payload as typeof payload & { oid: string };
  } catch (error) {
    if (error instanceof EntraError) throw error;
    if (error instanceof errors.JWTExpired) {
      throw new EntraError(
        400,
        'invalid_grant',
        500133,
        `Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: ${new Date().toISOString()}, expiry time of assertion ${new Date(Number(unverified.exp) * 1000).toISOString()}.`,
      );
    }
    if (error instanceof errors.JWTClaimValidationFailed) {
      throw invalidAssertion(`The assertion's ${error.claim} is not valid for this tenant.`);
    }
    throw invalidAssertion('The key was not found or the signature does not match.');
  }
}

export async function redeemOnBehalfOf(
  ctx: TokenEndpointContext,
  request: OnBehalfOfRequest,
): Promise<TokenSuccess> {
  if (request.requested_token_use !== 'on_behalf_of') {
    throw new EntraError(
      400,
      'invalid_request',
      90014,
      "The request body must contain the following parameter: 'requested_token_use' with the value 'on_behalf_of'.",
    );
  }
  const middleTier = requireClient(ctx, request.client_id);
  if (middleTier.publicClient) {
    throw new EntraError(
      400,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  const authMethod = await authenticateClient(ctx, middleTier, request);
  if (!request.assertion) {
    throw new EntraError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'assertion'.",
    );
  }
  const claims = await verifyAssertion(ctx, request.assertion, middleTier);
  const user = signInUser(ctx.tenant, claims.oid);
  const requested = parseScopes(ctx.apps, ctx.tenant, request.scope);
  return userTokenResponse(ctx, {
    user,
    client: middleTier,
    clientAuthMethod: authMethod,
    requested,
    alwaysRefreshToken: true,
  });
}
