// Every element of a Graph collection page through one schema, or nothing: an element that does not
// parse must not silently drop out of an audit (it could be the one that matters).
import type { ZodType } from 'zod';

export function parseAll<T>(values: readonly unknown[], schema: ZodType<T>): T[] | undefined {
  const out: T[] = [];
  for (const value of values) {
    const parsed = schema.safeParse(value);
    if (!parsed.success) return undefined;
    out.push(parsed.data);
  }
  return out;
}
