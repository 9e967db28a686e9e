import { describe, expect, it } from 'vitest';
import { f, graphPath, UntrustedLinkError } from '../src/index.js';
import { resolveTarget } from '../src/request-target.js';

const BASE = 'https://127.0.0.1:8443';

describe('request targets', () => {
  it('encodes each query value, so a value cannot add parameters', () => {
    const target = resolveTarget(BASE, '/users', 'v1.0', {
      $filter: f.eq('displayName', 'a&$top=1#b'),
      $top: 5,
      $count: true,
      skip: undefined,
    });
    expect(target).toEqual({
      version: 'v1.0',
      path: '/users',
      search: "?$filter=displayName%20eq%20'a%26%24top%3D1%23b'&$top=5&$count=true",
    });
    expect(new URLSearchParams(target.search).get('$filter')).toBe("displayName eq 'a&$top=1#b'");
  });

  it('follows absolute links only on the configured origin and takes their version', () => {
    expect(resolveTarget(BASE, `${BASE}/beta/users?$skiptoken=abc`, 'v1.0', undefined)).toEqual({
      version: 'beta',
      path: '/users',
      search: '?$skiptoken=abc',
    });
    for (const link of [
      'https://evil.example/v1.0/users?$skiptoken=x',
      'http://127.0.0.1:8443/v1.0/users',
      'https://127.0.0.1:9999/v1.0/users',
      'https://user@127.0.0.1:8443/v1.0/users',
      '//evil.example/v1.0/users',
      `${BASE}/other/users`,
    ]) {
      expect(() => resolveTarget(BASE, link, 'v1.0', undefined), link).toThrow(UntrustedLinkError);
    }
  });

  it('refuses dot segments and encodes interpolated ids as one segment', () => {
    expect(() => resolveTarget(BASE, '/users/../../beta/x', 'v1.0', undefined)).toThrow(/dot segments/);
    expect(graphPath`/users/${'a/b?c=d'}/drive`).toBe('/users/a%2Fb%3Fc%3Dd/drive');
    expect(() => graphPath`/users/${'..'}`).toThrow();
  });
});
