import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../src/index.js';

describe('Redactor', () => {
  it('redacts by key, ignoring case and separators', () => {
    const redactor = new Redactor();
    const keys = [
      'secret',
      'client_secret',
      'ClientSecret',
      'password',
      'passwd',
      'token',
      'access-token',
      'refresh_token',
      'client_assertion',
      'Authorization',
      'apiKey',
      'API_KEY',
      'key',
      'accountKey',
      'credential',
      'credentials',
      'certificate',
      'certificatePassword',
      'certificate_data',
    ];
    const input = Object.fromEntries(keys.map((key) => [key, 'plain words']));
    const output = redactor.redact(input) as Record<string, unknown>;
    for (const key of keys) expect(output[key], key).toBe(REDACTED);
    expect(redactor.redact({ password: { nested: 'x' } })).toEqual({ password: REDACTED });
  });

  it('keeps ordinary fields, flags and identifiers', () => {
    const redactor = new Redactor();
    const input = {
      userPrincipalName: 'adele.vance@contoso.com',
      id: '8a3c1f7e-2b4d-4e6f-9a1b-3c5d7e9f1a2b',
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      path: '/sites/contoso.sharepoint.com,8a3c1f7e-2b4d-4e6f-9a1b-3c5d7e9f1a2b/drive/items',
      includeSecrets: false,
      limit: 25,
      filter: "displayName eq 'Finance ~ Q4'",
    };
    expect(redactor.redact(input)).toEqual(input);
  });

  it('scrubs secret shapes inside strings and leaves the rest', () => {
    const redactor = new Redactor();
    expect(redactor.redactString('header Bearer abc.def-ghi_jkl end')).toBe(`header Bearer ${REDACTED} end`);
    expect(redactor.redactString('x eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0. y')).toBe(`x ${REDACTED} y`);
    expect(redactor.redactString('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----!')).toBe(
      `${REDACTED}!`,
    );
    expect(redactor.redactString('cut -----BEGIN RSA PRIVATE KEY-----\nMIIEow')).toBe(`cut ${REDACTED}`);
    expect(redactor.redactString('Endpoint=sb://x/;SharedAccessKeyName=root;SharedAccessKey=abc+/=')).toBe(
      `Endpoint=sb://x/;SharedAccessKeyName=root;SharedAccessKey=${REDACTED}`,
    );
    expect(redactor.redactString('secret aB3Q~kZ9_x.y-zAbCdEfGhIjKlMnOpQrStUvWx1 here')).toBe(
      `secret ${REDACTED} here`,
    );
    const blob = Buffer.from('a'.repeat(10) + 'binary\u0001\u0002payload'.repeat(4)).toString('base64');
    expect(redactor.redactString(`pfx ${blob}`)).toBe(`pfx ${REDACTED}`);
  });

  it('keeps long base64 Graph ids under identifier names, and still removes real secrets there', () => {
    const redactor = new Redactor();
    const driveId = 'b!2ZZ6Y0pxW0GBl6Tq7m8EvQ8kV0n4JqFJi5zL9p4tWgC0lLgJ7YwSSbl6aC5yYb0X';
    const permissionId = 'aTowIy5mfG1lbWJlcnNoaXB8YWRlbGV2QGNvbnRvc28uY29tfDEyMzQ1Njc4OQ';
    expect(redactor.redact({ driveId, permission_id: permissionId, ids: [permissionId] })).toEqual({
      driveId,
      permission_id: permissionId,
      ids: [permissionId],
    });
    // The same text under a free-text name is treated as a possible secret.
    expect(redactor.redact({ note: permissionId, valid: permissionId })).toEqual({
      note: REDACTED,
      valid: REDACTED,
    });
    const url = `https://graph.microsoft.com/v1.0/drives/${driveId}/items/01ABC/permissions/${permissionId}`;
    expect(redactor.redact({ plan: { method: 'DELETE', url } })).toEqual({ plan: { method: 'DELETE', url } });
    expect(redactor.redactString(`drive b!${driveId.slice(2)} in text`)).toBe(`drive ${driveId} in text`);
    expect(redactor.redact({ appId: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' })).toEqual({ appId: REDACTED });
  });

  it('scrubs registered secrets anywhere, but ignores ones too short to be safe to scrub', () => {
    const redactor = new Redactor();
    redactor.registerSecret('hunter2 is/long');
    redactor.registerSecret('abc');
    expect(redactor.redact({ msg: 'pw=hunter2 is/long;', encoded: 'q=hunter2%20is%2Flong' })).toEqual({
      msg: `pw=${REDACTED};`,
      encoded: `q=${REDACTED}`,
    });
    expect(redactor.redactString('abc')).toBe('abc');
  });

  it('turns any value into JSON data: dates, bigints, errors, maps, cycles, binary', () => {
    const redactor = new Redactor();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const shared = { a: 1 };
    expect(
      redactor.redact({
        when: new Date('2026-01-02T03:04:05.000Z'),
        big: 12n,
        nan: Number.NaN,
        gone: undefined,
        fn: () => 1,
        err: new TypeError('bad'),
        map: new Map([['k1', 'v']]),
        cyclic,
        twice: [shared, shared],
        bytes: new Uint8Array(3),
      }),
    ).toEqual({
      when: '2026-01-02T03:04:05.000Z',
      big: '12',
      nan: 'NaN',
      err: { name: 'TypeError', message: 'bad' },
      map: { k1: 'v' },
      cyclic: { name: 'loop', self: '[circular]' },
      twice: [{ a: 1 }, { a: 1 }],
      bytes: '[3 bytes]',
    });
  });
});
