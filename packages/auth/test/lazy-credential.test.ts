import type { AccessToken, TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { LazyCredential } from '../src/lazy-credential.js';

const token: AccessToken = { token: 'header.payload.signature', expiresOnTimestamp: 4_102_444_800_000 };
const fixed: TokenCredential = { getToken: async () => token };

describe('LazyCredential', () => {
  it('builds nothing until the first token request, then builds once for every request', async () => {
    let builds = 0;
    const credential = new LazyCredential(async () => {
      builds++;
      return fixed;
    });
    expect(builds).toBe(0);
    const answers = await Promise.all([credential.getToken('scope'), credential.getToken('scope')]);
    expect(answers).toEqual([token, token]);
    expect(await credential.getToken('scope')).toEqual(token);
    expect(builds).toBe(1);
  });

  it('passes a failed build to the caller and tries again on the next request', async () => {
    let builds = 0;
    const credential = new LazyCredential(async () => {
      builds++;
      if (builds === 1) throw new Error('Cannot find package @azure/identity');
      return fixed;
    });
    await expect(credential.getToken('scope')).rejects.toThrow('Cannot find package @azure/identity');
    expect(await credential.getToken('scope')).toEqual(token);
    expect(builds).toBe(2);
  });
});
