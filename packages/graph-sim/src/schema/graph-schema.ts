// Microsoft Graph's schema, as far as graph-sim's routes reach it: per version, what each route
// returns and which query options Graph allows on it, and every reachable type's properties and
// enum's members. Generated from Microsoft's metadata by scripts/generate-graph-schema.mjs (a test
// regenerates it and fails on any difference); this module only reads it.

import type { GraphVersion } from '../engine/route.js';
import beta from './graph-schema.beta.generated.json' with { type: 'json' };
import v1 from './graph-schema.v1.0.generated.json' with { type: 'json' };

/** Query restrictions Graph declares for a collection (only those that differ from "allowed"). */
export interface Capabilities {
  countable?: false;
  filterable?: false;
  sortable?: false;
  searchable?: false;
  skip?: false;
  top?: false;
  select?: false;
  expandable?: false;
  /** `$count` and `$search` need the header `ConsistencyLevel: <value>` (directory objects). */
  consistencyLevel?: string;
}

export interface RouteSchema {
  /** The type the route returns (the element type for collections); null for actions without a result. */
  type: string | null;
  collection: boolean;
  /** The route reads one primitive or stream property (file `content`), not an entity. */
  primitive?: boolean;
  capabilities?: Capabilities;
  /** Navigation paths graph-sim can inline with `$expand`, and the type each one holds. */
  expand?: Record<string, string>;
}

export interface TypeSchema {
  kind: 'entity' | 'complex';
  base?: string;
  abstract?: boolean;
  /** Open types may carry dynamic properties beyond those declared (identity, controlScore). */
  open?: boolean;
  /** Structural properties declared on this type (not its bases): name -> Edm or schema type. */
  properties: Record<string, string | null>;
  navigation?: Record<string, string | null>;
  /** Navigation properties Graph sends inline without $expand (documented responses show them). */
  sentWithoutExpand?: string[];
}

interface VersionFile {
  routes: Record<string, RouteSchema>;
  types: Record<string, TypeSchema>;
  enums: Record<string, string[]>;
}

export interface Member {
  kind: 'property' | 'navigation';
  /** The declared type (`Collection(...)` for collections); null where the metadata gives none. */
  type: string | null;
  /** The type that declares it. */
  owner: string;
  /** Its name as the metadata spells it. */
  name: string;
}

/** One version of the schema, with the lookups the engine and the conformance test need. */
export class GraphSchema {
  private readonly derivedIndex = new Map<string, string[]>();
  private readonly routeIndex = new Map<string, RouteSchema>();
  private readonly membersByType = new Map<string, Map<string, Member>>();

  constructor(
    readonly version: GraphVersion,
    private readonly file: VersionFile,
  ) {
    for (const [name, type] of Object.entries(file.types)) {
      if (type.base) this.derivedIndex.set(type.base, [...(this.derivedIndex.get(type.base) ?? []), name]);
    }
    for (const [key, route] of Object.entries(file.routes)) this.routeIndex.set(key.toLowerCase(), route);
  }

  /** The schema of a route, by method and path template (`GET /users/{id}`); undefined if Graph has none. */
  route(method: string, path: string): RouteSchema | undefined {
    return this.routeIndex.get(`${method} ${path}`.toLowerCase());
  }

  type(name: string): TypeSchema | undefined {
    return this.file.types[name];
  }

  enumMembers(name: string): readonly string[] | undefined {
    return this.file.enums[name];
  }

  /** The type and its base types, most derived first. */
  lineage(name: string): string[] {
    const chain: string[] = [];
    for (let type: string | undefined = name; type; type = this.file.types[type]?.base) chain.push(type);
    return chain;
  }

  /** Every type derived from `name`, transitively. */
  derived(name: string): string[] {
    return (this.derivedIndex.get(name) ?? []).flatMap((child) => [child, ...this.derived(child)]);
  }

  /** True when Graph sends this navigation property of the type (or a base) without $expand. */
  sentWithoutExpand(typeName: string, navigation: string): boolean {
    return this.lineage(typeName).some((type) =>
      this.file.types[type]?.sentWithoutExpand?.includes(navigation),
    );
  }

  /** True when the type or one of its bases is open. */
  isOpen(name: string): boolean {
    return this.lineage(name).some((type) => this.file.types[type]?.open === true);
  }

  isA(name: string, ancestor: string): boolean {
    return this.lineage(name).includes(ancestor);
  }

  /** Every member of the type and its bases, by exact name (cached: bodies are checked per property). */
  members(typeName: string): ReadonlyMap<string, Member> {
    let members = this.membersByType.get(typeName);
    if (!members) {
      members = new Map();
      for (const owner of this.lineage(typeName).reverse()) {
        const type = this.file.types[owner];
        for (const [name, memberType] of Object.entries(type?.properties ?? {})) {
          members.set(name, { kind: 'property', type: memberType, owner, name });
        }
        for (const [name, memberType] of Object.entries(type?.navigation ?? {})) {
          members.set(name, { kind: 'navigation', type: memberType, owner, name });
        }
      }
      this.membersByType.set(typeName, members);
    }
    return members;
  }

  /** A property or navigation property of `typeName` or one of its bases (case-insensitive, as Graph reads query options). */
  member(typeName: string, name: string): Member | undefined {
    const lower = name.toLowerCase();
    for (const owner of this.lineage(typeName)) {
      const type = this.file.types[owner];
      for (const kind of ['property', 'navigation'] as const) {
        const members = (kind === 'property' ? type?.properties : type?.navigation) ?? {};
        const found = Object.keys(members).find((key) => key.toLowerCase() === lower);
        if (found !== undefined) return { kind, type: members[found] ?? null, owner, name: found };
      }
    }
    return undefined;
  }

  /**
   * A member of `typeName` or of any type derived from it. Graph accepts `$select=userPrincipalName`
   * on `/groups/{id}/members` (typed directoryObject) and answers with it for the users among them.
   */
  memberOfFamily(typeName: string, name: string): Member | undefined {
    for (const candidate of [typeName, ...this.derived(typeName)]) {
      const found = this.member(candidate, name);
      if (found) return found;
    }
    return undefined;
  }
}

const schemas: Record<GraphVersion, GraphSchema> = {
  'v1.0': new GraphSchema('v1.0', v1 as unknown as VersionFile),
  beta: new GraphSchema('beta', beta as unknown as VersionFile),
};

export function graphSchema(version: GraphVersion): GraphSchema {
  return schemas[version];
}

/** `Collection(x)` -> `x`. */
export function elementType(type: string): string {
  return /^Collection\((.*)\)$/.exec(type)?.[1] ?? type;
}

export function isCollectionType(type: string): boolean {
  return type.startsWith('Collection(');
}
