// Checks a client_assertion: either a JWT the app signed with its registered certificate (PS256 or
// RS256, aud = the token endpoint, iss = sub = client id), or a federated (workload identity) token
// from the simulator's own issuer whose subject matches the app's federated credential.
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { RegisteredApp } from './apps.js';
import { EntraError } from './errors.js';
import type { SigningKey } from './keys.js';
import { FEDERATED_AUDIENCE } from './tokens.js';

export interface AssertionCheckInput {
  assertion: string;
  app: RegisteredApp;
  /** Token endpoint URLs this tenant answers on (by id and by domain). */
  tokenEndpoints: readonly string[];
  federation: { issuer: string; key: SigningKey };
}

function malformed(): EntraError {
  return new EntraError(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.');
}

async function verifyFederated(input: AssertionCheckInput): Promise<void> {
  const { app, federation } = input;
  try {
    await jwtVerify(input.assertion, federation.key.publicKey, {
      algorithms: ['RS256'],
      issuer: federation.issuer,
      audience: FEDERATED_AUDIENCE,
      subject: app.federatedSubject,
    });
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new EntraError(
        400,
        'invalid_client',
        700024,
        'Client assertion is not within its valid time range.',
      );
    }
    throw new EntraError(
      400,
      'invalid_client',
      70021,
      `No matching federated identity record found for presented assertion. Assertion Issuer: '${federation.issuer}'.`,
    );
  }
}

async function verifyCertificate(input: AssertionCheckInput, x5tS256: unknown): Promise<void> {
  const { app } = input;
  if (!app.certificate) {
    throw new EntraError(
      401,
      'invalid_client',
      700027,
      `Client assertion failed signature validation. [Reason - The key was not found.] No certificate is registered for app '${app.clientId}'.`,
    );
  }
  if (typeof x5tS256 === 'string' && x5tS256 !== app.certificateThumbprintS256) {
    throw new EntraError(
      401,
      'invalid_client',
      700027,
      `Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${x5tS256}'.]`,
    );
  }
  try {
    await jwtVerify(input.assertion, app.certificate.publicKey, {
      algorithms: ['PS256', 'RS256'],
      issuer: app.clientId,
      subject: app.clientId,
      audience: [...input.tokenEndpoints],
      clockTolerance: 5,
    });
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new EntraError(
        400,
        'invalid_client',
        700024,
        'Client assertion is not within its valid time range.',
      );
    }
    if (error instanceof errors.JWTClaimValidationFailed) {
      throw new EntraError(
        400,
        'invalid_client',
        700021,
        `Client assertion audience, issuer or subject claim is invalid (${error.claim}).`,
      );
    }
    throw new EntraError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
  }
}

export async function verifyClientAssertion(input: AssertionCheckInput): Promise<void> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let issuer: unknown;
  try {
    header = decodeProtectedHeader(input.assertion);
    issuer = decodeJwt(input.assertion).iss;
  } catch {
    throw malformed();
  }
  if (input.app.federatedSubject !== undefined && issuer === input.federation.issuer) {
    await verifyFederated(input);
    return;
  }
  await verifyCertificate(input, header['x5t#S256']);
}
