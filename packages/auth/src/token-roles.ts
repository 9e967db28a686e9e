import { decodeJwt } from 'jose';
import { z } from 'zod';

export interface TokenRoles {
  roles: string[];
  tenantId?: string;
  appId?: string;
  expiresOn?: Date;
}

const claimsSchema = z.object({
  roles: z.array(z.string()).optional(),
  tid: z.string().optional(),
  appid: z.string().optional(),
  azp: z.string().optional(),
  exp: z.number().optional(),
});

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
    throw new Error('the access token has malformed claims (roles, tid, appid or exp)');
  }
  const { roles, tid, appid, azp, exp } = claims.data;
  const appId = appid ?? azp;
  return {
    roles: [...new Set(roles ?? [])].sort(),
    ...(tid === undefined ? {} : { tenantId: tid }),
    ...(appId === undefined ? {} : { appId }),
    ...(exp === undefined ? {} : { expiresOn: new Date(exp * 1000) }),
  };
}
