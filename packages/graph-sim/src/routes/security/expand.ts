// $expand for the security entities: Graph accepts only navigation properties it knows, and answers
// 400 for anything else.
import { badRequest } from '../../engine/route.js';

/** The navigation properties asked for in `$expand`, checked against those the entity has. */
export function expandedProperties(expand: string | undefined, allowed: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (!expand) return out;
  for (const part of expand.split(',')) {
    const name = (part.split('(')[0] ?? '').trim();
    if (name.length === 0) continue;
    const known = allowed.find((a) => a.toLowerCase() === name.toLowerCase());
    if (!known) throw badRequest(`Could not find a property named '${name}' on type to expand.`);
    out.add(known);
  }
  return out;
}
