// Following @odata.nextLink: to the end, to a cap, or until a loop shows. Maester learned that
// skiptokens can repeat on large tenants; a service that hands back a link it already gave, or a
// page of items already seen, would otherwise keep us (and the tenant's throttling budget) busy forever.
import { z } from 'zod';
import { GraphError } from './errors.js';
import type { DeltaResult, ListOptions, ListResult, Page, PagesSummary } from './graph-client.js';
import type { Transport } from './transport.js';
import { validate } from './validate.js';

const pageEnvelope = z.looseObject({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
  '@odata.deltaLink': z.string().optional(),
  '@odata.count': z.number().optional(),
});

interface WalkOptions<T> extends ListOptions<T> {
  /** Delta rounds may legitimately list an object twice, so only links guard them. */
  guardIds: boolean;
}

export async function* walkPages<T>(
  transport: Transport,
  path: string,
  options: WalkOptions<T>,
): AsyncGenerator<Page<T>, PagesSummary, undefined> {
  const seenLinks = new Set<string>();
  const seenIds = new Set<string>();
  const query = options.pageSize === undefined ? options.query : { ...options.query, $top: options.pageSize };
  let link: string | undefined = path;
  let index = 0;

  while (link !== undefined) {
    if (options.maxPages !== undefined && index >= options.maxPages) {
      return { complete: false, stoppedBecause: 'maxPages', nextLink: link, pages: index };
    }
    const response = await transport.send('GET', link, {
      version: options.version,
      query: index === 0 ? query : undefined,
      headers: options.headers,
      signal: options.signal,
    });
    const envelope = pageEnvelope.safeParse(response.body);
    if (!envelope.success) {
      throw new GraphError({
        status: response.status,
        code: 'unexpectedResponse',
        message: `GET ${response.target.path}: the response is not a collection page (no "value" array).`,
        method: 'GET',
        path: response.target.path,
        requestId: response.headers.get('request-id') ?? undefined,
      });
    }
    const body = envelope.data;
    const ids = body.value.map(idOf).filter((id): id is string => id !== undefined);
    if (
      options.guardIds &&
      ids.length > 0 &&
      ids.length === body.value.length &&
      ids.every((id) => seenIds.has(id))
    ) {
      return { complete: false, stoppedBecause: 'loop', pages: index };
    }
    for (const id of ids) seenIds.add(id);
    seenLinks.add(link);

    const items = body.value.map((item, position) =>
      validate(options.schema, item, {
        method: 'GET',
        path: response.target.path,
        where: `value[${position}]`,
      }),
    );
    const nextLink = body['@odata.nextLink'];
    const page: Page<T> = { items, index };
    if (nextLink !== undefined) page.nextLink = nextLink;
    if (body['@odata.deltaLink'] !== undefined) page.deltaLink = body['@odata.deltaLink'];
    if (body['@odata.count'] !== undefined) page.count = body['@odata.count'];
    yield page;
    index += 1;

    if (nextLink !== undefined && seenLinks.has(nextLink)) {
      return { complete: false, stoppedBecause: 'loop', pages: index };
    }
    link = nextLink;
  }
  return { complete: true, pages: index };
}

export async function collectList<T>(
  transport: Transport,
  path: string,
  options: ListOptions<T>,
): Promise<ListResult<T>> {
  const items: T[] = [];
  let count: number | undefined;
  const pages = walkPages(transport, path, { ...options, guardIds: true });
  for (;;) {
    const step = await pages.next();
    if (step.done) return withCount({ ...step.value, items }, count);
    const page = step.value;
    count ??= page.count;
    const room = options.maxItems === undefined ? page.items.length : options.maxItems - items.length;
    items.push(...page.items.slice(0, room));
    const reachedCap = options.maxItems !== undefined && items.length >= options.maxItems;
    const more = page.items.length > room || page.nextLink !== undefined;
    if (reachedCap && more) {
      await pages.return({ complete: false, pages: page.index + 1 });
      const summary: ListResult<T> = {
        complete: false,
        stoppedBecause: 'maxItems',
        pages: page.index + 1,
        items,
      };
      if (page.nextLink !== undefined) summary.nextLink = page.nextLink;
      return withCount(summary, count);
    }
  }
}

export async function collectDelta<T>(
  transport: Transport,
  path: string,
  options: ListOptions<T>,
): Promise<DeltaResult<T>> {
  const items: T[] = [];
  let deltaLink: string | undefined;
  const pages = walkPages(transport, path, { ...options, maxItems: undefined, guardIds: false });
  for (;;) {
    const step = await pages.next();
    if (step.done) {
      const result: DeltaResult<T> = { ...step.value, items };
      if (step.value.complete && deltaLink !== undefined) result.deltaLink = deltaLink;
      return result;
    }
    items.push(...step.value.items);
    deltaLink = step.value.deltaLink ?? deltaLink;
  }
}

function withCount<T>(result: ListResult<T>, count: number | undefined): ListResult<T> {
  if (count !== undefined) result.count = count;
  return result;
}

function idOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || !('id' in item)) return undefined;
  return typeof item.id === 'string' ? item.id : undefined;
}
