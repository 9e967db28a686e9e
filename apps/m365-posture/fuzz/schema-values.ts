// Values for a tool's JSON Schema (as tools/list gives it): valid ones, to get past validation into
// the tool itself, and boundary ones, just inside and just outside each declared limit.
import type { Prng } from './prng.ts';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
}

export type ValueMode = 'valid' | 'boundary';

/** Strings a Microsoft 365 tool plausibly takes: ids, names, addresses, dates, URLs. */
const plausibleStrings = [
  'contoso',
  'admin@contoso.onmicrosoft.com',
  'adele.vance@contoso.com',
  '00000000-0000-0000-0000-000000000000',
  '9f7c5a3e-1b2d-4c6e-8f0a-123456789abc',
  'https://contoso.sharepoint.com/sites/finance',
  '2024-01-01T00:00:00Z',
  'high',
  '1.1.1',
  'report.json',
  'Global Administrator',
];

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  return [];
}

function numberValue(schema: JsonSchema, integer: boolean, mode: ValueMode, random: Prng): number {
  const low =
    schema.minimum ?? (schema.exclusiveMinimum === undefined ? undefined : schema.exclusiveMinimum + 1);
  const high =
    schema.maximum ?? (schema.exclusiveMaximum === undefined ? undefined : schema.exclusiveMaximum - 1);
  if (mode === 'boundary') {
    const edges = [0, -1, 1];
    if (low !== undefined) edges.push(low, low - 1);
    if (high !== undefined) edges.push(high, high + 1);
    if (!integer) edges.push((low ?? 0) + 0.5);
    return random.pick(edges);
  }
  const min = low ?? 0;
  const max = high ?? Math.max(min + 100, 100);
  const value = min + random.next() * (max - min);
  return integer ? Math.round(value) : value;
}

function stringValue(schema: JsonSchema, mode: ValueMode, random: Prng): string {
  if (schema.format === 'date-time')
    return new Date(Date.UTC(2024, random.int(0, 11), random.int(1, 28))).toISOString();
  if (schema.format === 'uri' || schema.format === 'url')
    return 'https://contoso.sharepoint.com/sites/finance';
  if (schema.format === 'email') return 'adele.vance@contoso.com';
  if (schema.format === 'uuid') return '9f7c5a3e-1b2d-4c6e-8f0a-123456789abc';
  const min = schema.minLength ?? 0;
  const max = schema.maxLength;
  if (mode === 'boundary') {
    const lengths = [0, min, Math.max(0, min - 1)];
    if (max !== undefined) lengths.push(max, max + 1);
    return 'x'.repeat(random.pick(lengths));
  }
  let text = random.pick(plausibleStrings);
  if (text.length < min) text = text.padEnd(min, 'x');
  if (max !== undefined && text.length > max) text = text.slice(0, max);
  return text;
}

function arrayValue(schema: JsonSchema, mode: ValueMode, random: Prng, depth: number): unknown[] {
  const min = schema.minItems ?? 0;
  const max = schema.maxItems ?? Math.max(min, 3);
  const count =
    mode === 'boundary'
      ? random.pick([0, min, Math.max(0, min - 1), max, max + 1].filter((n) => n <= 50))
      : random.int(min, Math.min(max, min + 3));
  return Array.from({ length: count }, () => valueFor(schema.items ?? {}, mode, random, depth + 1));
}

/** An object for an object schema: every required property, and each optional one half the time. */
export function objectValue(
  schema: JsonSchema,
  mode: ValueMode,
  random: Prng,
  depth = 0,
): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  const value: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (required.has(name) || random.chance(0.5)) value[name] = valueFor(property, mode, random, depth + 1);
  }
  return value;
}

/** A value that satisfies `schema` (mode 'valid') or sits on one of its limits (mode 'boundary'). */
export function valueFor(schema: JsonSchema, mode: ValueMode, random: Prng, depth = 0): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) {
    return mode === 'boundary' && random.chance(0.3) ? 'not-a-member' : random.pick(schema.enum);
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches && branches.length > 0) return valueFor(random.pick(branches), mode, random, depth);
  if (schema.allOf && schema.allOf.length > 0) return valueFor(schema.allOf[0] ?? {}, mode, random, depth);
  const type = random.pick(typesOf(schema).length > 0 ? typesOf(schema) : ['string']);
  if (depth > 6) return null;
  switch (type) {
    case 'integer':
      return numberValue(schema, true, mode, random);
    case 'number':
      return numberValue(schema, false, mode, random);
    case 'boolean':
      return random.chance(0.5);
    case 'null':
      return null;
    case 'array':
      return arrayValue(schema, mode, random, depth);
    case 'object':
      return objectValue(schema, mode, random, depth);
    default:
      return stringValue(schema, mode, random);
  }
}

/** The JSON type names a schema accepts, to pick a value of another type. */
export function acceptedTypes(schema: JsonSchema): string[] {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return branches.flatMap(acceptedTypes);
  if (schema.enum) return [...new Set(schema.enum.map((v) => (v === null ? 'null' : typeof v)))];
  return typesOf(schema);
}
