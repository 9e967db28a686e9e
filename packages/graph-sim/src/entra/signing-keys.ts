// The tenant's signing keys as Entra rolls them: one key signs, and the keys published in the JWKS
// (`/discovery/v2.0/keys`) are every key not yet retired, so a token signed before a rollover stays
// valid until its key is retired. The ring is itself a SigningKey (the current signer), so code that
// only signs needs no change; verification resolves the key by the token's `kid`.
import type { KeyObject } from 'node:crypto';
import { createSigningKey, type SigningKey } from './keys.js';

export class SigningKeyRing implements SigningKey {
  private signer: SigningKey;
  private readonly published: SigningKey[];

  constructor(first: SigningKey = createSigningKey()) {
    this.signer = first;
    this.published = [first];
  }

  get kid(): string {
    return this.signer.kid;
  }

  get privateKey(): KeyObject {
    return this.signer.privateKey;
  }

  get publicKey(): KeyObject {
    return this.signer.publicKey;
  }

  /** Every published key, the signer first. */
  all(): SigningKey[] {
    return [this.signer, ...this.published.filter((k) => k !== this.signer)];
  }

  /** The public key of a published key; undefined for a retired or unknown kid. */
  publicKeyFor(kid: unknown): KeyObject | undefined {
    return this.published.find((k) => k.kid === kid)?.publicKey;
  }

  /** A new key becomes the signer; the previous ones stay published until retired. */
  rotate(): { kid: string } {
    const next = createSigningKey();
    this.published.push(next);
    this.signer = next;
    return { kid: next.kid };
  }

  /** Removes a key from the JWKS: tokens it signed no longer verify. The signer cannot be retired. */
  retire(kid: string): void {
    if (kid === this.signer.kid) {
      throw new Error(`graph-sim: key ${kid} is the current signer; rotateSigningKey() before retiring it`);
    }
    const index = this.published.findIndex((k) => k.kid === kid);
    if (index === -1) throw new Error(`graph-sim: no published signing key has kid ${kid}`);
    this.published.splice(index, 1);
  }
}

/** What jose verifies with: the ring's key for the token's `kid`, or the one key given. */
export function verificationKey(key: SigningKey): KeyObject | ((header: { kid?: string }) => KeyObject) {
  if (!(key instanceof SigningKeyRing)) return key.publicKey;
  return (header) => {
    const found = key.publicKeyFor(header.kid);
    // jose turns this into a failed verification (the token is refused as invalid).
    if (!found) throw new Error(`no published signing key has kid ${String(header.kid)}`);
    return found;
  };
}
