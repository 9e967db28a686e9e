// Tokens Entra issues for a signed-in user: access tokens for an API (v1 or v2 claims, as the API's
// `accessTokenAcceptedVersion` asks; Graph always gets v1) and the ID token of an OpenID sign-in.
// Claims follow Microsoft's "access token claims reference" and "ID token claims reference".
import { createHash, randomBytes } from 'node:crypto';
import type { GraphUser } from '../tenant/directory.js';
import type { SigningKey } from './keys.js';
import { accessTokenIssuer, signJwt } from './tokens.js';

const USER_TOKEN_LIFETIME_SECONDS = 3600;

/** The v2.0 issuer, as the v2.0 metadata (`/{tenant}/v2.0/.well-known/openid-configuration`) names it. */
export function v2Issuer(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}

export interface UserTokenInput {
  tenantId: string;
  /** The simulator's origin: the v2 issuer's host. */
  origin: string;
  user: GraphUser;
  /** The client the user signed in to (`appid`/`azp`). */
  clientId: string;
  /** 0 = public client, 1 = secret, 2 = certificate (`appidacr`/`azpacr`). */
  clientAuthMethod: '0' | '1' | '2';
  /** The token's `aud`: an identifier URI (v1) or the resource's client id (v2), or Graph's. */
  audience: string;
  version: 1 | 2;
  /** Delegated scopes granted (`scp`, space-separated in the token). */
  scopes: readonly string[];
  /** App roles the user holds on the resource (`roles`, left out when none). */
  roles: readonly string[];
  /** Resource client id: the pairwise `sub` is per user and resource app. */
  resourceId: string;
  expiresInSeconds?: number;
}

function splitName(user: GraphUser): { given_name?: string; family_name?: string } {
  const given = (user as { givenName?: unknown }).givenName;
  const family = (user as { surname?: unknown }).surname;
  return {
    ...(typeof given === 'string' ? { given_name: given } : {}),
    ...(typeof family === 'string' ? { family_name: family } : {}),
  };
}

/** Entra's `sub` is pairwise: the same user has a different `sub` per application. */
function pairwiseSubject(userId: string, appId: string): string {
  return createHash('sha256').update(`${userId}|${appId.toLowerCase()}`).digest('base64url').slice(0, 43);
}

export function issueUserAccessToken(key: SigningKey, input: UserTokenInput): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const lifetime = input.expiresInSeconds ?? USER_TOKEN_LIFETIME_SECONDS;
  const common = {
    aud: input.audience,
    iat: Math.min(issuedAt, issuedAt + lifetime),
    nbf: Math.min(issuedAt, issuedAt + lifetime),
    exp: issuedAt + lifetime,
    aio: randomBytes(24).toString('base64url'),
    idtyp: 'user',
    name: input.user.displayName,
    oid: input.user.id,
    rh: `0.${randomBytes(18).toString('base64url')}.`,
    ...(input.roles.length > 0 ? { roles: [...input.roles] } : {}),
    scp: input.scopes.join(' '),
    sub: pairwiseSubject(input.user.id, input.resourceId),
    tid: input.tenantId,
    uti: randomBytes(16).toString('base64url'),
  };
  if (input.version === 2) {
    return signJwt(key, {
      ...common,
      iss: v2Issuer(input.origin, input.tenantId),
      azp: input.clientId,
      azpacr: input.clientAuthMethod,
      preferred_username: input.user.userPrincipalName,
      ver: '2.0',
    });
  }
  return signJwt(key, {
    ...common,
    iss: accessTokenIssuer(input.tenantId),
    acr: '1',
    amr: ['pwd', 'mfa'],
    appid: input.clientId,
    appidacr: input.clientAuthMethod,
    ...splitName(input.user),
    idp: accessTokenIssuer(input.tenantId),
    unique_name: input.user.userPrincipalName,
    upn: input.user.userPrincipalName,
    ver: '1.0',
  });
}

export interface IdTokenInput {
  tenantId: string;
  origin: string;
  user: GraphUser;
  clientId: string;
  nonce?: string;
}

/** The v2.0 ID token: aud = the client, iss = the v2.0 issuer. */
export function issueIdToken(key: SigningKey, input: IdTokenInput): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  return signJwt(key, {
    aud: input.clientId,
    iss: v2Issuer(input.origin, input.tenantId),
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + USER_TOKEN_LIFETIME_SECONDS,
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
    name: input.user.displayName,
    oid: input.user.id,
    preferred_username: input.user.userPrincipalName,
    rh: `0.${randomBytes(18).toString('base64url')}.`,
    sub: pairwiseSubject(input.user.id, input.clientId),
    tid: input.tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: '2.0',
  });
}
