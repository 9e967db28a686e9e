// Every body graph-sim sends is one Graph could send: for every GET route, in v1.0 and beta, over
// the demo tenant and a generated large one, on every page, plain and inside $batch, no property
// the version's type lacks, every value of its property's type, every enum value a member in that
// version, derived types named with @odata.type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allRoutes,
  createDemoTenant,
  type GraphVersion,
  generateDirectory,
  generateSharePoint,
  MAX_BATCH_REQUESTS,
  requiredRoles,
  type Tenant,
} from '../../src/index.js';
import { graphSchema } from '../../src/schema/graph-schema.js';
import {
  type DirectoryTestSim,
  type GraphTestClient,
  NOW,
  startDirectorySim,
} from '../routes/directory/support.js';
import { BodyChecker, type ExpandTree } from './conformance.js';

type Params = Record<string, string>;
type Body = Record<string, unknown>;

const GET_ROUTES = allRoutes.filter((route) => route.method === 'GET');

/** What each route is asked with: its $expand variants besides the plain request. */
const EXPAND_VARIANTS: Record<string, { query: string; tree: ExpandTree }[]> = {
  '/roleManagement/directory/roleAssignments': [{ query: '$expand=principal', tree: { principal: {} } }],
  '/roleManagement/directory/roleAssignmentScheduleInstances': [
    { query: '$expand=principal', tree: { principal: {} } },
  ],
  '/roleManagement/directory/roleEligibilityScheduleInstances': [
    { query: '$expand=principal', tree: { principal: {} } },
  ],
  '/policies/roleManagementPolicyAssignments': [
    { query: '$expand=policy', tree: { policy: {} } },
    { query: '$expand=policy($expand=rules)', tree: { policy: { rules: {} } } },
  ],
  '/security/incidents': [{ query: '$expand=alerts', tree: { alerts: {} } }],
  '/security/incidents/{id}': [{ query: '$expand=alerts', tree: { alerts: {} } }],
  '/drives/{driveId}/root/children': [{ query: '$expand=permissions', tree: { permissions: {} } }],
  '/drives/{driveId}/items/{itemId}/children': [{ query: '$expand=permissions', tree: { permissions: {} } }],
};

/** Routes only a user (delegated) token reaches: the crawl asks them as a signed-in user. */
const isMe = (template: string): boolean => /^\/me(\/|$)/.test(template);

/** Routes whose body is not JSON (file content answers with a redirect). */
const NOT_JSON = new Set(['/drives/{driveId}/items/{itemId}/content']);

class Crawl {
  readonly checked = new Map<string, number>();
  readonly problems: string[] = [];
  private readonly cache = new Map<string, Body[]>();

  constructor(
    private readonly app: GraphTestClient,
    private readonly base: string,
    readonly version: GraphVersion,
    private readonly user?: GraphTestClient,
  ) {}

  private clientFor(template: string): GraphTestClient {
    if (!isMe(template)) return this.app;
    if (!this.user) throw new Error(`${template} needs a user client`);
    return this.user;
  }

  url(template: string, params: Params, query = ''): string {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
    return `${this.base}/${this.version}${path}${query ? `?${query}` : ''}`;
  }

  /** Every item of a collection route, every page checked on the way. */
  async items(template: string, params: Params = {}, query = '', expand: ExpandTree = {}): Promise<Body[]> {
    const key = this.url(template, params, query);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const items: Body[] = [];
    for (let next: string | undefined = key; next; ) {
      const page = await this.clientFor(template).get(next);
      if (page.status !== 200) throw new Error(`${next}: ${page.status} ${JSON.stringify(page.body)}`);
      this.check(template, page.body, expand, next);
      items.push(...(page.body.value as Body[]));
      next = page.body['@odata.nextLink'] as string | undefined;
    }
    this.cache.set(key, items);
    return items;
  }

  async entity(
    template: string,
    params: Params,
    query = '',
    expand: ExpandTree = {},
  ): Promise<Body | undefined> {
    const url = this.url(template, params, query);
    const reply = await this.clientFor(template).get(url);
    if (reply.status === 404) return undefined; // e.g. a user without a OneDrive
    if (reply.status !== 200) throw new Error(`${url}: ${reply.status} ${JSON.stringify(reply.body)}`);
    this.check(template, reply.body, expand, url);
    return reply.body;
  }

