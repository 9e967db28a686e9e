// Microsoft's Graph permission catalogue (the subset this project calls), so a 403 can name the
// permission that is missing and a server can list the app-role ids it needs. The data is
// generated from microsoftgraph/microsoft-graph-devx-content (MIT); see its `source` field.
//
// Every server reads it at start (its manifest names permissions), so nothing here is done before
// it is needed: the generated file is trusted as it is (its shape is checked by a test, not parsed
// at every start), the name index is built on the first lookup, and a path's patterns are compiled
// only for the method and segment count a request has.
import generated from './catalogue.generated.json' with { type: 'json' };

/** The generated file: permission [name, app-role id] pairs and, by `METHOD /path`, [least, all] indexes. */
export interface CatalogueData {
  source: string;
  permissions: [string, string | null][];
  paths: Record<string, [number[], number[]]>;
}

// JSON imports type tuples as arrays; the test of the generated file checks the tuple shape.
const data = generated as unknown as CatalogueData;

export interface PathPermissions {
  /** The least-privileged permissions, any one of which allows the call. */
  least: string[];
  /** Every application permission that allows the call (a superset of `least`). */
  all: string[];
}

interface Pattern {
  regex: RegExp;
  /** Literal characters in the pattern: the most specific match wins (`/users/delta` over `/users/{id}`). */
  specificity: number;
  least: readonly number[];
  all: readonly number[];
}

let idsByLowerName: ReadonlyMap<string, { name: string; id: string | null }> | undefined;

function permissionIndex(): ReadonlyMap<string, { name: string; id: string | null }> {
  idsByLowerName ??= new Map(data.permissions.map(([name, id]) => [name.toLowerCase(), { name, id }]));
  return idsByLowerName;
}

/** Patterns by `METHOD segmentCount`, grouped on first use; each bucket compiled when first asked. */
let pathsByBucket: Map<string, [string, [number[], number[]]][]> | undefined;
const compiled = new Map<string, readonly Pattern[]>();

function patternsFor(bucket: string): readonly Pattern[] {
  const done = compiled.get(bucket);
  if (done !== undefined) return done;
  if (pathsByBucket === undefined) {
    pathsByBucket = new Map();
    for (const entry of Object.entries(data.paths)) {
      const [key] = entry;
      const space = key.indexOf(' ');
      const group = `${key.slice(0, space).toUpperCase()} ${splitSegments(key.slice(space + 1)).length}`;
      const list = pathsByBucket.get(group) ?? [];
      list.push(entry);
      pathsByBucket.set(group, list);
    }
  }
  const patterns = (pathsByBucket.get(bucket) ?? [])
    .map(([key, [least, all]]): Pattern => {
      const path = key.slice(key.indexOf(' ') + 1);
      return {
        regex: new RegExp(`^${splitSegments(path).map(segmentPattern).join('/')}$`, 'i'),
        specificity: path.replace(/\{[^}]*\}/g, '').length,
        least,
        all,
      };
    })
    .sort((a, b) => b.specificity - a.specificity);
  compiled.set(bucket, patterns);
  return patterns;
}

/** A catalogue segment as a regex: `{anything}` matches one path segment's worth of characters. */
function segmentPattern(segment: string): string {
  return segment
    .split(/(\{[^}]*\})/)
    .map((part) => (part.startsWith('{') && part.endsWith('}') ? '[^/]+' : escapeRegex(part)))
    .join('');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function splitSegments(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** The Graph app-role id (GUID) of an application permission, or undefined when unknown. */
export function appRoleId(name: string): string | undefined {
  return permissionIndex().get(name.toLowerCase())?.id ?? undefined;
}

/** The permission as the catalogue spells it, with its app-role id (null for a delegated-only one). */
export function catalogueEntry(name: string): { name: string; id: string | null } | undefined {
  return permissionIndex().get(name.toLowerCase());
}

/** Whether Microsoft's catalogue (our subset) knows the permission name (case-insensitive). */
export function isKnownPermission(name: string): boolean {
  return permissionIndex().has(name.toLowerCase());
}

/** Every permission name in the catalogue subset, in catalogue order. */
let names: readonly string[] | undefined;

export function knownPermissions(): readonly string[] {
  names ??= data.permissions.map(([name]) => name);
  return names;
}

/** Attribution of the catalogue data (repository, commit, licence). */
export function catalogueSource(): string {
  return data.source;
}

/**
 * The application permissions that allow `method path`, least-privileged first. The path may carry
 * a version, a query and concrete ids: `/v1.0/users/0f1e…/memberOf?$top=5` matches
 * `GET /users/{id}/memberOf`. Unknown paths give empty lists.
 */
export function permissionsFor(method: string, path: string): PathPermissions {
  const segments = splitSegments(normaliseRequestPath(path));
  const candidates = patternsFor(`${method.toUpperCase()} ${segments.length}`);
  const joined = segments.join('/');
  const match = candidates.find((pattern) => pattern.regex.test(joined));
  if (match === undefined) return { least: [], all: [] };
  const nameAt = (index: number): string | undefined => data.permissions[index]?.[0];
  let least = match.least.map(nameAt).filter(isString);
  const all = match.all.map(nameAt).filter(isString);
  // Microsoft marks "least" per set of methods, so a ReadWrite permission marked least for
  // POST /users shows up as least for GET /users too. For a read, never advise a write permission
  // while a read permission would do.
  if (isRead(method)) {
    const reads = least.filter((name) => !grantsWrites(name));
    if (reads.length > 0) least = reads;
  }
  const rest = all.filter((name) => !least.includes(name));
  const ordered = isRead(method)
    ? [...rest.filter((name) => !grantsWrites(name)), ...rest.filter(grantsWrites)]
    : rest;
  return { least, all: [...least, ...ordered] };
}

function isRead(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'GET' || upper === 'HEAD';
}

function grantsWrites(permission: string): boolean {
  return /write|\.(manage|fullcontrol|delete|create)/i.test(permission);
}

function normaliseRequestPath(path: string): string {
  let rest = path;
  const schemeEnd = rest.indexOf('://');
  if (schemeEnd !== -1) {
    const pathStart = rest.indexOf('/', schemeEnd + 3);
    rest = pathStart === -1 ? '/' : rest.slice(pathStart);
  }
  const queryStart = rest.search(/[?#]/);
  if (queryStart !== -1) rest = rest.slice(0, queryStart);
  rest = rest.replace(/^\/?(v1\.0|beta)(?=\/|$)/i, '');
  // SharePoint's path addressing (`/sites/contoso.sharepoint.com:/sites/finance:/drives`) names one
  // site, which the catalogue knows as `/sites/{id}`.
  rest = rest.replace(/^\/sites\/[^/:]+:\/(?:sites|teams|personal)\/[^/:]+:?(?=\/|$)/i, '/sites/{id}');
  return (
    rest
      .split('/')
      // A decoded id may contain "/"; keep it inside its segment.
      .map((segment) => safeDecode(segment).replaceAll('/', '%2F'))
      .join('/')
  );
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}
