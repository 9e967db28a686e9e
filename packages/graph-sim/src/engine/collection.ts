// Turns a route's collection (or delta) result into Graph's paged response: $filter, $orderby,
// $count, $skip/$top, $select, then one page with an @odata.nextLink carrying every original query
// option plus a signed $skiptoken; the last delta page carries an @odata.deltaLink instead.
import { matchesFilter } from './odata/filter-eval.js';
import { FilterSyntaxError, filterProperties, parseFilter } from './odata/filter-parser.js';
import { withQuery } from './odata/links.js';
import { parseOrderBy, sortItems } from './odata/orderby.js';
import { selectProperties } from './odata/select.js';
import { GraphSimError, type ODataQuery, type RouteDefinition } from './route.js';
import { queryFingerprint, type SkipTokenCodec } from './skiptoken.js';

export interface CollectionRequest {
  method: string;
  /** Version-less path, decoded (for the token fingerprint). */
  path: string;
  /** `https://host:port/v1.0/users` as the client addressed it, without the query. */
  resourceUrl: string;
  /** `https://host:port/v1.0`. */
  baseUrl: string;
  /** The complete URL of this request, for a scripted nextLink loop. */
  selfUrl: string;
  query: ODataQuery;
  route: RouteDefinition;
  /** Shows an item as the request's version does (version-projection.ts). */
  project: (item: object) => object;
  codec: SkipTokenCodec;
  nextLinkLoop: boolean;
}

const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_MAX_PAGE_SIZE = 999;

function applyFilter(items: readonly object[], filter: string, route: RouteDefinition): object[] {
  let node: ReturnType<typeof parseFilter>;
  try {
    node = parseFilter(filter);
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      throw new GraphSimError(400, 'invalidRequest', `Invalid filter clause: ${error.message}`);
    }
    throw error;
  }
  if (route.filterable) {
    const allowed = new Set(route.filterable.map((p) => p.toLowerCase()));
    for (const property of filterProperties(node)) {
      if (!allowed.has(property.toLowerCase())) {
        throw new GraphSimError(
          400,
          'invalidRequest',
          `Unsupported or invalid query filter clause specified for property '${property}' of resource '${route.path}'.`,
        );
      }
    }
  }
  return items.filter((item) => matchesFilter(node, item));
}

export function metadataContext(
  baseUrl: string,
  context: string,
  select: readonly string[] | undefined,
): string {
  const projection = select && select.length > 0 ? `(${select.join(',')})` : '';
  return `${baseUrl}/$metadata#${context}${projection}`;
}

export function renderCollection(
  request: CollectionRequest,
  items: readonly object[],
  context: string,
  deltaToken?: string,
): Record<string, unknown> {
  const { query, route } = request;
  let working: object[] = [...items];
  if (query.filter !== undefined) working = applyFilter(working, query.filter, route);
  if (query.orderby !== undefined) working = sortItems(working, parseOrderBy(query.orderby));

  const fingerprint = queryFingerprint(request.method, request.path, query.raw);
  const skipToken = query.raw.get('$skiptoken');
  const firstPage = skipToken === null;
  const offset = firstPage ? (query.skip ?? 0) : request.codec.decode(skipToken, fingerprint);

  const maxPageSize = route.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
  // The directory refuses a page size outside 1..max; other workloads clamp $top (as graph-sim did
  // everywhere before: whether each of them refuses instead is not documented).
  if (
    route.workload === 'directory' &&
    query.top !== undefined &&
    (query.top < 1 || query.top > maxPageSize)
  ) {
    throw new GraphSimError(
      400,
      'Request_UnsupportedQuery',
      `Invalid page size specified: '${query.top}'. Must be between 1 and ${maxPageSize} inclusive.`,
    );
  }
  const pageSize = Math.max(1, Math.min(query.top ?? route.pageSize ?? DEFAULT_PAGE_SIZE, maxPageSize));
  const page = working
    .slice(offset, offset + pageSize)
    .map((item) => selectProperties(request.project(item), query.select));
  const hasMore = offset + pageSize < working.length;

  const body: Record<string, unknown> = {
    '@odata.context': metadataContext(request.baseUrl, context, query.select),
  };
  if (query.count && firstPage) body['@odata.count'] = working.length;

  const originalOptions = [...query.raw].filter(([k]) => {
    const lower = k.toLowerCase();
    return lower !== '$skiptoken' && lower !== '$deltatoken';
  });
  if (request.nextLinkLoop) {
    body['@odata.nextLink'] = request.selfUrl;
  } else if (hasMore) {
    const token = request.codec.encode(offset + pageSize, fingerprint);
    body['@odata.nextLink'] = withQuery(request.resourceUrl, [...originalOptions, ['$skiptoken', token]]);
  } else if (deltaToken !== undefined) {
    body['@odata.deltaLink'] = withQuery(request.resourceUrl, [
      ...originalOptions,
      ['$deltatoken', deltaToken],
    ]);
  }
  body.value = page;
  return body;
}