  check(template: string, body: Body, expand: ExpandTree, where: string): void {
    const schema = graphSchema(this.version);
    const route = schema.route('GET', template);
    if (!route?.type) throw new Error(`${template} has no schema`);
    const checker = new BodyChecker(schema);
    if (route.collection) {
      checker.value(`Collection(${route.type})`, body.value, 'value', expand);
    } else {
      const properties = Object.fromEntries(
        Object.entries(body).filter(([key]) => !key.startsWith('@odata.')),
      );
      checker.object(route.type, { '@odata.type': body['@odata.type'], ...properties }, '$', expand);
    }
    this.problems.push(
      ...checker.problems.map((problem) => `${this.version} ${where.replace(this.base, '')} ${problem}`),
    );
    this.checked.set(template, (this.checked.get(template) ?? 0) + 1);
  }
}

const ids = (items: Body[], name = 'id', limit = 3): Params[] =>
  items.slice(0, limit).map((item) => ({ [name]: String(item.id) }));

/**
 * Where each parameterised route gets its parameters: a route whose last placeholder follows a
 * collection route reads that collection's ids; the rest are named here.
 */
async function paramsFor(crawl: Crawl, template: string): Promise<Params[]> {
  const sites = () => crawl.items('/sites/getAllSites');
  const drives = async () => {
    const all: Params[] = [];
    for (const site of (await sites()).slice(0, 4)) {
      for (const drive of await crawl.items('/sites/{id}/drives', { id: String(site.id) }))
        all.push({ driveId: String(drive.id) });
    }
    return all;
  };
  const items = async (limit: number) => {
    const all: Params[] = [];
    for (const { driveId } of await drives()) {
      const delta = await crawl.items('/drives/{driveId}/root/delta', { driveId: driveId as string });
      for (const item of delta.filter((i) => !('root' in i)).slice(0, limit))
        all.push({ driveId: driveId as string, itemId: String(item.id) });
    }
    return all;
  };
  switch (template) {
    case '/drives/{id}':
      return (await drives()).map(({ driveId }) => ({ id: driveId as string }));
    case '/drives/{driveId}/root':
    case '/drives/{driveId}/root/children':
    case '/drives/{driveId}/root/delta':
      return drives();
    case '/drives/{driveId}/items/{itemId}':
    case '/drives/{driveId}/items/{itemId}/children':
    case '/drives/{driveId}/items/{itemId}/permissions':
      return items(6);
    case '/drives/{driveId}/items/{itemId}/permissions/{permissionId}': {
      const all: Params[] = [];
      for (const params of await items(6)) {
        const permissions = await crawl.items('/drives/{driveId}/items/{itemId}/permissions', params);
        all.push(...permissions.slice(0, 2).map((p) => ({ ...params, permissionId: String(p.id) })));
      }
      return all;
    }
    case '/sites/{id}/permissions/{permissionId}': {
      const all: Params[] = [];
      for (const site of (await sites()).slice(0, 4)) {
        const permissions = await crawl.items('/sites/{id}/permissions', { id: String(site.id) });
        all.push(
          ...permissions.slice(0, 2).map((p) => ({ id: String(site.id), permissionId: String(p.id) })),
        );
      }
      return all;
    }
    case '/sites/{hostname}:/sites/{path}':
    case '/sites/{hostname}:/teams/{path}':
    case '/sites/{hostname}:/personal/{path}': {
      const collection = template.split('/')[3];
      return (await sites())
        .map((site) => new URL(String(site.webUrl)))
        .filter((url) => url.pathname.startsWith(`/${collection}/`))
        .slice(0, 3)
        .map((url) => ({ hostname: url.hostname, path: url.pathname.split('/').slice(2).join('/') }));
    }
    case '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id}': {
      const policy = await crawl.entity('/policies/authenticationMethodsPolicy', {});
      return ((policy?.authenticationMethodConfigurations ?? []) as Body[]).map((c) => ({
        id: String(c.id),
      }));
    }
    default: {
      // `/users/{id}/drive` reads ids from `/users`; `/sites/{id}/permissions` from `/sites/getAllSites`.
      const [prefix] = template.split('/{');
      const collection = prefix === '/sites' ? '/sites/getAllSites' : (prefix as string);
      const placeholder = /\{(\w+)\}/.exec(template)?.[1] as string;
      return ids(await crawl.items(collection), placeholder);
    }
  }
}

