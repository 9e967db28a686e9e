// Refuses the queries Graph refuses, from Graph's own schema (src/schema): a property the route's
// type does not have in this version, in $select, $filter, $orderby or $expand; a query option the
// metadata declares unsupported on the collection ($count on riskDetections, $skip on users, any
// option on subscribedSkus); $count or $search on directory objects without `ConsistencyLevel:
// eventual`. Graph checks these before it reads any data, and so does graph-sim.
//
// Left lenient on purpose, and named here so nobody mistakes it for Graph's behaviour:
// - property names are matched case-insensitively (Graph's directory endpoints do; some workloads
//   are case-sensitive);
// - only the first segment of a $filter or $orderby path is checked (`createdBy/user/id` checks
//   `createdBy`), and enum literals in $filter are not checked against the enum's members;
// - a collection typed with a base type (directoryObject) accepts properties of its derived types,
//   as Graph's directory does.
import type { Capabilities, GraphSchema, RouteSchema } from '../../schema/graph-schema.js';
import { elementType } from '../../schema/graph-schema.js';
import { GraphSimError, type ODataQuery, type RouteDefinition } from '../route.js';
import { expandedNames } from './expand.js';
import { FilterSyntaxError, filterProperties, parseFilter } from './filter-parser.js';
import { parseOrderBy } from './orderby.js';

function propertyNotFound(name: string, type: string, forSelectOrExpand: boolean): GraphSimError {
  const message = `Could not find a property named '${name}' on type '${type}'.`;
  return new GraphSimError(
    400,
    'BadRequest',
    forSelectOrExpand ? `Parsing OData Select and Expand failed: ${message}` : message,
  );
}

/** Graph's answer to a query option the resource does not support (Microsoft's OData validator wording). */
function optionNotAllowed(option: string): GraphSimError {
  return new GraphSimError(
    400,
    'BadRequest',
    `Query option '${option}' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.`,
  );
}

function needsConsistencyLevel(option: '$count' | '$search', value: string): GraphSimError {
  return new GraphSimError(
    400,
    'Request_UnsupportedQuery',
    `Request with ${option} query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: ${value}'`,
  );
}

function checkSelect(schema: GraphSchema, type: string, select: readonly string[]): void {
  for (const name of select) {
    if (name === '*' || name.startsWith('@')) continue;
    if (!schema.memberOfFamily(type, name)) throw propertyNotFound(name, type, true);
  }
}

function checkExpand(
  schema: GraphSchema,
  route: RouteDefinition,
  routeSchema: RouteSchema,
  expand: string,
): void {
  const type = routeSchema.type as string;
  if (routeSchema.capabilities?.expandable === false) throw optionNotAllowed('Expand');
  for (const name of expandedNames(expand)) {
    const member = schema.memberOfFamily(type, name);
    if (member?.kind !== 'navigation') throw propertyNotFound(name, type, true);
    const simulated = Object.keys(routeSchema.expand ?? {}).some(
      (path) => path.split('/')[0] === member.name,
    );
    if (!simulated) {
      // Graph would answer; graph-sim does not render this relationship. Saying so beats a body
      // without it that a client would read as "none".
      throw new GraphSimError(
        501,
        'NotImplemented',
        `graph-sim does not expand '${member.name}' on ${route.path} (it expands: ${route.expand?.join(', ') || 'nothing'}).`,
      );
    }
  }
}

function checkProperties(schema: GraphSchema, type: string, names: readonly string[]): void {
  for (const name of names) {
    if (!schema.memberOfFamily(type, name)) throw propertyNotFound(name, type, false);
  }
}

function checkCollectionOptions(
  capabilities: Capabilities,
  query: ODataQuery,
  headers: Readonly<Record<string, string>>,
): void {
  const consistency = capabilities.consistencyLevel;
  const eventual = consistency !== undefined && headers.consistencylevel?.toLowerCase() === consistency;
  if (query.count && capabilities.countable === false) throw optionNotAllowed('Count');
  if (query.count && consistency && !eventual) throw needsConsistencyLevel('$count', consistency);
  if (query.search !== undefined && capabilities.searchable === false) throw optionNotAllowed('Search');
  if (query.search !== undefined && consistency && !eventual)
    throw needsConsistencyLevel('$search', consistency);
  if (query.filter !== undefined && capabilities.filterable === false) throw optionNotAllowed('Filter');
  if (query.orderby !== undefined && capabilities.sortable === false) throw optionNotAllowed('OrderBy');
  if (query.skip !== undefined && capabilities.skip === false) throw optionNotAllowed('Skip');
  if (query.top !== undefined && capabilities.top === false) throw optionNotAllowed('Top');
  if (query.select !== undefined && capabilities.select === false) throw optionNotAllowed('Select');
}

/**
 * Throws Graph's 400 when the query names something the route's type lacks or uses an option Graph
 * does not support there. Routes the schema does not know (test fixtures) are not checked.
 */
export function checkQueryAgainstSchema(
  schema: GraphSchema,
  route: RouteDefinition,
  query: ODataQuery,
  headers: Readonly<Record<string, string>>,
): void {
  const routeSchema = schema.route(route.method, route.path);
  if (!routeSchema?.type || routeSchema.primitive || route.method !== 'GET') return;
  const type = elementType(routeSchema.type);
  if (routeSchema.collection) checkCollectionOptions(routeSchema.capabilities ?? {}, query, headers);
  if (query.select) checkSelect(schema, type, query.select);
  if (query.expand !== undefined) checkExpand(schema, route, routeSchema, query.expand);
  if (query.filter !== undefined) {
    let names: string[];
    try {
      names = filterProperties(parseFilter(query.filter));
    } catch (error) {
      if (error instanceof FilterSyntaxError) return; // the collection renderer answers syntax errors
      throw error;
    }
    checkProperties(schema, type, names);
  }
  if (query.orderby !== undefined) {
    checkProperties(
      schema,
      type,
      parseOrderBy(query.orderby).map((key) => key.path[0] as string),
    );
  }
}
