// Where a request goes. Paths are relative to the Graph version; absolute URLs (nextLinks,
// deltaLinks, cursors handed back by a tool) are followed only on the configured Graph origin,
// because the bearer token goes wherever the URL points and a nextLink is tenant-controlled data.
import { GraphError } from './errors.js';
import type { ODataFilter } from './odata.js';

export type GraphVersion = 'v1.0' | 'beta';

/**
 * Query parameters, encoded safely (each value percent-encoded, so no value can add a parameter).
 * `$filter` takes only a filter built with `f`.
 */
export type QueryParams = Record<string, string | number | boolean | undefined> & { $filter?: ODataFilter };

export interface RequestTarget {
  version: GraphVersion;
  /** Relative to the version, starting with `/`, without the query: for logs, workloads, permissions. */
  path: string;
  /** `?a=b&…` already percent-encoded, or ''. */
  search: string;
}

const QUERY_KEY = /^\$?[A-Za-z][A-Za-z0-9_.-]*$/;

export class UntrustedLinkError extends GraphError {
  static override readonly kind: string = 'UntrustedLinkError';

  constructor(message: string) {
    super({ status: 0, code: 'untrustedLink', message });
  }
}

export function resolveTarget(
  graphBaseUrl: string,
  pathOrUrl: string,
  defaultVersion: GraphVersion,
  query: QueryParams | undefined,
): RequestTarget {
  const { pathAndQuery, version } = isAbsolute(pathOrUrl)
    ? fromAbsolute(graphBaseUrl, pathOrUrl)
    : fromRelative(pathOrUrl, defaultVersion);
  const queryStart = pathAndQuery.indexOf('?');
  const path = queryStart === -1 ? pathAndQuery : pathAndQuery.slice(0, queryStart);
  const ownQuery = queryStart === -1 ? '' : pathAndQuery.slice(queryStart + 1);
  checkPath(path);
  const parts = ownQuery === '' ? [] : [guardQuery(ownQuery)];
  const added = encodeQuery(query);
  if (added !== '') parts.push(added);
  return { version, path, search: parts.length === 0 ? '' : `?${parts.join('&')}` };
}

function isAbsolute(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) || value.startsWith('//');
}

function fromAbsolute(graphBaseUrl: string, link: string): { pathAndQuery: string; version: GraphVersion } {
  const base = new URL(graphBaseUrl);
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new UntrustedLinkError('Refused a link that is not a valid URL.');
  }
  if (url.protocol !== 'https:' || url.origin !== base.origin || url.username !== '' || url.password !== '') {
    throw new UntrustedLinkError(
      `Refused to follow a link to ${url.protocol}//${url.host}: only links on ${base.origin} are followed, ` +
        'so the access token is never sent anywhere else.',
    );
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  const rest = url.pathname.slice(basePath.length);
  const match = /^\/(v1\.0|beta)(\/.*)$/.exec(rest);
  if (!url.pathname.startsWith(`${basePath}/`) || match === null) {
    throw new UntrustedLinkError(`Refused a link outside ${base.origin}${basePath}/{v1.0|beta}/.`);
  }
  const version = match[1] === 'beta' ? 'beta' : 'v1.0';
  return { pathAndQuery: `${match[2] ?? '/'}${url.search}`, version };
}

function fromRelative(
  path: string,
  defaultVersion: GraphVersion,
): { pathAndQuery: string; version: GraphVersion } {
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  const match = /^\/(v1\.0|beta)(\/.*)$/.exec(withSlash);
  if (match !== null)
    return { pathAndQuery: match[2] ?? '/', version: match[1] === 'beta' ? 'beta' : 'v1.0' };
  return { pathAndQuery: withSlash, version: defaultVersion };
}

/** A path must stay a path: no dot segments, backslashes or fragments that could move it elsewhere. */
function checkPath(path: string): void {
  const segments = path.split('/').map((segment) => safeDecode(segment));
  if (
    path.includes('\\') ||
    path.includes('#') ||
    path.includes('://') ||
    path.startsWith('//') ||
    segments.some((s) => s === '.' || s === '..')
  ) {
    throw new GraphError({
      status: 0,
      code: 'invalidPath',
      message: 'Refused a Graph path with dot segments.',
    });
  }
}

/** graph-client treats any "https://" in the string as the start of a URL; keep it from seeing one. */
function guardQuery(query: string): string {
  return query.replace(/#.*$/, '').replace(/:\/\//g, '%3A//');
}

export function encodeQuery(query: QueryParams | undefined): string {
  if (query === undefined) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (!QUERY_KEY.test(key)) {
      throw new GraphError({
        status: 0,
        code: 'invalidQuery',
        message: `Invalid query parameter name: ${key}`,
      });
    }
    parts.push(`${key}=${encodeURIComponent(String(value))}`);
  }
  return parts.join('&');
}

/**
 * A Graph path with every interpolated value encoded as one segment, so an id from tenant data
 * cannot add segments or a query: graphPath`/users/${id}/drive`.
 */
export function graphPath(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  let path = strings[0] ?? '';
  values.forEach((value, index) => {
    const text = String(value);
    if (text === '' || text === '.' || text === '..') {
      throw new GraphError({ status: 0, code: 'invalidPath', message: 'Empty or dot path segment.' });
    }
    path += encodeURIComponent(text) + (strings[index + 1] ?? '');
  });
  return path;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
