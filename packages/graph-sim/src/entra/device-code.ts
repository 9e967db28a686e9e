// The device authorization grant: POST /{tenant}/oauth2/v2.0/devicecode gives a public client a
// device code and a user code; the client polls the token endpoint with
// grant_type=urn:ietf:params:oauth:grant-type:device_code and gets authorization_pending until the
// user approves (GraphSim.approveDeviceCode stands for the browser), then the user's token;
// authorization_declined if the user declined; expired_token after 15 minutes.

import { requireClient } from './client-auth.js';
import { EntraError } from './errors.js';
import { parseScopes } from './requested-scopes.js';
import type { TokenEndpointContext, TokenSuccess } from './token-context.js';
import { DEVICE_CODE_LIFETIME_MS } from './user-sessions.js';
import { userTokenResponse } from './user-token-response.js';
import { signInUser } from './users.js';

const POLL_INTERVAL_SECONDS = 5;

export function startDeviceCode(
  ctx: TokenEndpointContext,
  form: URLSearchParams,
): { clientId: string; body: Record<string, unknown> } {
  const client = requireClient(ctx, form.get('client_id') ?? undefined);
  const scope = form.get('scope') ?? undefined;
  // Checked now, as Entra does: an unknown resource fails the device code request itself.
  parseScopes(ctx.apps, ctx.tenant, scope);
  const { deviceCode, grant } = ctx.sessions.issueDeviceCode({
    tenantId: ctx.tenant.id,
    clientId: client.clientId,
    scope: scope as string,
  });
  const verificationUri = `${ctx.origin}/devicelogin`;
  return {
    clientId: client.clientId,
    body: {
      user_code: grant.userCode,
      device_code: deviceCode,
      verification_uri: verificationUri,
      expires_in: DEVICE_CODE_LIFETIME_MS / 1000,
      interval: POLL_INTERVAL_SECONDS,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${grant.userCode} to authenticate.`,
    },
  };
}

export async function redeemDeviceCode(
  ctx: TokenEndpointContext,
  form: { client_id?: string | undefined; device_code?: string | undefined },
): Promise<TokenSuccess> {
  const client = requireClient(ctx, form.client_id);
  if (!client.publicClient) {
    // Entra wants "Allow public client flows" on an app that uses the device code flow.
    throw new EntraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  const grant = form.device_code ? ctx.sessions.deviceCode(form.device_code) : undefined;
  if (
    !grant ||
    grant.tenantId !== ctx.tenant.id ||
    grant.clientId.toLowerCase() !== client.clientId.toLowerCase()
  ) {
    throw new EntraError(
      400,
      'bad_verification_code',
      70000,
      "The provided value for the input parameter 'device_code' is not valid.",
    );
  }
  if (grant.state === 'redeemed' || ctx.sessions.clock() >= grant.expiresAt) {
    throw new EntraError(400, 'expired_token', 70019, 'Verification code expired.');
  }
  if (grant.state === 'pending') {
    throw new EntraError(
      400,
      'authorization_pending',
      70016,
      'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
    );
  }
  if (grant.state === 'declined') {
    throw new EntraError(
      400,
      'authorization_declined',
      70000,
      'The end user denied the authorization request.',
    );
  }
  grant.state = 'redeemed';
  const user = signInUser(ctx.tenant, grant.userId as string);
  return userTokenResponse(ctx, {
    user,
    client,
    clientAuthMethod: '0',
    requested: parseScopes(ctx.apps, ctx.tenant, grant.scope),
  });
}
