// POST /{tenant}/oauth2/v2.0/token: dispatches on grant_type to one handler per grant (client
// credentials, authorization code, refresh token, on-behalf-of, device code). Errors use Entra's codes.
import { z } from 'zod';
import { redeemDeviceCode } from './device-code.js';
import { EntraError } from './errors.js';
import { redeemAuthorizationCode } from './grant-authorization-code.js';
import { redeemClientCredentials } from './grant-client-credentials.js';
import { redeemOnBehalfOf } from './grant-on-behalf-of.js';
import { redeemRefreshToken } from './grant-refresh-token.js';
import type { TokenEndpointContext, TokenSuccess } from './token-context.js';

export type { TokenEndpointContext, TokenSuccess } from './token-context.js';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

// Every parameter a grant reads; each handler checks the ones it needs.
const tokenRequest = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  scope: z.string().optional(),
  client_secret: z.string().optional(),
  client_assertion: z.string().optional(),
  client_assertion_type: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
  assertion: z.string().optional(),
  requested_token_use: z.string().optional(),
  device_code: z.string().optional(),
});

export async function handleTokenRequest(
  ctx: TokenEndpointContext,
  form: URLSearchParams,
): Promise<TokenSuccess> {
  const request = tokenRequest.parse(Object.fromEntries(form));
  switch (request.grant_type) {
    case 'client_credentials':
      return redeemClientCredentials(ctx, request);
    case 'authorization_code':
      return redeemAuthorizationCode(ctx, request);
    case 'refresh_token':
      return redeemRefreshToken(ctx, request);
    case JWT_BEARER_GRANT:
      return redeemOnBehalfOf(ctx, request);
    case DEVICE_CODE_GRANT:
    // MSAL sends the short name; Entra takes both.
    case 'device_code':
      return redeemDeviceCode(ctx, request);
    default:
      throw new EntraError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${request.grant_type ?? ''}'.`,
      );
  }
}
