// Matches a version-less Graph path against the route templates. A template segment is a literal
// (compared case-insensitively, as Graph does), a `{name}` placeholder, or a placeholder with
// literal text around it inside one segment, such as SharePoint's `{hostname}:` path addressing.
import type { GraphVersion, HttpMethod, RouteDefinition } from './route.js';

type SegmentMatcher = { kind: 'literal'; text: string } | { kind: 'pattern'; regex: RegExp; names: string[] };

export interface CompiledRoute {
  route: RouteDefinition;
  segments: SegmentMatcher[];
  /** More literal text wins when two templates match the same path (`/users/delta()` over `/users/{id}`). */
  specificity: number;
}

export type RouteMatch =
  | { kind: 'matched'; compiled: CompiledRoute; params: Record<string, string> }
  | { kind: 'methodNotAllowed' }
  | { kind: 'notFound'; segment: string };

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileSegment(segment: string): SegmentMatcher {
  if (!segment.includes('{')) return { kind: 'literal', text: segment.toLowerCase() };
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const match of segment.matchAll(PLACEHOLDER)) {
    source += escapeRegex(segment.slice(last, match.index));
    source += '(.+?)';
    names.push(match[1] as string);
    last = match.index + match[0].length;
  }
  source += escapeRegex(segment.slice(last));
  if (names.length === 0) throw new Error(`graph-sim: malformed route path segment '${segment}'`);
  return { kind: 'pattern', regex: new RegExp(`^${source}$`, 'i'), names };
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

export function compileRoute(route: RouteDefinition): CompiledRoute {
  const segments = splitPath(route.path).map(compileSegment);
  const specificity = segments.reduce((n, s) => n + (s.kind === 'literal' ? s.text.length + 1000 : 1), 0);
  return { route, segments, specificity };
}

function matchSegment(matcher: SegmentMatcher, segment: string, params: Record<string, string>): boolean {
  if (matcher.kind === 'literal') return matcher.text === segment.toLowerCase();
  const match = matcher.regex.exec(segment);
  if (!match) return false;
  matcher.names.forEach((name, i) => {
    params[name] = match[i + 1] as string;
  });
  return true;
}

/** How many leading segments of the path this template accepts (for Graph's "segment" error). */
function matchedPrefix(compiled: CompiledRoute, segments: readonly string[]): number {
  const scratch: Record<string, string> = {};
  let n = 0;
  while (n < segments.length && n < compiled.segments.length) {
    if (!matchSegment(compiled.segments[n] as SegmentMatcher, segments[n] as string, scratch)) break;
    n++;
  }
  return n;
}

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly RouteDefinition[]) {
    this.compiled = routes.map(compileRoute);
  }

  get routes(): readonly CompiledRoute[] {
    return this.compiled;
  }

  /** `segments` are already percent-decoded. */
  match(method: HttpMethod | string, version: GraphVersion, segments: readonly string[]): RouteMatch {
    let best: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
    let pathMatchedOtherMethod = false;
    let longestPrefix = 0;
    for (const compiled of this.compiled) {
      const versions = compiled.route.versions;
      if (versions && !versions.includes(version)) continue;
      longestPrefix = Math.max(longestPrefix, matchedPrefix(compiled, segments));
      if (compiled.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const all = compiled.segments.every((m, i) => matchSegment(m, segments[i] as string, params));
      if (!all) continue;
      if (compiled.route.method !== method) {
        pathMatchedOtherMethod = true;
        continue;
      }
      if (!best || compiled.specificity > best.compiled.specificity) best = { compiled, params };
    }
    if (best) return { kind: 'matched', ...best };
    if (pathMatchedOtherMethod) return { kind: 'methodNotAllowed' };
    const segment = segments[Math.min(longestPrefix, segments.length - 1)] ?? '';
    return { kind: 'notFound', segment };
  }
}
