import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const minimumHttpTokenLength = 32;

/** The shared secret HTTP clients present as `Authorization: Bearer <token>`. */
export const httpTokenSchema = z
  .string()
  .min(minimumHttpTokenLength, {
    message: `must be at least ${minimumHttpTokenLength} characters (e.g. the output of \`openssl rand -hex 32\`)`,
  })
  // RFC 6750 b64token characters and friends: anything visible, no spaces, nothing to trim.
  .regex(/^[\x21-\x7e]+$/, { message: 'may contain only visible ASCII characters, no spaces' });

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Who called, for the audit log, without the secret: the first 8 hex digits of the token's
 * SHA-256 tell two tokens apart (after a rotation) but reveal nothing usable.
 */
export function tokenFingerprint(token: string): string {
  return sha256(token).toString('hex').slice(0, 8);
}

/** A checker for `Authorization` header values; the comparison takes the same time whatever is sent. */
export function bearerChecker(
  token: string,
): (authorization: string | undefined) => 'ok' | 'missing' | 'wrong' {
  const expected = sha256(token);
  return (authorization) => {
    if (authorization === undefined) return 'missing';
    const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(authorization);
    // Hashing first gives equal lengths, so timingSafeEqual never leaks the token's length.
    if (!match?.[1]) return 'wrong';
    return timingSafeEqual(sha256(match[1]), expected) ? 'ok' : 'wrong';
  };
}
