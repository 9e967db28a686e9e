import { readFile } from 'node:fs/promises';
import { microsoftGraphAppId } from '@m365-mcp/graph-core';
import { describe, expect, it } from 'vitest';
import {
  compareRoles,
  definePermissions,
  formatPermissions,
  permissionsFor,
  requiredResourceAccess,
} from '../src/index.js';

// Read straight from the shipped catalogue, not through the code under test.
async function catalogueIds(): Promise<Map<string, string | null>> {
  const url = new URL('../../graph-core/src/permissions/catalogue.generated.json', import.meta.url);
  const data = JSON.parse(await readFile(url, 'utf8')) as { permissions: [string, string | null][] };
  return new Map(data.permissions);
}

const manifest = definePermissions('m365-identity', [
  { permission: 'User.Read.All', reason: 'list users and their sign-in state', access: 'read' },
  { permission: 'auditlog.read.all', reason: 'read sign-in activity', access: 'read' },
  { permission: 'Policy.Read.All', reason: 'read conditional access policies', access: 'read' },
  { permission: 'User.RevokeSessions.All', reason: "revoke a compromised user's sessions", access: 'write' },
]);

describe('permission manifests', () => {
  it("resolves every id from the catalogue, in Microsoft's spelling", async () => {
    const ids = await catalogueIds();
    expect(manifest.permissions.map((entry) => entry.permission)).toEqual([
      'User.Read.All',
      'AuditLog.Read.All',
      'Policy.Read.All',
      'User.RevokeSessions.All',
    ]);
    for (const entry of manifest.permissions) {
      expect(entry.id, entry.permission).toBe(ids.get(entry.permission));
      expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(manifest.permissions[0]?.id).toBe('df021288-bdef-4463-88db-98f22de89214');
  });

  it('refuses unknown names, delegated-only names, duplicates and empty reasons', async () => {
    expect(() =>
      definePermissions('s', [{ permission: 'User.Read.Everything', reason: 'r', access: 'read' }]),
    ).toThrow(/"User.Read.Everything" is not a Microsoft Graph application permission/);
    const delegatedOnly = [...(await catalogueIds())].find(([, id]) => id === null)?.[0];
    expect(delegatedOnly).toBeDefined();
    expect(() =>
      definePermissions('s', [{ permission: delegatedOnly ?? '', reason: 'r', access: 'read' }]),
    ).toThrow(/not a Microsoft Graph application permission/);
    expect(() =>
      definePermissions('s', [
        { permission: 'User.Read.All', reason: 'r', access: 'read' },
        { permission: 'user.read.all', reason: 'r', access: 'read' },
      ]),
    ).toThrow(/listed twice/);
    expect(() =>
      definePermissions('s', [{ permission: 'User.Read.All', reason: ' ', access: 'read' }]),
    ).toThrow(/needs a reason/);
  });

  it('lists reads only, or reads and writes', () => {
    expect(permissionsFor(manifest, { writes: false }).map((entry) => entry.permission)).toEqual([
      'User.Read.All',
      'AuditLog.Read.All',
      'Policy.Read.All',
    ]);
    expect(permissionsFor(manifest, { writes: true })).toHaveLength(4);
  });

  it("builds requiredResourceAccess with the catalogue's ids", async () => {
    const ids = await catalogueIds();
    const block = requiredResourceAccess(manifest, { writes: true });
    expect(block).toEqual([
      {
        resourceAppId: microsoftGraphAppId,
        resourceAccess: [
          'User.Read.All',
          'AuditLog.Read.All',
          'Policy.Read.All',
          'User.RevokeSessions.All',
        ].map((name) => ({ id: ids.get(name), type: 'Role' })),
      },
    ]);
    expect(requiredResourceAccess(manifest, { writes: false })[0]?.resourceAccess).toHaveLength(3);
  });

  it('formats the permissions command as a table plus the JSON block, or as JSON', () => {
    const text = formatPermissions(manifest, { writes: false, json: false });
    expect(text).toContain('m365-identity needs these Microsoft Graph application permissions (read-only)');
    expect(text).toMatch(/User\.Read\.All\s+df021288-bdef-4463-88db-98f22de89214\s+read\s+list users/);
    expect(text).not.toContain('User.RevokeSessions.All');
    expect(text).toContain('1 more permission(s) are needed only with --allow-writes');
    expect(text).toContain(`"resourceAppId": "${microsoftGraphAppId}"`);

    const json = JSON.parse(formatPermissions(manifest, { writes: true, json: true })) as Record<
      string,
      unknown
    >;
    expect(json).toEqual({
      server: 'm365-identity',
      writes: true,
      permissions: manifest.permissions,
      services: [],
      requiredResourceAccess: requiredResourceAccess(manifest, { writes: true }),
    });
  });
});

describe('compareRoles', () => {
  it('lists exactly what is missing when the token has too few roles', () => {
    const result = compareRoles(manifest, ['User.Read.All'], { writes: true });
    expect(result.missing.map((entry) => entry.permission)).toEqual([
      'AuditLog.Read.All',
      'Policy.Read.All',
      'User.RevokeSessions.All',
    ]);
    expect(result.excess).toEqual([]);
    expect(result.granted.map((entry) => entry.permission)).toEqual(['User.Read.All']);
  });

  it('lists exactly what is in excess when the token has too many, and write roles only count with writes', () => {
    const roles = [
      'User.Read.All',
      'AuditLog.Read.All',
      'Policy.Read.All',
      'User.RevokeSessions.All',
      'Mail.Read',
    ];
    const readOnly = compareRoles(manifest, roles, { writes: false });
    expect(readOnly.missing).toEqual([]);
    expect(readOnly.excess).toEqual(['Mail.Read', 'User.RevokeSessions.All']);
    const withWrites = compareRoles(manifest, roles, { writes: true });
    expect(withWrites.excess).toEqual(['Mail.Read']);
  });

  it('counts a ReadWrite role as covering its Read role, but still as excess', () => {
    const result = compareRoles(manifest, ['User.ReadWrite.All', 'AuditLog.Read.All', 'Policy.Read.All'], {
      writes: false,
    });
    expect(result.missing).toEqual([]);
    expect(result.broader).toEqual([{ permission: 'User.Read.All', heldAs: 'User.ReadWrite.All' }]);
    expect(result.excess).toEqual(['User.ReadWrite.All']);
  });
});
