import { describe, expect, it } from 'vitest';
import { f, ODataFilterError } from '../src/index.js';

describe('OData filter builder', () => {
  it('quotes strings and doubles single quotes, so hostile input stays one literal', () => {
    expect(f.eq('displayName', "x' or 1 eq 1 or 'y")).toBe("displayName eq 'x'' or 1 eq 1 or ''y'");
    expect(f.eq('surname', "O'Brien")).toBe("surname eq 'O''Brien'");
    expect(f.startsWith('displayName', "a') or true or startswith(x,'")).toBe(
      "startswith(displayName, 'a'') or true or startswith(x,''')",
    );
  });

  it('writes numbers, booleans, null and dates as unquoted literals', () => {
    expect(f.gt('riskScore', 5)).toBe('riskScore gt 5');
    expect(f.eq('accountEnabled', false)).toBe('accountEnabled eq false');
    expect(f.ne('deletedDateTime', null)).toBe('deletedDateTime ne null');
    expect(f.ge('createdDateTime', new Date('2026-01-02T03:04:05Z'))).toBe(
      'createdDateTime ge 2026-01-02T03:04:05.000Z',
    );
    expect(f.le('size', -1.5)).toBe('size le -1.5');
    expect(() => f.lt('size', Number.NaN)).toThrow(ODataFilterError);
    expect(() => f.lt('createdDateTime', new Date('nope'))).toThrow(ODataFilterError);
  });

  it('validates property names, so input cannot smuggle an expression in as a property', () => {
    expect(f.eq('signInActivity/lastSignInDateTime', 'x')).toBe("signInActivity/lastSignInDateTime eq 'x'");
    for (const bad of ['a eq 1 or b', 'a)', '', '1abc', 'a/', "a'", 'a b', 'a//b']) {
      expect(() => f.eq(bad, 'x'), bad).toThrow(ODataFilterError);
    }
  });

  it('checks enum values against an allow-list', () => {
    const severities = ['low', 'medium', 'high'] as const;
    expect(f.eq('severity', 'high', { allowed: severities })).toBe("severity eq 'high'");
    expect(() => f.eq('severity', "high' or 'a' eq 'a", { allowed: severities })).toThrow(ODataFilterError);
    expect(() => f.in('status', ['new', 'bogus'], { allowed: ['new', 'resolved'] })).toThrow(
      ODataFilterError,
    );
  });

  it('builds in, any, and, or, not with parentheses around every operand', () => {
    expect(f.in('status', ['new', "it's"])).toBe("status in ('new', 'it''s')");
    expect(() => f.in('status', [])).toThrow(ODataFilterError);
    expect(f.any('tags', 'eq', "o'k")).toBe("tags/any(x:x eq 'o''k')");
    const sku = f.guid('6fd2c87f-b296-42f0-b197-1e91e994b900');
    expect(f.any('assignedLicenses', 'eq', sku, { property: 'skuId' })).toBe(
      'assignedLicenses/any(x:x/skuId eq 6fd2c87f-b296-42f0-b197-1e91e994b900)',
    );
    expect(() => f.guid("1' or '1")).toThrow(ODataFilterError);
    expect(f.and(f.eq('a', 1), f.or(f.eq('b', 'x'), f.not(f.eq('c', true))))).toBe(
      "(a eq 1) and ((b eq 'x') or (not (c eq true)))",
    );
    expect(f.and(f.eq('a', 1))).toBe('a eq 1');
    expect(() => f.or()).toThrow(ODataFilterError);
  });

  it('rejects operators outside the fixed list', () => {
    // @ts-expect-error: not a ComparisonOperator
    expect(() => f.any('tags', 'eq 1 or x', 'v')).toThrow(ODataFilterError);
  });
});
