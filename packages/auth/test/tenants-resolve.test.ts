import { describe, expect, it } from 'vitest';
import { parseTenantRegistry, resolveTenant, type TenantRegistry, UnknownTenantError } from '../src/index.js';

const APP = '33333333-3333-4333-8333-333333333333';

function guid(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

function registryOf(names: readonly string[]): TenantRegistry {
  return parseTenantRegistry(
    JSON.stringify({
      signIn: { clientId: APP, certificateFile: 'msp.pem' },
      tenants: names.map((name, index) => ({ name, tenantId: guid(index + 1) })),
    }),
    '/etc/m365/tenants.json',
  );
}

function refusal(registry: TenantRegistry, asked: string): UnknownTenantError {
  try {
    resolveTenant(registry, asked);
  } catch (error) {
    expect(error).toBeInstanceOf(UnknownTenantError);
    return error as UnknownTenantError;
  }
  throw new Error(`"${asked}" was resolved`);
}

describe('resolveTenant', () => {
  const registry = registryOf(['contoso', 'fabrikam', 'northwind-traders']);

  it('finds a tenant by name, in any case and with spaces around it', () => {
    expect(resolveTenant(registry, 'fabrikam').tenantId).toBe(guid(2));
    expect(resolveTenant(registry, ' Northwind-Traders ').name).toBe('northwind-traders');
  });

  it('finds a tenant by its tenant id, in any case', () => {
    expect(resolveTenant(registry, guid(1)).name).toBe('contoso');
    expect(resolveTenant(registry, guid(3).toUpperCase()).name).toBe('northwind-traders');
  });

  it('refuses anything else with the valid names', () => {
    const error = refusal(registry, 'tailspin');
    expect(error.message).toBe(
      'No tenant "tailspin" in the registry: use a tenant\'s name or tenant id from the registry (3 tenants): contoso, fabrikam, northwind-traders.',
    );
    expect(error.validNames).toEqual(['contoso', 'fabrikam', 'northwind-traders']);
    expect(refusal(registry, '  ').message).toMatch(/^No tenant was named: use a tenant's name/);
  });

  it('with thousands of tenants, lists twenty (names like the one asked first) and counts the rest', () => {
    const many = registryOf(Array.from({ length: 3000 }, (_, index) => `customer-${index}`));
    const error = refusal(many, 'customer-29x');
    expect(error.validNames).toHaveLength(20);
    expect(error.validNames.slice(0, 3)).toEqual(['customer-2', 'customer-29', 'customer-0']);
    expect(error.message).toContain('(3000 tenants): customer-2, customer-29, customer-0,');
    expect(refusal(many, 'ustomer-100').validNames.slice(0, 3)).toEqual([
      'customer-100',
      'customer-1000',
      'customer-1001',
    ]);
    expect(error.message).toMatch(/, and 2980 more\.$/);
    // Resolution stays a lookup, not a scan per call.
    expect(resolveTenant(many, 'customer-2999').tenantId).toBe(guid(3000));
  });

  it('quotes a long request shortened', () => {
    const error = refusal(registry, 'x'.repeat(500));
    expect(error.message).toContain(`No tenant "${'x'.repeat(80)}…" in the registry`);
  });
});
