// $expand: which navigation properties a request asks to inline. Whether they exist, and whether
// graph-sim can render them, is checked before any route runs (schema-checks.ts); a route only asks
// "is this one expanded?".
import type { ODataQuery } from '../route.js';

/** The top-level navigation names of an $expand value (`policy($expand=rules),owners` -> policy, owners). */
export function expandedNames(expand: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of expand) {
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else if (depth === 0) current += char;
  }
  names.push(current);
  return names.map((name) => name.trim()).filter((name) => name.length > 0);
}

/** The nested $expand of one expanded navigation (`policy($expand=rules)` -> `rules`). */
function nestedExpand(expand: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|,)\\s*${name}\\s*\\(([^]*)\\)`, 'i').exec(expand);
  return match ? /\$expand=([^;]*)/i.exec(match[1] as string)?.[1] : undefined;
}

/** True when the request expands the navigation at `path` (`principal`, or nested: `policy/rules`). */
export function isExpanded(query: ODataQuery, path: string): boolean {
  let expand = query.expand;
  for (const name of path.split('/')) {
    if (expand === undefined) return false;
    if (!expandedNames(expand).some((candidate) => candidate.toLowerCase() === name.toLowerCase()))
      return false;
    expand = nestedExpand(expand, name);
  }
  return true;
}
