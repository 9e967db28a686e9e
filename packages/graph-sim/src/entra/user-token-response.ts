// The token response of every user flow (authorization code, refresh token, device code,
// on-behalf-of): an access token for the requested resource with the user's scopes and app roles
// there, a refresh token when `offline_access` was asked (always for on-behalf-of, as Entra), an ID
// token when `openid` was asked.
import type { GraphUser } from '../tenant/directory.js';
import type { RegisteredApp } from './apps.js';
import { grantedScopes, type RequestedScopes } from './requested-scopes.js';
import type { TokenEndpointContext, TokenSuccess } from './token-context.js';
import { GRAPH_AUDIENCE } from './tokens.js';
import { issueIdToken, issueUserAccessToken } from './user-tokens.js';

const EXPIRES_IN = 3599;

export interface UserTokenRequest {
  user: GraphUser;
  client: RegisteredApp;
  clientAuthMethod: '0' | '1' | '2';
  requested: RequestedScopes;
  nonce?: string | undefined;
  /** On-behalf-of returns a refresh token whatever the scopes. */
  alwaysRefreshToken?: boolean;
}

export function userTokenResponse(ctx: TokenEndpointContext, request: UserTokenRequest): TokenSuccess {
  const { user, client, requested } = request;
  const scopes = grantedScopes(client, requested);
  const resource = requested.resource;
  const tenantId = ctx.tenant.id;
  const accessToken =
    resource.kind === 'graph'
      ? issueUserAccessToken(ctx.signingKey, {
          tenantId,
          origin: ctx.origin,
          user,
          clientId: client.clientId,
          clientAuthMethod: request.clientAuthMethod,
          audience: GRAPH_AUDIENCE,
          version: 1,
          scopes,
          // Graph takes no app roles from a user token: what the user may do is their directory roles.
          roles: [],
          resourceId: '00000003-0000-0000-c000-000000000000',
        })
      : issueUserAccessToken(ctx.signingKey, {
          tenantId,
          origin: ctx.origin,
          user,
          clientId: client.clientId,
          clientAuthMethod: request.clientAuthMethod,
          audience:
            resource.app.requestedAccessTokenVersion === 2 ? resource.app.clientId : resource.identifier,
          version: resource.app.requestedAccessTokenVersion,
          scopes,
          roles: ctx.appRoles.rolesOf(tenantId, resource.app.clientId, user.id),
          resourceId: resource.app.clientId,
        });
  const scopeText = [
    ...scopes.map((s) =>
      resource.kind === 'graph' ? `${GRAPH_AUDIENCE}/${s}` : `${resource.identifier}/${s}`,
    ),
    ...(requested.openid ? ['openid', 'profile', 'email'] : []),
    ...(requested.offlineAccess ? ['offline_access'] : []),
  ].join(' ');
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: scopeText,
    expires_in: EXPIRES_IN,
    ext_expires_in: EXPIRES_IN,
    access_token: accessToken,
  };
  if (requested.offlineAccess || request.alwaysRefreshToken) {
    body.refresh_token = ctx.sessions.issueRefreshToken({
      tenantId,
      clientId: client.clientId,
      userId: user.id,
      scope: requested.raw,
    });
  }
  if (requested.openid) {
    body.id_token = issueIdToken(ctx.signingKey, {
      tenantId,
      origin: ctx.origin,
      user,
      clientId: client.clientId,
      ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
    });
  }
  return { clientId: client.clientId, userId: user.id, body };
}
