import { describe, expect, it } from 'vitest';
import { matchesFilter } from '../../src/engine/odata/filter-eval.js';
import { FilterSyntaxError, filterProperties, parseFilter } from '../../src/engine/odata/filter-parser.js';

describe('$filter parser', () => {
  it("reads '' as an escaped quote inside one string literal", () => {
    expect(parseFilter("displayName eq 'O''Brien'")).toEqual({
      kind: 'compare',
      op: 'eq',
      left: { kind: 'member', path: ['displayName'] },
      right: { kind: 'literal', literal: { kind: 'string', value: "O'Brien" } },
    });
    const hostile = parseFilter("displayName eq ''' or 1 eq 1'");
    expect(hostile).toMatchObject({ kind: 'compare', right: { literal: { value: "' or 1 eq 1" } } });
  });

  it('gives and precedence over or, and honours parentheses and not', () => {
    expect(parseFilter('a eq 1 or b eq 2 and c eq 3')).toMatchObject({ kind: 'or', right: { kind: 'and' } });
    expect(parseFilter('(a eq 1 or b eq 2) and c eq 3')).toMatchObject({ kind: 'and', left: { kind: 'or' } });
    expect(parseFilter('not a eq 1')).toMatchObject({ kind: 'not', operand: { kind: 'compare' } });
  });

  it('reads unquoted datetimes, GUIDs, numbers, booleans and null', () => {
    expect(parseFilter('t ge 2024-05-01T10:00:00.123Z')).toMatchObject({
      right: { literal: { kind: 'datetime' } },
    });
    expect(parseFilter('t ge 2024-05-01')).toMatchObject({ right: { literal: { kind: 'datetime' } } });
    expect(parseFilter('id eq 6FD2C87F-B296-42F0-B197-1E91E994B900')).toMatchObject({
      right: { literal: { kind: 'guid', value: '6fd2c87f-b296-42f0-b197-1e91e994b900' } },
    });
    expect(parseFilter('n le -2.5')).toMatchObject({ right: { literal: { kind: 'number', value: -2.5 } } });
    expect(parseFilter('b eq true and c eq null')).toMatchObject({ kind: 'and' });
  });

  it('reads lambdas with their own variable and nested property paths', () => {
    const node = parseFilter("proxyAddresses/any(x:startswith(x,'smtp:')) and a/b/c eq 'v'");
    expect(filterProperties(node)).toEqual(['proxyAddresses', 'a']);
    expect(matchesFilter(node, { proxyAddresses: ['SMTP:me@x'], a: { b: { c: 'V' } } })).toBe(true);
    expect(matchesFilter(node, { proxyAddresses: ['x500:me'], a: { b: { c: 'v' } } })).toBe(false);
    const all = parseFilter("tags/all(t: t ne 'bad')");
    expect(matchesFilter(all, { tags: ['good'] })).toBe(true);
    expect(matchesFilter(all, { tags: ['good', 'bad'] })).toBe(false);
  });

  it('rejects what it does not understand', () => {
    for (const text of [
      '',
      'a eq',
      "a eq 'unterminated",
      'a eq 1 b',
      'a gt (1',
      'a eq 1;drop',
      'startswith(a)',
      'a in 1',
      'eq eq 1',
      `${'('.repeat(100)}a eq 1${')'.repeat(100)}`,
    ]) {
      expect(() => parseFilter(text), text).toThrow(FilterSyntaxError);
    }
  });
});
