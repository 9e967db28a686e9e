// Access tokens as Entra mints them for client credentials (v1 tokens for Graph), and the federated
// assertions a workload-identity platform would hand a pod. Signing is synchronous (node:crypto) so
// GraphSim.issueToken can be; verification uses jose.
import { randomBytes, randomUUID, sign } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { SigningKey } from './keys.js';
import { verificationKey } from './signing-keys.js';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
export const FEDERATED_AUDIENCE = 'api://AzureADTokenExchange';
const ACCESS_TOKEN_LIFETIME_SECONDS = 3600;

export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: key.kid, x5t: key.kid };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), key.privateKey).toString('base64url');
  return `${signingInput}.${signature}`;
}

export interface AccessTokenInput {
  tenantId: string;
  clientId: string;
  roles: readonly string[];
  /** Object id of the service principal (oid/sub); random when the app is not registered. */
  servicePrincipalId?: string;
  appDisplayName?: string;
  /** How the app authenticated: 1 = secret, 2 = certificate or federated assertion. */
  authMethod?: '0' | '1' | '2';
  expiresInSeconds?: number;
  /** The token's `aud`; default Microsoft Graph. */
  audience?: string;
  /** For an API that accepts v2.0 tokens: the v2.0 issuer (the token then has v2.0 claims). */
  v2Issuer?: string;
}

export function accessTokenIssuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

export function issueAccessToken(key: SigningKey, input: AccessTokenInput): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const lifetime = input.expiresInSeconds ?? ACCESS_TOKEN_LIFETIME_SECONDS;
  const oid = input.servicePrincipalId ?? randomUUID();
  const claims: Record<string, unknown> = {
    aud: input.audience ?? GRAPH_AUDIENCE,
    iss: accessTokenIssuer(input.tenantId),
    iat: Math.min(issuedAt, issuedAt + lifetime),
    nbf: Math.min(issuedAt, issuedAt + lifetime),
    exp: issuedAt + lifetime,
    aio: randomBytes(24).toString('base64url'),
    app_displayname: input.appDisplayName ?? 'graph-sim app',
    appid: input.clientId,
    appidacr: input.authMethod ?? '1',
    azp: input.clientId,
    azpacr: input.authMethod ?? '1',
    idp: accessTokenIssuer(input.tenantId),
    idtyp: 'app',
    oid,
    rh: `0.${randomBytes(18).toString('base64url')}.`,
    roles: [...input.roles],
    sub: oid,
    tenant_region_scope: 'EU',
    tid: input.tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: '1.0',
    xms_tcdt: issuedAt - 86_400 * 365,
  };
  if (input.v2Issuer !== undefined) {
    // v2.0 app tokens name the client in azp/azpacr only.
    claims.iss = input.v2Issuer;
    claims.ver = '2.0';
    delete claims.appid;
    delete claims.appidacr;
    delete claims.idp;
    delete claims.app_displayname;
  }
  return signJwt(key, claims);
}

const accessTokenClaims = z.object({
  appid: z.string().min(1),
  tid: z.string().min(1),
  roles: z.array(z.string()).default([]),
  oid: z.string().optional(),
  appidacr: z.string().optional(),
  idtyp: z.string().optional(),
  scp: z.string().optional(),
  upn: z.string().optional(),
});

/** The signed-in user of a delegated (user) token. */
export interface TokenUser {
  id: string;
  userPrincipalName: string | undefined;
  /** Delegated permissions (`scp`). */
  scopes: string[];
}

export type TokenCheck =
  | { ok: true; clientId: string; roles: string[]; objectId: string | undefined; user?: TokenUser }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'wrongTenant' };

/** What a service beyond Graph needs from a valid token: who, with which roles, how it signed in. */
export type ServiceTokenCheck =
  | {
      ok: true;
      clientId: string;
      roles: string[];
      /** The service principal's object id. */
      objectId: string | undefined;
      /** `appidacr`: 1 = client secret, 2 = certificate (or federated assertion). */
      authMethod: string | undefined;
      /** Set for a user (delegated) token. */
      user?: TokenUser;
    }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'wrongTenant' | 'wrongAudience' };

/**
 * Validates a bearer token: signature, issuer, lifetime, tenant, and an audience among `audiences`
 * (compared without case and trailing slash, as the services do).
 */
export async function verifyBearerToken(
  key: SigningKey,
  tenantId: string,
  authorization: string | undefined,
  audiences: readonly string[],
): Promise<ServiceTokenCheck> {
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  if (!match) return { ok: false, reason: 'missing' };
  try {
    const { payload } = await jwtVerify(match[1] as string, verificationKey(key), {
      algorithms: ['RS256'],
      issuer: accessTokenIssuer(tenantId),
      clockTolerance: 5,
    });
    const claims = accessTokenClaims.safeParse(payload);
    if (!claims.success) return { ok: false, reason: 'invalid' };
    if (claims.data.tid !== tenantId) return { ok: false, reason: 'wrongTenant' };
    const normalise = (a: string) => a.replace(/\/+$/, '').toLowerCase();
    const given = (Array.isArray(payload.aud) ? payload.aud : [payload.aud ?? '']).map(normalise);
    const wanted = new Set(audiences.map(normalise));
    if (!given.some((a) => wanted.has(a))) return { ok: false, reason: 'wrongAudience' };
    return {
      ok: true,
      clientId: claims.data.appid,
      roles: claims.data.roles,
      objectId: claims.data.oid,
      authMethod: claims.data.appidacr,
      ...(claims.data.idtyp === 'user' && claims.data.oid !== undefined
        ? {
            user: {
              id: claims.data.oid,
              userPrincipalName: claims.data.upn,
              scopes: (claims.data.scp ?? '').split(' ').filter((s) => s.length > 0),
            },
          }
        : {}),
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'invalid' };
  }
}

/** Validates a Graph bearer token the way Graph does: signature, issuer, audience, lifetime, tenant. */
export async function verifyAccessToken(
  key: SigningKey,
  tenantId: string,
  authorization: string | undefined,
): Promise<TokenCheck> {
  const check = await verifyBearerToken(key, tenantId, authorization, [GRAPH_AUDIENCE]);
  // Graph words a token for another audience like any other invalid token.
  if (!check.ok) return { ok: false, reason: check.reason === 'wrongAudience' ? 'invalid' : check.reason };
  return {
    ok: true,
    clientId: check.clientId,
    roles: check.roles,
    objectId: check.objectId,
    ...(check.user === undefined ? {} : { user: check.user }),
  };
}

export function issueFederatedAssertion(key: SigningKey, issuer: string, subject: string): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  return signJwt(key, {
    iss: issuer,
    sub: subject,
    aud: FEDERATED_AUDIENCE,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + 3600,
    jti: randomUUID(),
  });
}
