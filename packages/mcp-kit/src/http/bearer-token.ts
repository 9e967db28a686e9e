import { createHash, timingSafeEqual } from 'node:crypto';
import { registerSecret } from '@m365-mcp/audit-log';
import { z } from 'zod';
import { ServerConfigError } from '../config/load-config.js';
import type { HttpAuthenticator } from './http-authenticator.js';
import { localPrincipal, tokenPrincipal } from './principal.js';

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

/**
 * Splits the value of the token variable into one token per client. Whitespace (spaces, tabs,
 * newlines) is the only separator: a token cannot contain it, while commas and every other visible
 * character may be part of a token.
 */
export function splitHttpTokens(value: string): string[] {
  return value.split(/\s+/).filter((token) => token.length > 0);
}

/**
 * What is wrong with a list of tokens, each problem naming a token by its place in the list, never
 * by its value; empty when every token is strong and each is different (a token's fingerprint is
 * who the caller is, so two tokens must not share one either).
 */
export function httpTokenListProblems(tokens: readonly string[]): string[] {
  if (tokens.length === 0) return ['the list is empty: give at least one token'];
  const problems: string[] = [];
  // A single token is the subject of the caller's sentence already; in a list, say which one.
  const which = (index: number) => (tokens.length === 1 ? '' : `token ${index + 1} of ${tokens.length} `);
  tokens.forEach((token, index) => {
    const parsed = httpTokenSchema.safeParse(token);
    if (!parsed.success) {
      problems.push(`${which(index)}${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    }
  });
  const seen = new Map<string, number>();
  tokens.forEach((token, index) => {
    const first = seen.get(token);
    if (first !== undefined) {
      problems.push(`tokens ${first + 1} and ${index + 1} are the same: give each client its own token`);
      return;
    }
    seen.set(token, index);
  });
  const fingerprints = new Map<string, number>();
  tokens.forEach((token, index) => {
    if (seen.get(token) !== index) return;
    const first = fingerprints.get(tokenFingerprint(token));
    if (first !== undefined) {
      problems.push(
        `tokens ${first + 1} and ${index + 1} have the same fingerprint, so the server could not tell their clients apart: replace one`,
      );
      return;
    }
    fingerprints.set(tokenFingerprint(token), index);
  });
  return problems;
}

export type BearerVerdict = { kind: 'missing' } | { kind: 'wrong' } | { kind: 'ok'; fingerprint: string };

/**
 * A checker for `Authorization` header values against every accepted token; it says which token
 * matched by its fingerprint. The comparison takes the same time whatever is sent and whichever
 * token matches.
 */
export function bearerChecker(
  tokens: readonly string[],
): (authorization: string | undefined) => BearerVerdict {
  const expected = tokens.map((token) => ({ hash: sha256(token), fingerprint: tokenFingerprint(token) }));
  return (authorization) => {
    if (authorization === undefined) return { kind: 'missing' };
    const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(authorization);
    if (!match?.[1]) return { kind: 'wrong' };
    // Hashing first gives equal lengths, so timingSafeEqual never leaks a token's length; every
    // token is compared, so the time does not say which one matched either.
    const presented = sha256(match[1]);
    let matched: string | undefined;
    for (const { hash, fingerprint } of expected) {
      if (timingSafeEqual(presented, hash)) matched = fingerprint;
    }
    return matched === undefined ? { kind: 'wrong' } : { kind: 'ok', fingerprint: matched };
  };
}

/**
 * The simple way to let clients in: one static bearer token per client (M365_MCP_HTTP_TOKEN). The
 * token's fingerprint is who the client is (its write plans are bound to it). Refuses, before the
 * server starts, a list with a weak, repeated or indistinguishable token.
 */
export function staticTokenAuthenticator(tokens: readonly string[], realm: string): HttpAuthenticator {
  const problems = httpTokenListProblems(tokens);
  if (problems.length > 0) {
    const what =
      tokens.length === 1
        ? 'The HTTP bearer token (M365_MCP_HTTP_TOKEN)'
        : 'The HTTP bearer tokens (M365_MCP_HTTP_TOKEN, one per client, separated by whitespace):';
    throw new ServerConfigError(`${what} ${problems.join('; ')}.`);
  }
  // No token may ever reach a log line or the audit log, whatever path it takes.
  for (const token of tokens) registerSecret(token);
  const check = bearerChecker(tokens);
  const challenge = `Bearer realm="${realm}"`;
  return {
    kind: 'token',
    async authenticate(authorization) {
      const verdict = check(authorization);
      if (verdict.kind !== 'ok') {
        return {
          kind: 'refused',
          status: 401,
          wwwAuthenticate: verdict.kind === 'wrong' ? `${challenge}, error="invalid_token"` : challenge,
          reason: `${verdict.kind} bearer token`,
        };
      }
      return {
        kind: 'ok',
        caller: {
          principal: tokenPrincipal(verdict.fingerprint),
          auditName: `http:${verdict.fingerprint}`,
          identity: { kind: 'token', fingerprint: verdict.fingerprint },
        },
      };
    },
  };
}

/**
 * `--http-no-auth`: every request is the local caller. Accepted only on a loopback address (see
 * validateHttpOptions); meant for local testing (the conformance suite sends no Authorization).
 */
export function noAuthAuthenticator(): HttpAuthenticator {
  return {
    kind: 'none',
    async authenticate() {
      return { kind: 'ok', caller: { principal: localPrincipal, auditName: 'http:no-auth' } };
    },
  };
}
