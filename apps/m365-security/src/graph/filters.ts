// $filter expressions for alerts and incidents, built with graph-core's `f` so tool input can never
// escape its literal. Graph documents `eq` (not `in`) for these properties, hence `or` of `eq`s.
import { f, type ODataFilter } from '@m365-mcp/graph-core';

export function anyOf(property: string, values: readonly string[] | undefined, allowed: readonly string[]) {
  if (!values || values.length === 0) return undefined;
  return f.or(...values.map((value) => f.eq(property, value, { allowed })));
}

export function allOf(...filters: (ODataFilter | undefined)[]): ODataFilter | undefined {
  const present = filters.filter((filter): filter is ODataFilter => filter !== undefined);
  return present.length === 0 ? undefined : f.and(...present);
}

export function createdSince(days: number | undefined, now: Date): ODataFilter | undefined {
  if (days === undefined) return undefined;
  return f.ge('createdDateTime', new Date(now.getTime() - days * 86_400_000));
}
