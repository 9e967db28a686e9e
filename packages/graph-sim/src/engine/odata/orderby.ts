// $orderby: one or more property paths, each asc (default) or desc. Nulls sort first ascending, as
// OData specifies; strings compare without regard to case.
import { badRequest } from '../route.js';
import { readPath } from './filter-eval.js';

export interface OrderKey {
  path: string[];
  descending: boolean;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*)(?:\s+(asc|desc))?$/i;

export function parseOrderBy(text: string): OrderKey[] {
  const parts = text.split(',').map((p) => p.trim());
  return parts.map((part) => {
    const match = KEY.exec(part);
    if (!match) throw badRequest(`Invalid $orderby expression '${part}'.`);
    return {
      path: (match[1] as string).split('/'),
      descending: (match[2] ?? 'asc').toLowerCase() === 'desc',
    };
  });
}

function compareValues(a: unknown, b: unknown): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const left = String(a).toLowerCase();
  const right = String(b).toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

export function sortItems<T>(items: readonly T[], keys: readonly OrderKey[]): T[] {
  // Array.prototype.sort is stable, so equal keys keep the tenant's order.
  return [...items].sort((x, y) => {
    for (const key of keys) {
      const result = compareValues(readPath(x, key.path), readPath(y, key.path));
      if (result !== 0) return key.descending ? -result : result;
    }
    return 0;
  });
}
