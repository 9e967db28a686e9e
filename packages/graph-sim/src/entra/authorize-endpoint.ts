// GET /{tenant}/oauth2/v2.0/authorize for the authorization code flow with PKCE. The one simulation
// shortcut: there is no browser and no sign-in page, so the user named by `login_hint` (a UPN of the
// tenant's directory) is taken as signed in, and the consent to the API's own scopes as given; the
// answer is at once the 302 to redirect_uri with `code` and `state`. Everything else is Entra's: an
// unknown client or a redirect URI not registered (exact match) is an error page (no redirect, since
// the redirect cannot be trusted); every later error is a redirect with `error`, `error_description`
// and `state`.
import { randomUUID } from 'node:crypto';
import { EntraError } from './errors.js';
import { grantedScopes, parseScopes } from './requested-scopes.js';
import type { TokenEndpointContext } from './token-context.js';
import { signInUser } from './users.js';

export type AuthorizeResult =
  | { kind: 'redirect'; location: string; clientId: string; userId?: string }
  /** An error Entra shows on its page rather than redirecting. */
  | { kind: 'page'; error: EntraError; clientId: string | undefined };

function redirectTo(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

/** Errors on the authorize redirect use the names RFC 6749 §4.1.2.1 allows. */
function redirectErrorName(error: EntraError): string {
  // OpenID Connect's names first (consent_required), where Entra gives one.
  if (error.suberror !== undefined) return error.suberror;
  switch (error.error) {
    case 'invalid_grant':
      return 'access_denied';
    case 'invalid_resource':
    case 'invalid_client':
      return 'invalid_request';
    default:
      return error.error;
  }
}

export function handleAuthorize(ctx: TokenEndpointContext, query: URLSearchParams): AuthorizeResult {
  const clientId = query.get('client_id') ?? undefined;
  const app = clientId ? ctx.apps.find(clientId) : undefined;
  if (!clientId || !app || !ctx.grant(app.clientId)) {
    return {
      kind: 'page',
      clientId,
      error: new EntraError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId ?? ''}' was not found in the directory '${ctx.tenant.displayName}'.`,
      ),
    };
  }
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri)) {
    return {
      kind: 'page',
      clientId: app.clientId,
      error: new EntraError(
        400,
        'invalid_request',
        50011,
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
      ),
    };
  }
  const state = query.get('state') ?? undefined;
  try {
    if (query.get('response_type') !== 'code') {
      throw new EntraError(
        400,
        'unsupported_response_type',
        900144,
        `The response_type '${query.get('response_type') ?? ''}' is not supported here: the simulator's authorize endpoint answers response_type=code.`,
      );
    }
    const challenge = query.get('code_challenge') ?? undefined;
    const method = query.get('code_challenge_method') ?? (challenge === undefined ? undefined : 'plain');
    if (method !== undefined && method !== 'S256' && method !== 'plain') {
      throw new EntraError(
        400,
        'invalid_request',
        9002313,
        `Invalid request. The code_challenge_method '${method}' is not supported: use S256 or plain.`,
      );
    }
    if (method !== undefined && challenge === undefined) {
      throw new EntraError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'code_challenge'.",
      );
    }
    const requested = parseScopes(ctx.apps, ctx.tenant, query.get('scope') ?? undefined);
    // RFC 8707's `resource` (MCP clients send it): Entra's v2.0 endpoint refuses one that is not the
    // resource the scopes name (AADSTS9010010) and takes one that is.
    const resource = query.get('resource');
    if (resource !== null) {
      const named = requested.resource.identifier.replace(/\/+$/, '').toLowerCase();
      const sameApp =
        requested.resource.kind === 'app' &&
        ctx.apps.findResource(resource)?.clientId === requested.resource.app.clientId;
      if (resource.replace(/\/+$/, '').toLowerCase() !== named && !sameApp) {
        throw new EntraError(
          400,
          'invalid_target',
          9010010,
          "The resource parameter provided in the request doesn't match with the requested scopes.",
        );
      }
    }
    grantedScopes(app, requested);
    const hint = query.get('login_hint');
    if (!hint) {
      throw new EntraError(
        400,
        'login_required',
        50058,
        'A silent sign-in request was sent but no user is signed in. (graph-sim signs in the user named by login_hint: send login_hint=<UPN>.)',
      );
    }
    const user = signInUser(ctx.tenant, hint);
    const code = ctx.sessions.issueCode({
      tenantId: ctx.tenant.id,
      clientId: app.clientId,
      redirectUri,
      userId: user.id,
      scope: requested.raw,
      codeChallenge: challenge,
      codeChallengeMethod: method as 'S256' | 'plain' | undefined,
      nonce: query.get('nonce') ?? undefined,
    });
    return {
      kind: 'redirect',
      clientId: app.clientId,
      userId: user.id,
      location: redirectTo(redirectUri, { code, state, session_state: randomUUID() }),
    };
  } catch (error) {
    if (!(error instanceof EntraError)) throw error;
    return {
      kind: 'redirect',
      clientId: app.clientId,
      location: redirectTo(redirectUri, {
        error: redirectErrorName(error),
        error_description: `AADSTS${error.aadsts}: ${error.description}`,
        state,
      }),
    };
  }
}
