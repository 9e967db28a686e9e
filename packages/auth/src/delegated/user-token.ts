import { decodeJwt } from 'jose';
import { z } from 'zod';

/** Who a delegated (user) access token is for, and the scopes it carries. */
export interface UserToken {
  /** `scp`: the delegated scopes granted to the app for this user. */
  scopes: string[];
  /** `oid`: the user's object id. */
  objectId?: string;
  tenantId?: string;
  /** `upn`, else `preferred_username` or `unique_name`: for people, never for decisions. */
  userPrincipalName?: string;
  /** `appid`/`azp`: the client the user signed in with. */
  appId?: string;
  expiresOn?: Date;
}

const claimsSchema = z.object({
  scp: z.string().optional(),
  oid: z.string().optional(),
  tid: z.string().optional(),
  upn: z.string().optional(),
  preferred_username: z.string().optional(),
  unique_name: z.string().optional(),
  appid: z.string().optional(),
  azp: z.string().optional(),
  exp: z.number().optional(),
});

/**
 * Reads a user token's claims WITHOUT verifying its signature: only for a token we were just
 * issued, to report who signed in and what the token grants; it decides nothing.
 */
export function decodeUserToken(token: string): UserToken {
  let payload: unknown;
  try {
    payload = decodeJwt(token);
  } catch {
    throw new Error('the access token is not a JWT, so its scopes cannot be read');
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new Error('the access token has malformed claims (scp, oid, tid, upn or exp)');
  const { scp, oid, tid, upn, preferred_username, unique_name, appid, azp, exp } = claims.data;
  const name = upn ?? preferred_username ?? unique_name;
  const appId = appid ?? azp;
  return {
    scopes: [...new Set((scp ?? '').split(' ').filter((scope) => scope !== ''))].sort(),
    ...(oid === undefined ? {} : { objectId: oid }),
    ...(tid === undefined ? {} : { tenantId: tid }),
    ...(name === undefined ? {} : { userPrincipalName: name }),
    ...(appId === undefined ? {} : { appId }),
    ...(exp === undefined ? {} : { expiresOn: new Date(exp * 1000) }),
  };
}
