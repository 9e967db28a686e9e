// Microsoft's Graph permission catalogue (the subset this project calls), so a 403 can name the
// permission that is missing and a server can list the app-role ids it needs. The data is
// generated from microsoftgraph/microsoft-graph-devx-content (MIT); see its `source` field.
import { z } from 'zod';
import generated from './catalogue.generated.json' with { type: 'json' };

const catalogueSchema = z.object({
  source: z.string(),
  permissions: z.array(z.tuple([z.string(), z.string().nullable()])),
  paths: z.record(z.string(), z.tuple([z.array(z.number().int()), z.array(z.number().int())])),
});

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

interface Catalogue {
  source: string;
  names: readonly string[];
  idsByLowerName: ReadonlyMap<string, { name: string; id: string | null }>;
  /** Patterns by `METHOD segmentCount`. */
  patterns: ReadonlyMap<string, Pattern[]>;
}

let loaded: Catalogue | undefined;

function catalogue(): Catalogue {
  if (loaded !== undefined) return loaded;
  const data = catalogueSchema.parse(generated);
  const idsByLowerName = new Map(data.permissions.map(([name, id]) => [name.toLowerCase(), { name, id }]));
  const patterns = new Map<string, Pattern[]>();
  for (const [key, [least, all]] of Object.entries(data.paths)) {
    const space = key.indexOf(' ');
    const method = key.slice(0, space).toUpperCase();
    const path = key.slice(space + 1);
    const segments = splitSegments(path);
    const bucket = `${method} ${segments.length}`;
    const list = patterns.get(bucket) ?? [];
    list.push({
      regex: new RegExp(`^${segments.map(segmentPattern).join('/')}$`, 'i'),
      specificity: path.replace(/\{[^}]*\}/g, '').length,
      least,
      all,
    });
    patterns.set(bucket, list);
  }
  for (const list of patterns.values()) list.sort((a, b) => b.specificity - a.specificity);
  loaded = {
    source: data.source,
    names: data.permissions.map(([name]) => name),
    idsByLowerName,
    patterns,
  };
  return loaded;
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
  return catalogue().idsByLowerName.get(name.toLowerCase())?.id ?? undefined;
}

/** Whether Microsoft's catalogue (our subset) knows the permission name (case-insensitive). */
export function isKnownPermission(name: string): boolean {
  return catalogue().idsByLowerName.has(name.toLowerCase());
}

/** Every permission name in the catalogue subset, in catalogue order. */
export function knownPermissions(): readonly string[] {
  return catalogue().names;
}

/** Attribution of the catalogue data (repository, commit, licence). */
export function catalogueSource(): string {
  return catalogue().source;
}

/**
 * The application permissions that allow `method path`, least-privileged first. The path may carry
 * a version, a query and concrete ids: `/v1.0/users/0f1e…/memberOf?$top=5` matches
 * `GET /users/{id}/memberOf`. Unknown paths give empty lists.
 */
export function permissionsFor(method: string, path: string): PathPermissions {
  const data = catalogue();
  const segments = splitSegments(normaliseRequestPath(path));
  const candidates = data.patterns.get(`${method.toUpperCase()} ${segments.length}`) ?? [];
  const joined = segments.join('/');
  const match = candidates.find((pattern) => pattern.regex.test(joined));
  if (match === undefined) return { least: [], all: [] };
  const nameAt = (index: number): string | undefined => data.names[index];
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
