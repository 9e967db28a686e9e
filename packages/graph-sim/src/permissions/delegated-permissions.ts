// Which delegated permissions (a user token's `scp`) allow a Graph call: Microsoft's catalogue
// (delegated.generated.json, work or school accounts) by method and path; a route the catalogue has
// no delegated entry for falls back to its application permissions, whose names Graph mostly shares.
import delegatedJson from './delegated.generated.json' with { type: 'json' };
import type { RoutePermissions } from './route-permissions.js';

interface DelegatedCatalogue {
  permissions: string[];
  paths: Record<string, [number[], number[]]>;
}

const catalogue = delegatedJson as unknown as DelegatedCatalogue;

export function delegatedPermissionsFor(
  method: string,
  path: string,
  application: RoutePermissions,
): readonly string[] {
  const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{id}').toLowerCase()}`;
  const entry = catalogue.paths[key];
  if (!entry || entry[1].length === 0) return application.anyOf;
  return entry[1].map((i) => catalogue.permissions[i]).filter((n): n is string => typeof n === 'string');
}
