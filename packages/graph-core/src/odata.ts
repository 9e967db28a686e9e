// An OData $filter builder that user input cannot escape: property names must look like property
// names, values become literals (strings quoted, quotes doubled), operators come from a fixed list.
// The result is branded, so a hand-concatenated string is a type error where a filter is expected.

declare const oDataFilterBrand: unique symbol;

/** A $filter expression built by `f`; the brand keeps raw strings out. */
export type ODataFilter = string & { readonly [oDataFilterBrand]: true };

/** An Edm.Guid literal (unquoted in OData), made by `f.guid`. */
export interface GuidLiteral {
  readonly kind: 'guid';
  readonly value: string;
}

export type FilterValue = string | number | boolean | Date | null | GuidLiteral;

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export interface ValueOptions {
  /** When given, the value must be one of these (enum properties such as `severity`). */
  allowed?: readonly FilterValue[];
}

export class ODataFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ODataFilterError';
  }
}

const PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const OPERATORS: readonly ComparisonOperator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

function brand(expression: string): ODataFilter {
  return expression as ODataFilter;
}

function property(name: string): string {
  if (typeof name !== 'string' || !PROPERTY.test(name)) {
    throw new ODataFilterError(`Not a valid property name for $filter: ${JSON.stringify(name)}.`);
  }
  return name;
}

function operator(op: string): ComparisonOperator {
  const found = OPERATORS.find((candidate) => candidate === op);
  if (found === undefined)
    throw new ODataFilterError(`Unsupported comparison operator: ${JSON.stringify(op)}.`);
  return found;
}

function sameValue(a: FilterValue, b: FilterValue): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (isGuid(a) && isGuid(b)) return a.value.toLowerCase() === b.value.toLowerCase();
  return a === b;
}

function isGuid(value: unknown): value is GuidLiteral {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Date) &&
    'kind' in value &&
    value.kind === 'guid'
  );
}

/** The OData literal for a value: the only place user input enters the expression. */
export function literal(value: FilterValue, options: ValueOptions = {}): string {
  if (options.allowed !== undefined && !options.allowed.some((allowed) => sameValue(allowed, value))) {
    throw new ODataFilterError(
      `Value is not one of the allowed values (${options.allowed.map(String).join(', ')}).`,
    );
  }
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ODataFilterError('Numbers in $filter must be finite.');
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ODataFilterError('Invalid date in $filter.');
    return value.toISOString();
  }
  if (isGuid(value) && GUID.test(value.value)) return value.value;
  throw new ODataFilterError('Unsupported value type in $filter.');
}

function compare(
  op: ComparisonOperator,
  name: string,
  value: FilterValue,
  options?: ValueOptions,
): ODataFilter {
  return brand(`${property(name)} ${operator(op)} ${literal(value, options)}`);
}

function combine(joiner: 'and' | 'or', filters: readonly ODataFilter[]): ODataFilter {
  if (filters.length === 0) throw new ODataFilterError(`${joiner}() needs at least one filter.`);
  if (filters.length === 1) return filters[0] as ODataFilter;
  return brand(filters.map((filter) => `(${filter})`).join(` ${joiner} `));
}

/** The filter builder: `f.and(f.eq('severity', input, { allowed: SEVERITIES }), f.ge('createdDateTime', since))`. */
export const f = {
  eq: (name: string, value: FilterValue, options?: ValueOptions): ODataFilter =>
    compare('eq', name, value, options),
  ne: (name: string, value: FilterValue, options?: ValueOptions): ODataFilter =>
    compare('ne', name, value, options),
  gt: (name: string, value: FilterValue, options?: ValueOptions): ODataFilter =>
    compare('gt', name, value, options),
  ge: (name: string, value: FilterValue, options?: ValueOptions): ODataFilter =>
    compare('ge', name, value, options),
  lt: (name: string, value: FilterValue, options?: ValueOptions): ODataFilter =>
    compare('lt', name, value, options),
  le: (name: string, value: FilterValue, options?: ValueOptions): ODataFilter =>
    compare('le', name, value, options),

  /** `name in ('a', 'b')`; an empty list is refused (Graph rejects it). */
  in: (name: string, values: readonly FilterValue[], options?: ValueOptions): ODataFilter => {
    if (values.length === 0) throw new ODataFilterError('in() needs at least one value.');
    return brand(`${property(name)} in (${values.map((value) => literal(value, options)).join(', ')})`);
  },

  startsWith: (name: string, value: string): ODataFilter =>
    brand(`startswith(${property(name)}, ${literal(requireString(value))})`),

  endsWith: (name: string, value: string): ODataFilter =>
    brand(`endswith(${property(name)}, ${literal(requireString(value))})`),

  /**
   * A lambda over a collection: `f.any('tags', 'eq', 'x')` is `tags/any(x:x eq 'x')`;
   * with `{ property: 'skuId' }` it compares a member's property: `assignedLicenses/any(x:x/skuId eq …)`.
   */
  any: (
    collection: string,
    op: ComparisonOperator,
    value: FilterValue,
    options: ValueOptions & { property?: string } = {},
  ): ODataFilter => {
    const member = options.property === undefined ? 'x' : `x/${property(options.property)}`;
    return brand(`${property(collection)}/any(x:${member} ${operator(op)} ${literal(value, options)})`);
  },

  and: (...filters: ODataFilter[]): ODataFilter => combine('and', filters),
  or: (...filters: ODataFilter[]): ODataFilter => combine('or', filters),
  not: (filter: ODataFilter): ODataFilter => brand(`not (${filter})`),

  /** An Edm.Guid value (e.g. a skuId), validated and left unquoted as OData requires. */
  guid: (value: string): GuidLiteral => {
    if (!GUID.test(value)) throw new ODataFilterError('Not a GUID.');
    return { kind: 'guid', value };
  },
} as const;

function requireString(value: unknown): string {
  if (typeof value !== 'string') throw new ODataFilterError('Expected a string value.');
  return value;
}
