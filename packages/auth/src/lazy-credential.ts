import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

/**
 * A credential built on its first token request. @azure/identity and msal cost a server about
 * 190 ms and 19 MB at start-up, and no token is needed until a tool reads Graph: the library is
 * loaded (a dynamic import) by the first getToken, then every call goes to the credential it built.
 */
export class LazyCredential implements TokenCredential {
  #credential: Promise<TokenCredential> | undefined;

  constructor(private readonly build: () => Promise<TokenCredential>) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    this.#credential ??= this.build().catch((error: unknown) => {
      // A failed load (e.g. a broken install) is tried again by the next request, not cached.
      this.#credential = undefined;
      throw error;
    });
    return (await this.#credential).getToken(scopes, options);
  }
}

/** @azure/identity, loaded when a credential first needs it. */
export const loadIdentity = () => import('@azure/identity');
