import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { decodeTokenRoles } from './token-roles.js';

/**
 * A credential that hands out one bearer token it was given (M365_ACCESS_TOKEN), with the expiry
 * from the token itself. It cannot refresh, so once the token has expired it fails clearly.
 */
export class GivenTokenCredential implements TokenCredential {
  readonly #token: string;
  readonly #expiresOnTimestamp: number;

  constructor(token: string) {
    const { expiresOn } = decodeTokenRoles(token);
    if (expiresOn === undefined) throw new Error('the given access token has no "exp" claim');
    this.#token = token;
    this.#expiresOnTimestamp = expiresOn.getTime();
  }

  get expiresOn(): Date {
    return new Date(this.#expiresOnTimestamp);
  }

  async getToken(_scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    if (Date.now() >= this.#expiresOnTimestamp) {
      throw new Error(
        `the access token in M365_ACCESS_TOKEN expired at ${this.expiresOn.toISOString()}; set a fresh one`,
      );
    }
    return { token: this.#token, expiresOnTimestamp: this.#expiresOnTimestamp, tokenType: 'Bearer' };
  }
}