async function crawlEveryRoute(crawl: Crawl): Promise<void> {
  for (const route of GET_ROUTES) {
    if (NOT_JSON.has(route.path)) continue;
    if (route.versions && !route.versions.includes(crawl.version)) continue;
    const schema = graphSchema(crawl.version).route('GET', route.path);
    const variants = [{ query: '', tree: {} }, ...(EXPAND_VARIANTS[route.path] ?? [])];
    const parameterSets = route.path.includes('{') ? await paramsFor(crawl, route.path) : [{}];
    for (const params of parameterSets) {
      for (const { query, tree } of variants) {
        if (schema?.collection) await crawl.items(route.path, params, query, tree);
        else await crawl.entity(route.path, params, query, tree);
      }
    }
  }
}

function largeTenant(): Tenant {
  const tenant = createDemoTenant({ now: NOW });
  tenant.directory = generateDirectory({ users: 1_500, seed: 'conformance', now: NOW });
  tenant.sharepoint = generateSharePoint({
    sites: 30,
    items: 3_000,
    oneDrives: 10,
    seed: 'conformance',
    now: NOW,
    tenantId: tenant.id,
    initialDomain: tenant.initialDomain,
  });
  return tenant;
}

/** Routes checked with at least one body, per version, over both tenants. */
const covered: Record<GraphVersion, Set<string>> = { 'v1.0': new Set(), beta: new Set() };

describe.each([
  ['the demo tenant', () => createDemoTenant({ now: NOW })],
  ['a generated large tenant', largeTenant],
])('bodies conform to Graph schema: %s', (_, tenant) => {
  let t: DirectoryTestSim;
  let graph: GraphTestClient;
  let user: GraphTestClient;
  beforeAll(async () => {
    t = await startDirectorySim(tenant());
    graph = await t.clientWith(requiredRoles(allRoutes));
    const signedIn = t.sim.users.find((u) => u.accountEnabled && !u.userPrincipalName.includes('#EXT#'));
    user = await t.userClient(signedIn?.userPrincipalName ?? '');
  });
  afterAll(() => t.close());

  it.each(['v1.0', 'beta'] as const)('%s: every GET route, every page', async (version) => {
    const crawl = new Crawl(graph, t.sim.url, version, user);
    await crawlEveryRoute(crawl);
    expect(crawl.problems).toEqual([]);
    for (const path of crawl.checked.keys()) covered[version].add(path);
  });

  it('v1.0: the same answers inside $batch, every body checked', async () => {
    const crawl = new Crawl(graph, t.sim.url, 'v1.0');
    // /me is asked with a user token in the crawl; this batch is the app's.
    const plain = GET_ROUTES.filter(
      (route) => !route.path.includes('{') && !route.versions && !isMe(route.path),
    );
    for (let start = 0; start < plain.length; start += MAX_BATCH_REQUESTS) {
      const requests = plain
        .slice(start, start + MAX_BATCH_REQUESTS)
        .map((route, i) => ({ id: String(start + i), method: 'GET', url: route.path }));
      const reply = await graph.send('POST', '/$batch', { requests });
      expect(reply.status).toBe(200);
      for (const response of reply.body.responses as { id: string; status: number; body: Body }[]) {
        const route = plain[Number(response.id)] as (typeof plain)[number];
        // A sub-request answers as the same request sent alone (the generated tenant has no root
        // site: 404 both ways).
        expect(response.status, route.path).toBe((await graph.get(route.path)).status);
        if (response.status === 200) crawl.check(route.path, response.body, {}, `$batch ${route.path}`);
      }
    }
    expect(crawl.problems).toEqual([]);
    expect(crawl.checked.size).toBeGreaterThanOrEqual(plain.length - 1);
  });
});

describe('bodies conform to Graph schema: coverage', () => {
  it.each(['v1.0', 'beta'] as const)('%s: every GET route answered at least one body', (version) => {
    const expected = GET_ROUTES.filter(
      (route) => !NOT_JSON.has(route.path) && (!route.versions || route.versions.includes(version)),
    ).map((route) => route.path);
    expect([...covered[version]].sort()).toEqual([...expected].sort());
  });
});
