// Decodes the OData system query options of a request. Values that Graph would reject (a negative
// $top, a $count that is not a boolean) are rejected here with Graph's 400.
import { badRequest, type ODataQuery } from '../route.js';

function nonNegativeInteger(name: string, value: string | null): number | undefined {
  if (value === null) return undefined;
  if (!/^\d{1,9}$/.test(value.trim())) throw badRequest(`Invalid value '${value}' for query option ${name}.`);
  return Number(value.trim());
}

function list(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function parseODataQuery(params: URLSearchParams): ODataQuery {
  const query: ODataQuery = { raw: params };
  const top = nonNegativeInteger('$top', params.get('$top'));
  if (top !== undefined) query.top = top;
  const skip = nonNegativeInteger('$skip', params.get('$skip'));
  if (skip !== undefined) query.skip = skip;
  const select = list(params.get('$select'));
  if (select !== undefined) query.select = select;
  const filter = params.get('$filter');
  if (filter !== null) query.filter = filter;
  const orderby = params.get('$orderby') ?? params.get('$orderBy');
  if (orderby !== null) query.orderby = orderby;
  const expand = params.get('$expand');
  if (expand !== null) query.expand = expand;
  const search = params.get('$search');
  if (search !== null) query.search = search;
  const count = params.get('$count');
  if (count !== null) {
    const normalised = count.trim().toLowerCase();
    if (normalised !== 'true' && normalised !== 'false') {
      throw badRequest(`Invalid value '${count}' for query option $count.`);
    }
    query.count = normalised === 'true';
  }
  return query;
}
