// Evaluates a parsed $filter against one item. String comparisons ignore case, as Graph's directory
// does; a date/time literal compares with ISO strings as instants.
import type { ComparisonOperator, FilterNode, Literal } from './filter-parser.js';

type Value =
  | string
  | number
  | boolean
  | null
  | undefined
  | { datetime: number }
  | readonly unknown[]
  | object;

type Scope = Readonly<Record<string, unknown>>;

export function readPath(item: unknown, path: readonly string[]): unknown {
  let current: unknown = item;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    const record = current as Record<string, unknown>;
    if (segment in record) {
      current = record[segment];
      continue;
    }
    // Graph property names are case-insensitive in queries.
    const key = Object.keys(record).find((k) => k.toLowerCase() === segment.toLowerCase());
    current = key === undefined ? undefined : record[key];
  }
  return current;
}

function literalValue(literal: Literal): Value {
  switch (literal.kind) {
    case 'string':
    case 'guid':
      return literal.value;
    case 'number':
    case 'boolean':
      return literal.value;
    case 'null':
      return null;
    case 'datetime':
      return { datetime: literal.value };
  }
}

function evaluate(node: FilterNode, item: unknown, scope: Scope): Value {
  switch (node.kind) {
    case 'literal':
      return literalValue(node.literal);
    case 'member': {
      const root = node.variable ? scope[node.variable] : item;
      return readPath(root, node.path) as Value;
    }
    case 'compare':
      return compare(node.op, evaluate(node.left, item, scope), evaluate(node.right, item, scope));
    case 'in': {
      const left = evaluate(node.left, item, scope);
      return node.values.some((v) => compare('eq', left, literalValue(v)));
    }
    case 'and':
      return truthy(evaluate(node.left, item, scope)) && truthy(evaluate(node.right, item, scope));
    case 'or':
      return truthy(evaluate(node.left, item, scope)) || truthy(evaluate(node.right, item, scope));
    case 'not':
      return !truthy(evaluate(node.operand, item, scope));
    case 'function': {
      const subject = evaluate(node.args[0], item, scope);
      const needle = evaluate(node.args[1], item, scope);
      if (typeof subject !== 'string' || typeof needle !== 'string') return false;
      const s = subject.toLowerCase();
      const n = needle.toLowerCase();
      if (node.name === 'startswith') return s.startsWith(n);
      if (node.name === 'endswith') return s.endsWith(n);
      return s.includes(n);
    }
    case 'lambda': {
      const collection = evaluate(node.collection, item, scope);
      const elements = Array.isArray(collection) ? collection : [];
      const test = (element: unknown) =>
        truthy(evaluate(node.body, item, { ...scope, [node.variable]: element }));
      return node.quantifier === 'any' ? elements.some(test) : elements.every(test);
    }
  }
}

function truthy(value: Value): boolean {
  return value === true;
}

function isDatetime(value: Value): value is { datetime: number } {
  return typeof value === 'object' && value !== null && 'datetime' in value;
}

/** Both sides as comparable primitives, or undefined when they cannot be compared. */
function comparable(
  left: Value,
  right: Value,
): [string | number | boolean, string | number | boolean] | undefined {
  if (isDatetime(left) || isDatetime(right)) {
    const toInstant = (v: Value): number | undefined => {
      if (isDatetime(v)) return v.datetime;
      if (typeof v === 'string') {
        const t = Date.parse(v);
        return Number.isNaN(t) ? undefined : t;
      }
      return undefined;
    };
    const l = toInstant(left);
    const r = toInstant(right);
    return l === undefined || r === undefined ? undefined : [l, r];
  }
  if (typeof left === 'string' && typeof right === 'string') return [left.toLowerCase(), right.toLowerCase()];
  if (typeof left === 'number' && typeof right === 'number') return [left, right];
  if (typeof left === 'boolean' && typeof right === 'boolean') return [left, right];
  return undefined;
}

function compare(op: ComparisonOperator, left: Value, right: Value): boolean {
  const leftNull = left === null || left === undefined;
  const rightNull = right === null || right === undefined;
  if (leftNull || rightNull) {
    if (op === 'eq') return leftNull && rightNull;
    if (op === 'ne') return leftNull !== rightNull;
    return false;
  }
  const pair = comparable(left, right);
  if (!pair) return op === 'ne';
  const [l, r] = pair;
  switch (op) {
    case 'eq':
      return l === r;
    case 'ne':
      return l !== r;
    case 'gt':
      return l > r;
    case 'ge':
      return l >= r;
    case 'lt':
      return l < r;
    case 'le':
      return l <= r;
  }
}

export function matchesFilter(node: FilterNode, item: unknown): boolean {
  return truthy(evaluate(node, item, {}));
}
