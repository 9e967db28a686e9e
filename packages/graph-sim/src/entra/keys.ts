// The tenant's token-signing key (made at start, never persisted) and its public JWKS.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { exportJWK, type JWK } from 'jose';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url')
    .slice(0, 27);
  return { kid, privateKey, publicKey };
}

export async function publicJwks(keys: readonly SigningKey[]): Promise<{ keys: JWK[] }> {
  const jwks = await Promise.all(
    keys.map(async (key) => ({
      ...(await exportJWK(key.publicKey)),
      kid: key.kid,
      use: 'sig',
      alg: 'RS256',
    })),
  );
  return { keys: jwks };
}
