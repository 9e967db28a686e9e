// What a user-flow `scope` asks for: the OpenID scopes, and one resource (Microsoft Graph, or an API
// registered in the simulator) with its delegated scopes. Entra's rules: one resource per request
// (AADSTS28000), a bare scope name means Graph, `/.default` means everything consented, an unknown
// resource is AADSTS500011, a scope the API does not expose is AADSTS650053, a Graph permission not
// consented for the client is AADSTS65001.
import type { Tenant } from '../tenant/model.js';
import type { AppRegistry, RegisteredApp } from './apps.js';
import { EntraError } from './errors.js';
import { GRAPH_AUDIENCE } from './tokens.js';

const OPENID_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const GRAPH_IDENTIFIERS = new Set([GRAPH_AUDIENCE, '00000003-0000-0000-c000-000000000000']);

export type UserResource =
  | { kind: 'graph'; identifier: string }
  | { kind: 'app'; identifier: string; app: RegisteredApp };

export interface RequestedScopes {
  resource: UserResource;
  /** Scope names on the resource (without its prefix), or `.default`. */
  names: string[];
  openid: boolean;
  offlineAccess: boolean;
  /** The scope string as asked, for a refresh token to ask again. */
  raw: string;
}

export function parseScopes(apps: AppRegistry, tenant: Tenant, scope: string | undefined): RequestedScopes {
  if (!scope || scope.trim() === '') {
    throw new EntraError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'scope'.",
    );
  }
  const all = scope.split(' ').filter((s) => s.length > 0);
  const lowered = all.map((s) => s.toLowerCase());
  const resourceScopes = all.filter((s) => !OPENID_SCOPES.has(s.toLowerCase()));
  const identifiers = new Set<string>();
  const names: string[] = [];
  for (const item of resourceScopes) {
    const slash = item.lastIndexOf('/');
    const identifier = slash === -1 ? GRAPH_AUDIENCE : item.slice(0, slash);
    identifiers.add(GRAPH_IDENTIFIERS.has(identifier.toLowerCase()) ? GRAPH_AUDIENCE : identifier);
    names.push(slash === -1 ? item : item.slice(slash + 1));
  }
  if (identifiers.size > 1) {
    throw new EntraError(
      400,
      'invalid_scope',
      28000,
      `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    );
  }
  const identifier = [...identifiers][0] ?? GRAPH_AUDIENCE;
  let resource: UserResource;
  if (identifier === GRAPH_AUDIENCE) {
    resource = { kind: 'graph', identifier };
  } else {
    const app = apps.findResource(identifier);
    if (!app) {
      throw new EntraError(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${identifier} was not found in the tenant named ${tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
      );
    }
    resource = { kind: 'app', identifier, app };
  }
  return {
    resource,
    names: names.length === 0 ? ['.default'] : names,
    openid: lowered.includes('openid'),
    offlineAccess: lowered.includes('offline_access'),
    raw: scope,
  };
}

/**
 * The `scp` a token for this resource carries. Graph: the delegated permissions consented for the
 * client (all of them for `.default`). A registered API: the scopes it exposes (the simulator has no
 * consent page: a user's consent to an API's own scopes is taken as given; see the README).
 */
export function grantedScopes(client: RegisteredApp, requested: RequestedScopes): string[] {
  const wantsDefault = requested.names.some((n) => n === '.default');
  if (requested.resource.kind === 'graph') {
    const consented = client.delegatedPermissions;
    const missing = wantsDefault
      ? consented.length === 0
      : requested.names.some((n) => !consented.some((c) => c.toLowerCase() === n.toLowerCase()));
    if (missing) {
      throw new EntraError(
        400,
        'invalid_grant',
        65001,
        `The user or administrator has not consented to use the application with ID '${client.clientId}' named '${client.displayName}'. Send an interactive authorization request for this user and resource.`,
        'consent_required',
      );
    }
    return wantsDefault ? [...consented] : requested.names;
  }
  const api = requested.resource.app;
  if (wantsDefault) return [...api.oauth2PermissionScopes];
  for (const name of requested.names) {
    if (!api.oauth2PermissionScopes.includes(name)) {
      throw new EntraError(
        400,
        'invalid_client',
        650053,
        `The application '${client.displayName}' asked for scope '${name}' that doesn't exist on the resource '${api.clientId}'. Contact the app vendor.`,
      );
    }
  }
  return requested.names;
}
