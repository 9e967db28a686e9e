import { decodeJwt } from 'jose';
import { z } from 'zod';

export interface TokenRoles {
  roles: string[];
  tenantId?: string;
  appId?: string;
  /** `oid`: in an app-only token, the object id of the app's service principal in the tenant. */
  objectId?: string;
  /** `aud`: the API the token is for, e.g. `https://graph.microsoft.com`. */
  audience?: string;
  /** How the app signed in (`appidacr`/`azpacr`): a client secret, or a certificate or assertion. */
  authMethod?: 'secret' | 'certificate';
  expiresOn?: Date;
}

const claimsSchema = z.object({
  roles: z.array(z.string()).optional(),
  tid: z.string().optional(),
  appid: z.string().optional(),
  azp: z.string().optional(),
  oid: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  appidacr: z.string().optional(),
  azpacr: z.string().optional(),
  exp: z.number().optional(),
});

// Entra's values: 1 = client secret, 2 = client certificate (or a federated or managed identity
// assertion); 0 = a public client, which app-only tokens never are.
function authMethodOf(acr: string | undefined): TokenRoles['authMethod'] {
  if (acr === '1') return 'secret';
  if (acr === '2') return 'certificate';
  return undefined;
}

/**
 * Reads the app roles from an access token WITHOUT verifying its signature: this only looks at a
 * token we were just issued (or were given), to report what it grants; it decides nothing.
 */
export function decodeTokenRoles(token: string): TokenRoles {
  let payload: unknown;
  try {
    payload = decodeJwt(token);
  } catch {
    throw new Error('the access token is not a JWT, so its roles cannot be read');
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) {
    throw new Error('the access token has malformed claims (roles, tid, appid, oid, aud, appidacr or exp)');
  }
  const { roles, tid, appid, azp, oid, aud, appidacr, azpacr, exp } = claims.data;
  const audience = Array.isArray(aud) ? aud[0] : aud;
  const appId = appid ?? azp;
  const authMethod = authMethodOf(appidacr ?? azpacr);
  return {
    roles: [...new Set(roles ?? [])].sort(),
    ...(tid === undefined ? {} : { tenantId: tid }),
    ...(appId === undefined ? {} : { appId }),
    ...(oid === undefined ? {} : { objectId: oid }),
    ...(audience === undefined ? {} : { audience }),
    ...(authMethod === undefined ? {} : { authMethod }),
    ...(exp === undefined ? {} : { expiresOn: new Date(exp * 1000) }),
  };
}
