import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from '../src/duplicate-keys.js';

describe('findDuplicateKey', () => {
  it('finds a repeated key at any depth and names its path', () => {
    expect(findDuplicateKey('{"a":1,"a":2}')).toBe('a');
    expect(findDuplicateKey('{"x":{"y":[1,{"z":true,"z":false}]}}')).toBe('x.y.[].z');
    expect(findDuplicateKey('{"arguments":{"q":"a","n":null,"q":"b"}}')).toBe('arguments.q');
  });

  it('sees keys as JSON.parse does: escapes decoded', () => {
    expect(findDuplicateKey('{"outcome":"ok","\\u006futcome":"refused"}')).toBe('outcome');
  });

  it('accepts the same key in different objects, and strings that look like keys', () => {
    expect(findDuplicateKey('{"a":{"k":1},"b":{"k":2},"c":[{"k":3},{"k":4}]}')).toBeUndefined();
    expect(
      findDuplicateKey('{"a":"a","b":["a","a"],"c":"\\"a\\":1,\\"a\\":2","d":{},"e":[]}'),
    ).toBeUndefined();
    expect(findDuplicateKey('{ "a" : 1 , "b" : { "a" : 2 } , "c" : -1.5e3 }')).toBeUndefined();
  });

  it('copes with nesting far deeper than any record', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(findDuplicateKey(`{"a":${deep},"a":1}`)).toBe('a');
  });
});
