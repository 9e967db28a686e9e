// Some properties are guarded by a permission of their own, beyond the one their path needs: Graph
// answers 403 when they are selected without it, and the catalogue (which is by path) cannot say
// so. Listed here from the Graph documentation, so a 403 names the permission that is missing.
import { type PathPermissions, permissionsFor } from './catalogue.js';

interface PropertyPermission {
  path: RegExp;
  property: string;
  permission: string;
}

const propertyPermissions: readonly PropertyPermission[] = [
  // user resource: signInActivity "requires AuditLog.Read.All" in addition to a user read permission.
  { path: /^\/users(\/[^/]+)?$/i, property: 'signinactivity', permission: 'AuditLog.Read.All' },
];

function selectedProperties(search: string): string[] {
  const select = new URLSearchParams(search).get('$select');
  return select === null ? [] : select.split(',').map((p) => p.trim().toLowerCase());
}

/**
 * The permissions a request needs: the path's (least-privileged first), preceded by any permission
 * a selected property needs on top, since that one is the likelier cause of a 403.
 */
export function permissionsForRequest(method: string, path: string, search = ''): PathPermissions {
  const base = permissionsFor(method, path);
  const selected = selectedProperties(search);
  const extra = propertyPermissions
    .filter((rule) => rule.path.test(path) && selected.includes(rule.property))
    .map((rule) => rule.permission)
    .filter((permission) => !base.least.includes(permission));
  if (extra.length === 0) return base;
  return { least: [...extra, ...base.least], all: [...extra, ...base.all.filter((p) => !extra.includes(p))] };
}
