import { describe, expect, it } from 'vitest';
import { appRoleId, catalogueSource, isKnownPermission, permissionsFor } from '../src/index.js';
import { permissionsForRequest } from '../src/permissions/property-permissions.js';

describe('permission catalogue', () => {
  it('knows permission names and their app-role ids, case-insensitively', () => {
    expect(appRoleId('User.Read.All')).toBe('df021288-bdef-4463-88db-98f22de89214');
    expect(appRoleId('user.read.all')).toBe('df021288-bdef-4463-88db-98f22de89214');
    expect(isKnownPermission('IdentityRiskyUser.Read.All')).toBe(true);
    expect(isKnownPermission('Made.Up.All')).toBe(false);
    expect(appRoleId('Made.Up.All')).toBeUndefined();
    expect(catalogueSource()).toMatch(/microsoft-graph-devx-content/);
  });

  it('finds the least-privileged permission for a concrete request path', () => {
    expect(permissionsFor('GET', '/identityProtection/riskyUsers').least).toEqual([
      'IdentityRiskyUser.Read.All',
    ]);
    const ca = permissionsFor('get', '/v1.0/identity/conditionalAccess/policies/0f1e-77?$select=id');
    expect(ca.least).toEqual(['Policy.Read.All']);
    expect(ca.all[0]).toBe('Policy.Read.All');
  });

  it('lists least-privileged first, then the rest without duplicates', () => {
    const { least, all } = permissionsFor('PATCH', '/identity/conditionalAccess/policies/abc');
    expect(all.slice(0, least.length)).toEqual(least);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(least.length);
  });

  it('prefers a literal segment over {id} and matches function-style keys', () => {
    const users = permissionsFor('GET', '/users');
    expect(users.least.length).toBeGreaterThan(0);
    const byAppId = permissionsFor('DELETE', "/applications(appId='1234')");
    expect(byAppId.all.length).toBeGreaterThan(0);
  });

  it('never advises a write permission for a read', () => {
    // Microsoft's data marks User.ReadWrite.All least-privileged for GET+POST /users as one set.
    const { least, all } = permissionsFor('GET', '/users');
    expect(least).toEqual(['User.ReadBasic.All']);
    const firstWrite = all.findIndex((name) => /Write/.test(name));
    expect(all.slice(firstWrite).every((name) => /Write/.test(name))).toBe(true);
    expect(permissionsFor('POST', '/users').least).toContain('User.ReadWrite.All');
  });

  it('gives empty lists for unknown paths', () => {
    expect(permissionsFor('GET', '/no/such/thing')).toEqual({ least: [], all: [] });
  });
});

describe('permissions of a whole request', () => {
  it('reads a path-addressed SharePoint site as /sites/{id}', () => {
    expect(permissionsFor('GET', '/sites/contoso.sharepoint.com:/sites/finance').least).toEqual(
      permissionsFor('GET', '/sites/abc').least,
    );
    expect(permissionsFor('GET', '/sites/contoso.sharepoint.com:/sites/finance:/drives').least).toEqual(
      permissionsFor('GET', '/sites/abc/drives').least,
    );
    expect(permissionsFor('GET', '/sites/contoso.sharepoint.com:/sites/finance').least).not.toEqual([]);
  });

  it('puts the permission a selected property needs first (signInActivity needs AuditLog.Read.All)', () => {
    const plain = permissionsForRequest('GET', '/users', '?$select=id,displayName');
    expect(plain.least).not.toContain('AuditLog.Read.All');
    const withSignIns = permissionsForRequest('GET', '/users', '?$select=id,signInActivity&$top=10');
    expect(withSignIns.least[0]).toBe('AuditLog.Read.All');
    expect(withSignIns.all[0]).toBe('AuditLog.Read.All');
    expect(withSignIns.all).toContain('User.Read.All');
  });
});

// The file is trusted at run time (no parse at every start), so its shape is checked here, once.
describe('the generated catalogue file', () => {
  it('has the shape the lookups read: named permissions, and paths pointing at them', async () => {
    const { z } = await import('zod');
    const { default: generated } = await import('../src/permissions/catalogue.generated.json', {
      with: { type: 'json' },
    });
    const data = z
      .object({
        source: z.string().min(1),
        permissions: z.array(z.tuple([z.string().min(1), z.string().nullable()])).min(1),
        paths: z.record(
          z.string().regex(/^[A-Z]+ \/\S*$/i),
          z.tuple([z.array(z.number().int().nonnegative()), z.array(z.number().int().nonnegative())]),
        ),
      })
      .parse(generated);
    const count = data.permissions.length;
    for (const [least, all] of Object.values(data.paths)) {
      for (const index of [...least, ...all]) expect(index).toBeLessThan(count);
    }
  });
});
