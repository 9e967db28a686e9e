import { describe, expect, it } from 'vitest';
import {
  isBreakGlassAccount,
  refuseIfBreakGlass,
  refuseIfLastGlobalAdmin,
} from '../src/writes/guardrails.js';
import { GuardrailRefusal } from '../src/writes/write-plan.js';

describe('guardrails', () => {
  const config = { breakGlassAccounts: ['BreakGlass1@Contoso.com', '7c1f0000-0000-0000-0000-000000000001'] };

  it('recognises break-glass accounts by UPN (any case) or object id', () => {
    expect(isBreakGlassAccount(config, { id: 'x', userPrincipalName: 'breakglass1@contoso.com' })).toBe(true);
    expect(isBreakGlassAccount(config, { id: '7C1F0000-0000-0000-0000-000000000001' })).toBe(true);
    expect(isBreakGlassAccount(config, { id: 'y', userPrincipalName: 'alice@contoso.com' })).toBe(false);
  });

  it('refuses to touch a break-glass account', () => {
    expect(() =>
      refuseIfBreakGlass(config, { id: 'x', userPrincipalName: 'breakglass1@contoso.com' }, 'disabling'),
    ).toThrow(GuardrailRefusal);
    expect(() => refuseIfBreakGlass(config, { id: 'y' }, 'disabling')).not.toThrow();
  });

  it('refuses to remove the last enabled Global Administrator, not one of several', () => {
    expect(() => refuseIfLastGlobalAdmin({ id: 'a' }, ['a'], 'disabling')).toThrow(
      /last enabled Global Administrator/,
    );
    expect(() => refuseIfLastGlobalAdmin({ id: 'a' }, ['a', 'b'], 'disabling')).not.toThrow();
    expect(() => refuseIfLastGlobalAdmin({ id: 'c' }, ['a'], 'disabling')).not.toThrow();
  });
});
