// Who a verified Entra access token names, and what the app roles on the server's registration let
// it do. User tokens (delegated: `scp`, `idtyp` user) must carry the server's scope; app-only tokens
// (client credentials: `roles`, no `scp`) name the calling app. Either needs the read or write role.
import type { JWTPayload } from 'jose';
import { type CallerRole, entraPrincipal, type HttpCaller } from '../principal.js';
import type { ResolvedEntraOptions } from './entra-options.js';

export type CallerVerdict =
  | { ok: true; caller: HttpCaller }
  /** 401: the token is Entra's but not a usable caller (no object id). */
  | { ok: false; status: 401; reason: string }
  /** 403: a valid caller without the scope or role it needs; `scope` goes to the challenge. */
  | { ok: false; status: 403; reason: string; scope: string; description: string };

function stringClaim(claims: JWTPayload, name: string): string | undefined {
  const value = claims[name];
  // Visible characters only: these end up in audit lines.
  return typeof value === 'string' && /^[\x21-\x7e]{1,256}$/.test(value) ? value : undefined;
}

function rolesOf(claims: JWTPayload, options: ResolvedEntraOptions): CallerRole[] {
  const granted = Array.isArray(claims.roles) ? claims.roles.filter((role) => typeof role === 'string') : [];
  if (granted.includes(options.roles.write)) return ['reader', 'writer'];
  if (granted.includes(options.roles.read)) return ['reader'];
  return [];
}

/** The scope value clients ask for: `<Application ID URI>/access_as_user`. */
export function fullScope(options: ResolvedEntraOptions): string {
  const uri = options.audiences.find((audience) => /^[a-z][a-z0-9+.-]*:\/\//i.test(audience));
  return `${uri ?? `api://${options.audiences[0]}`}/${options.scope}`;
}

export function callerFromClaims(
  claims: JWTPayload,
  token: string,
  options: ResolvedEntraOptions,
): CallerVerdict {
  const tenantId = (claims.tid as string).toLowerCase();
  const objectId = stringClaim(claims, 'oid');
  if (objectId === undefined) return { ok: false, status: 401, reason: 'token has no oid claim' };
  const clientId = stringClaim(claims, 'azp') ?? stringClaim(claims, 'appid');
  const scopes =
    typeof claims.scp === 'string' ? claims.scp.split(' ').filter((scope) => scope !== '') : undefined;
  const isUser = claims.idtyp === 'user' || scopes !== undefined;
  const roles = rolesOf(claims, options);
  const needed = `${options.roles.read} or ${options.roles.write}`;

  let caller: HttpCaller;
  if (isUser) {
    const userPrincipalName =
      stringClaim(claims, 'upn') ??
      stringClaim(claims, 'preferred_username') ??
      stringClaim(claims, 'unique_name');
    const who = userPrincipalName ?? objectId;
    if (!scopes?.includes(options.scope)) {
      return {
        ok: false,
        status: 403,
        reason: `user ${who} has no ${options.scope} scope in the token`,
        scope: fullScope(options),
        description: `the token must carry the ${options.scope} scope`,
      };
    }
    caller = {
      principal: entraPrincipal(tenantId, objectId),
      auditName: `entra:${who}`,
      identity: {
        kind: 'user',
        tenantId,
        objectId,
        ...(userPrincipalName === undefined ? {} : { userPrincipalName }),
        ...(clientId === undefined ? {} : { clientId }),
      },
      roles,
    };
  } else {
    if (clientId === undefined)
      return { ok: false, status: 401, reason: 'app-only token has no azp or appid claim' };
    caller = {
      principal: entraPrincipal(tenantId, objectId),
      auditName: `entra:app:${clientId}`,
      identity: { kind: 'app', tenantId, clientId, objectId },
      roles,
    };
  }
  if (roles.length === 0) {
    return {
      ok: false,
      status: 403,
      reason: `${caller.auditName} holds neither app role ${needed}`,
      scope: fullScope(options),
      description: `the caller needs the app role ${needed} on this server's app registration`,
    };
  }
  if (options.keepAssertion) caller.assertion = token;
  return { ok: true, caller };
}
