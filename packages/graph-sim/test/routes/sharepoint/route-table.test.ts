import { describe, expect, it } from 'vitest';
import { compileRoute } from '../../../src/engine/router.js';
import { resolveRoutePermissions } from '../../../src/permissions/route-permissions.js';
import { securityRoutes } from '../../../src/routes/security/index.js';
import { sharepointRoutes } from '../../../src/routes/sharepoint/index.js';

describe('security and SharePoint route tables', () => {
  it('every route has permissions, from its declaration or Microsoft catalogue', () => {
    for (const route of [...securityRoutes, ...sharepointRoutes]) {
      const resolved = resolveRoutePermissions(route);
      expect(resolved.anyOf.length, `${route.method} ${route.path}`).toBeGreaterThan(0);
    }
  });

  it('the permission reads need what Microsoft documents', () => {
    const find = (method: string, path: string) => {
      const route = [...securityRoutes, ...sharepointRoutes].find(
        (r) => r.method === method && r.path === path,
      );
      if (!route) throw new Error(`no route ${method} ${path}`);
      return resolveRoutePermissions(route).anyOf;
    };
    expect(find('GET', '/sites/{id}/permissions')).toEqual(['Sites.FullControl.All']);
    expect(find('GET', '/admin/sharepoint/settings')).toContain('SharePointTenantSettings.Read.All');
    expect(find('PATCH', '/admin/sharepoint/settings')).toEqual(['SharePointTenantSettings.ReadWrite.All']);
    expect(find('DELETE', '/drives/{driveId}/items/{itemId}/permissions/{permissionId}')).not.toContain(
      'Files.Read.All',
    );
    expect(find('PATCH', '/security/incidents/{id}')).toEqual(['SecurityIncident.ReadWrite.All']);
    expect(find('GET', '/security/alerts_v2')).toContain('SecurityAlert.Read.All');
  });

  it('no two routes share a method and template', () => {
    const keys = [...securityRoutes, ...sharepointRoutes].map((r) => {
      const segments = compileRoute(r).segments.map((s) => (s.kind === 'literal' ? s.text : s.regex.source));
      return `${r.method} ${segments.join('/')}`;
    });
    expect(new Set(keys).size).toBe(keys.length);
  });
});
