import type { TokenCredential } from '@m365-mcp/graph-core';

type GetTokenOptions = Parameters<TokenCredential['getToken']>[1];
type AccessToken = NonNullable<Awaited<ReturnType<TokenCredential['getToken']>>>;

/** A Graph token is used until this long before it expires, then exchanged again. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

/**
 * The credential of one user's Graph connection. A client refreshes the user's token long before
 * the connection is worth dropping, so the connection stays and only the credential behind it is
 * swapped for one built from the newest assertion (an expired assertion cannot be exchanged).
 *
 * It also keeps the Graph token it got until shortly before expiry: the Graph client asks for a
 * token on every request, and an on-behalf-of exchange is a round trip to Entra that MSAL does not
 * always answer from its cache (a `.default` request whose response names the scopes one by one).
 */
export class SwappableCredential implements TokenCredential {
  #current: TokenCredential;
  readonly #tokens = new Map<string, AccessToken>();
  readonly #now: () => number;

  constructor(initial: TokenCredential, now: () => number = Date.now) {
    this.#current = initial;
    this.#now = now;
  }

  /** From now on tokens come from `next`; tokens of the previous assertion are no longer handed out. */
  swap(next: TokenCredential): void {
    this.#current = next;
    this.#tokens.clear();
  }

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    // A claims challenge (continuous access evaluation) must reach Entra, never the kept token.
    const key = (typeof scopes === 'string' ? [scopes] : [...scopes]).sort().join(' ');
    const kept = options?.claims ? undefined : this.#tokens.get(key);
    if (kept !== undefined && kept.expiresOnTimestamp - this.#now() > RENEW_BEFORE_EXPIRY_MS) return kept;
    const from = this.#current;
    const token = await from.getToken(scopes, options);
    // A swap while the exchange was in flight: the newer assertion's token is the one to keep.
    if (token !== null && from === this.#current) this.#tokens.set(key, token);
    return token;
  }
}
