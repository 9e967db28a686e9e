import { describe, expect, it } from 'vitest';
import { CONTOSO_TENANT_ID, generateTenant } from '../../src/index.js';

const NOW = new Date('2026-06-01T00:00:00Z');

describe('generateTenant', () => {
  it('is deterministic per seed: the same options give the same tenant', () => {
    const a = generateTenant({ seed: 7, name: 'tenant-07', now: NOW });
    const b = generateTenant({ seed: 7, name: 'tenant-07', now: NOW });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('has its own id, domains and hosts, and names no Contoso anywhere', () => {
    const tenant = generateTenant({ seed: 'north', name: 'northwind', now: NOW });
    expect(tenant.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(tenant.id).not.toBe(CONTOSO_TENANT_ID);
    expect(tenant).toMatchObject({
      displayName: 'Northwind',
      initialDomain: 'northwind.onmicrosoft.com',
      sharepointHost: 'northwind.sharepoint.com',
    });
    expect(tenant.directory.organization.id).toBe(tenant.id);
    expect(tenant.directory.domains.map((d) => d.id)).toContain('northwind.onmicrosoft.com');
    expect(tenant.directory.users.every((u) => String(u.userPrincipalName).includes('northwind'))).toBe(true);
    expect(Object.keys(tenant.dns.txt)).toEqual(
      expect.arrayContaining(['northwind.com', '_dmarc.northwind.com', 'northwind.onmicrosoft.com']),
    );
    const text = JSON.stringify(tenant);
    expect(text).not.toMatch(/contoso/i);
    expect(text).not.toContain(CONTOSO_TENANT_ID);
  });

  it('varies across seeds: ids, and the settings an audit reads (DNS, Teams, Fabric, SharePoint)', () => {
    const tenants = Array.from({ length: 12 }, (_, i) =>
      generateTenant({ seed: i, name: `tenant-${String(i + 1).padStart(2, '0')}`, now: NOW }),
    );
    expect(new Set(tenants.map((t) => t.id)).size).toBe(12);
    const distinct = (f: (t: (typeof tenants)[number]) => unknown) =>
      new Set(tenants.map((t) => JSON.stringify(f(t)))).size;
    const name = (t: (typeof tenants)[number]) => t.initialDomain.split('.')[0];
    expect(distinct((t) => t.dns.txt[`_dmarc.${name(t)}.com`]?.[0]?.split(';')[1])).toBeGreaterThan(1);
    expect(distinct((t) => t.teams)).toBeGreaterThan(1);
    expect(distinct((t) => t.fabric.tenantSettings.map((s) => s.enabled))).toBeGreaterThan(1);
    expect(distinct((t) => t.sharepointAdmin.OneDriveSharingCapability)).toBeGreaterThan(1);
  });

  it('refuses a name that is not a DNS label, saying what a name must be', () => {
    expect(() => generateTenant({ seed: 1, name: 'Bad Name' })).toThrow(/lower-case DNS label/);
  });
});
