// The home tenant's token-signing keys: found through its OpenID metadata (`jwks_uri`), cached, and
// fetched again when a token names a key the cache does not hold (Entra rolls its keys) — at most
// once per cooldown, so a stream of tokens with made-up key ids cannot make the server hammer
// Entra. jose's createRemoteJWKSet does the same on the wall clock; this one runs on the injected
// clock so that rollover and the cooldown are tested without waiting.
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { FetchJson } from './https-json.js';

export interface SigningKeysOptions {
  /** The tenant's OpenID metadata URL (`.../v2.0/.well-known/openid-configuration`). */
  metadataUrl: string;
  fetchJson: FetchJson;
  now: () => number;
  /** Least time between two fetches triggered by an unknown key id; 30 s by default. */
  cooldownMs?: number;
  /** Keys are refreshed after this long even when every token matches; 1 hour by default. */
  maxAgeMs?: number;
}

type LocalKeys = ReturnType<typeof createLocalJWKSet>;

export class SigningKeys {
  readonly #options: Required<SigningKeysOptions>;
  #keys: LocalKeys | undefined;
  #jwksUri: string | undefined;
  /** When the last fetch started, successful or not: the cooldown counts from it. */
  #lastAttempt = Number.NEGATIVE_INFINITY;
  #fetchedAt = Number.NEGATIVE_INFINITY;
  #pending: Promise<void> | undefined;
  #fetches = 0;

  constructor(options: SigningKeysOptions) {
    this.#options = { cooldownMs: 30_000, maxAgeMs: 3_600_000, ...options };
  }

  /** How many times the key set was fetched (for `check` and tests). */
  get fetchCount(): number {
    return this.#fetches;
  }

  /** The key for a token's header, for jose's jwtVerify. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const now = this.#options.now();
    if (this.#keys === undefined) {
      await this.#reload(now);
    } else if (
      now - this.#fetchedAt >= this.#options.maxAgeMs &&
      now - this.#lastAttempt >= this.#options.cooldownMs
    ) {
      // Stale keys still verify tokens: a refresh that fails keeps them rather than refusing everyone.
      await this.#reload(now).catch(() => undefined);
    }
    try {
      return await (this.#keys as LocalKeys)(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey && now - this.#lastAttempt >= this.#options.cooldownMs) {
        await this.#reload(now);
        return (this.#keys as LocalKeys)(header, token);
      }
      throw error;
    }
  };

  /** One fetch at a time: concurrent requests with a new key wait for the same one. */
  #reload(now: number): Promise<void> {
    this.#pending ??= this.#fetch(now).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetch(now: number): Promise<void> {
    this.#lastAttempt = now;
    this.#jwksUri ??= await this.#discoverJwksUri();
    this.#fetches += 1;
    const jwks = await this.#options.fetchJson(this.#jwksUri);
    if (!isKeySet(jwks)) throw new Error(`${this.#jwksUri} is not a JSON Web Key Set`);
    this.#keys = createLocalJWKSet(jwks);
    this.#fetchedAt = now;
  }

  async #discoverJwksUri(): Promise<string> {
    const metadata = await this.#options.fetchJson(this.#options.metadataUrl);
    const uri = (metadata as { jwks_uri?: unknown } | null)?.jwks_uri;
    if (typeof uri !== 'string' || !uri.startsWith('https://')) {
      throw new Error(`the OpenID metadata at ${this.#options.metadataUrl} names no https jwks_uri`);
    }
    return uri;
  }
}

function isKeySet(value: unknown): value is JSONWebKeySet {
  const keys = (value as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) && keys.every((key) => typeof key === 'object' && key !== null);
}
