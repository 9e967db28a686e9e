// Whether an access token was issued by Entra for this server: RS256 signature by the tenant's
// keys, `aud` exactly one of the server's audiences, `exp`/`nbf` within the clock skew, `iss` exactly
// what Entra writes for the token's version and tenant, and `tid` an allowed tenant. A token for
// Graph or for any other app fails here. The reasons go to the server log: they never contain the
// token, only claims Entra put in it that say why (an audience, a tenant id, a key id).
import { errors, type JWTPayload, jwtVerify } from 'jose';
import { expectedIssuer } from './entra-issuers.js';
import type { ResolvedEntraOptions } from './entra-options.js';
import type { SigningKeys } from './signing-keys.js';

export type TokenVerdict = { ok: true; claims: JWTPayload } | { ok: false; reason: string };

/** Printable and short, for a reason line: a claim value is data from the caller, not text to trust. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 80)}...` : printable;
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired token';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      return `wrong audience ${shown(error.payload.aud)} (a token for another app or for Graph)`;
    if (error.claim === 'nbf') return 'token not yet valid (nbf)';
    return `invalid ${error.claim} claim`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'signing algorithm not allowed (RS256 only)';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'signed with a key the tenant does not publish';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'token header names no key id';
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return 'malformed token';
  }
  if (error instanceof errors.JOSEError) return `invalid token (${error.code})`;
  return `could not check the token: the tenant's signing keys are unavailable (${error instanceof Error ? error.message : String(error)})`;
}

export async function verifyAccessToken(
  token: string,
  options: ResolvedEntraOptions,
  keys: SigningKeys,
): Promise<TokenVerdict> {
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, keys.getKey, {
      algorithms: ['RS256'],
      audience: [...options.audiences],
      clockTolerance: options.clockSkewSeconds,
      currentDate: new Date(options.now()),
      requiredClaims: ['iss', 'aud', 'exp', 'tid'],
    }));
  } catch (error) {
    return { ok: false, reason: reasonFor(error) };
  }
  const tenantId = typeof claims.tid === 'string' ? claims.tid.toLowerCase() : '';
  if (!options.allowedTenants.has(tenantId)) {
    return { ok: false, reason: `tenant ${shown(claims.tid)} is not allowed` };
  }
  // Multi-tenant: the issuer must be the one of the token's own tenant, not merely some tenant's.
  const issuer = expectedIssuer(options.authority, claims.ver, tenantId);
  if (issuer === undefined) return { ok: false, reason: `unknown token version ${shown(claims.ver)}` };
  if (typeof claims.iss !== 'string' || claims.iss.toLowerCase() !== issuer.toLowerCase()) {
    return { ok: false, reason: `wrong issuer ${shown(claims.iss)} (expected ${issuer})` };
  }
  return { ok: true, claims };
}
