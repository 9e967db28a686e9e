// What a version shows of the tenant. The tenant model holds every fact either Graph version can
// show (beta's properties included), as Graph's own store does; each version's answer is a
// projection of it. So a property that only the other version's type has is left out, here, for
// every route: v1.0 never sends `isPrivileged` or `numberMatchingRequiredState`. A property that
// neither version has is kept, so the body-conformance test still catches a typo in the data.

import { elementType, type GraphSchema, graphSchema } from '../schema/graph-schema.js';
import type { GraphVersion } from './route.js';

const OTHER: Record<GraphVersion, GraphVersion> = { 'v1.0': 'beta', beta: 'v1.0' };

export class VersionProjection {
  private readonly own: GraphSchema;
  private readonly other: GraphSchema;

  constructor(version: GraphVersion) {
    this.own = graphSchema(version);
    this.other = graphSchema(OTHER[version]);
  }

  /** The value as this version shows it, for a value declared with `type` (null: unknown, left as is). */
  value(type: string | null, value: unknown): unknown {
    if (type === null || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.value(elementType(type), item));
    return this.object(elementType(type), value as Record<string, unknown>);
  }

  private object(declared: string, record: Record<string, unknown>): Record<string, unknown> {
    const named = record['@odata.type'];
    const type = typeof named === 'string' ? named.replace(/^#/, '') : declared;
    if (!this.own.type(type)) return record;
    const own = this.own.members(type);
    const other = this.other.type(type) ? this.other.members(type) : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(record)) {
      const member = own.get(key);
      if (member) out[key] = this.value(member.type, inner);
      else if (!other?.has(key)) out[key] = inner;
    }
    return out;
  }
}

const projections: Partial<Record<GraphVersion, VersionProjection>> = {};

export function versionProjection(version: GraphVersion): VersionProjection {
  projections[version] ??= new VersionProjection(version);
  return projections[version];
}

/** How a route's items are shown in the request's version: by the type the route returns. */
export function projectorFor(version: GraphVersion, method: string, path: string): (item: object) => object {
  const type = graphSchema(version).route(method, path)?.type ?? null;
  if (type === null) return (item) => item;
  const projection = versionProjection(version);
  return (item) => projection.value(type, item) as object;
}
