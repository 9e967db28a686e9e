import { alwaysVolatile } from '../controls/resources.js';

/** A copy of Graph data without the properties that change on their own, for drift to compare. */
export function stripVolatile(value: unknown, volatile: readonly string[] = []): unknown {
  const drop = new Set([...alwaysVolatile, ...volatile]);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v)) if (!drop.has(k)) out[k] = walk(child);
      return out;
    }
    return v;
  };
  return walk(value);
}
