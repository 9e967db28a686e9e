// Which application permissions allow a Graph call, from Microsoft's permission catalogue (the
// generated subset in catalogue.generated.json). Keys there keep Microsoft's casing and placeholder
// names, so both sides are normalised: lower case, and every `{placeholder}` read as `{id}`.
import catalogueJson from './catalogue.generated.json' with { type: 'json' };

interface Catalogue {
  permissions: [string, string | null][];
  paths: Record<string, [number[], number[]]>;
}

const catalogue = catalogueJson as unknown as Catalogue;

export interface CataloguePermissions {
  /** Least-privileged permissions for the call (may be empty when Microsoft marks none). */
  leastPrivileged: string[];
  /** Every permission that allows the call. */
  all: string[];
}

function normaliseKey(method: string, path: string): string {
  const normalisedPath = path.replace(/\{[^}]*\}/g, '{id}').toLowerCase();
  return `${method.toUpperCase()} ${normalisedPath}`;
}

let index: Map<string, CataloguePermissions> | undefined;

function buildIndex(): Map<string, CataloguePermissions> {
  const names = (indexes: number[]): string[] =>
    indexes.map((i) => catalogue.permissions[i]?.[0]).filter((n): n is string => typeof n === 'string');
  const map = new Map<string, CataloguePermissions>();
  for (const [key, [least, all]] of Object.entries(catalogue.paths)) {
    const space = key.indexOf(' ');
    const normalised = normaliseKey(key.slice(0, space), key.slice(space + 1));
    const existing = map.get(normalised);
    const entry = existing ?? { leastPrivileged: [], all: [] };
    for (const name of names(least))
      if (!entry.leastPrivileged.includes(name)) entry.leastPrivileged.push(name);
    for (const name of names(all)) if (!entry.all.includes(name)) entry.all.push(name);
    map.set(normalised, entry);
  }
  return map;
}

/** The catalogue's permissions for `METHOD /path/{with}/{placeholders}`, or undefined when it has none. */
export function lookupCataloguePermissions(method: string, path: string): CataloguePermissions | undefined {
  index ??= buildIndex();
  return index.get(normaliseKey(method, path));
}

/** The application role id (GUID) of a Graph permission, when the catalogue knows it. */
export function appRoleIdOf(permission: string): string | undefined {
  const entry = catalogue.permissions.find(([name]) => name.toLowerCase() === permission.toLowerCase());
  return entry?.[1] ?? undefined;
}
