import type { TokenCredential } from '@m365-mcp/graph-core';

type GetTokenOptions = Parameters<TokenCredential['getToken']>[1];
type AccessTokenResult = ReturnType<TokenCredential['getToken']>;

/**
 * The credential of one user's Graph connection. A client refreshes the user's token long before
 * the connection is worth dropping, so the connection stays and only the credential behind it is
 * swapped for one built from the newest assertion (an expired assertion cannot be exchanged).
 */
export class SwappableCredential implements TokenCredential {
  #current: TokenCredential;

  constructor(initial: TokenCredential) {
    this.#current = initial;
  }

  swap(next: TokenCredential): void {
    this.#current = next;
  }

  getToken(scopes: string | string[], options?: GetTokenOptions): AccessTokenResult {
    return this.#current.getToken(scopes, options);
  }
}
