// Benchmark of the tenant-wide sharing audit (`pnpm bench`): a generated tenant, graph-sim with
// SharePoint's faithful throttling (1,250 resource units a minute per app) and network latency, the
// real server through a real MCP client. Prints, from one run: Graph requests made against the
// minimum needed, resource units used, and wall time against the throttle-bound minimum; and the
// same for the naive strategy (every item listed folder by folder, every item's permissions read),
// computed from the tenant model because running it would take hours.
//
//   pnpm bench                                   200 sites, 20,000 items, 2% shared (about 80 s)
//   node bench/audit-bench.ts --sites 2000 --items 200000   the size (about 23 minutes)
import { parseArgs } from 'node:util';
import type { SimDrive, Tenant } from '@m365-mcp/graph-sim';
import { createDemoTenant, generateSharePoint } from '@m365-mcp/graph-sim';
import { createSharepointServer } from '@m365-mcp/m365-sharepoint';
import { startTestServer } from '@m365-mcp/mcp-kit/testing';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';

const { values } = parseArgs({
  options: {
    sites: { type: 'string', default: '200' },
    items: { type: 'string', default: '20000' },
    shared: { type: 'string', default: '0.02' },
    latency: { type: 'string', default: '20' },
  },
});
const sites = Number(values.sites);
const items = Number(values.items);
const sharedRatio = Number(values.shared);
const latencyMs = Number(values.latency);

// SharePoint's documented budget (graph-sim's faithful default): 1,250 RU per minute per app.
const CAPACITY = 1250;
const REFILL = 1250 / 60;
const SITES_PAGE = 200;
const DELTA_PAGE = 1000;
const CHILDREN_PAGE = 200;

interface Cost {
  requests: number;
  resourceUnits: number;
}

function throttleBoundSeconds(resourceUnits: number): number {
  return Math.max(0, (resourceUnits - CAPACITY) / REFILL);
}

/** The fewest Graph requests an audit can make: every item must be seen once, every shared item's permissions read. */
function minimum(tenant: Tenant): Cost & { sharedItems: number } {
  const teamSites = tenant.sharepoint.sites.filter((s) => !s.isPersonalSite).length;
  const drives = tenant.sharepoint.drives.filter((d) => d.driveType !== 'business');
  const sitePages = Math.max(1, Math.ceil(tenant.sharepoint.sites.length / SITES_PAGE));
  let requests = sitePages + teamSites;
  let resourceUnits = 2 * sitePages + 2 * teamSites;
  let sharedItems = 0;
  for (const drive of drives) {
    const pages = Math.max(1, Math.ceil(drive.items.length / DELTA_PAGE));
    requests += pages;
    resourceUnits += 2 + (pages - 1);
    const shared = drive.items.filter((i) => i.parentId !== null && i.permissions.length > 0).length;
    sharedItems += shared;
    requests += shared;
    resourceUnits += 5 * shared;
  }
  return { requests, resourceUnits, sharedItems };
}

/** The naive audit: list each folder's children, then read every item's permissions. */
function naive(tenant: Tenant): Cost {
  const teamSites = tenant.sharepoint.sites.filter((s) => !s.isPersonalSite).length;
  const sitePages = Math.max(1, Math.ceil(tenant.sharepoint.sites.length / SITES_PAGE));
  let requests = sitePages + teamSites;
  let resourceUnits = 2 * sitePages + 2 * teamSites;
  for (const drive of tenant.sharepoint.drives.filter((d: SimDrive) => d.driveType !== 'business')) {
    const children = new Map<string, number>();
    for (const item of drive.items)
      if (item.parentId) children.set(item.parentId, (children.get(item.parentId) ?? 0) + 1);
    for (const item of drive.items) {
      if (item.kind !== 'folder') continue;
      const pages = Math.max(1, Math.ceil((children.get(item.id) ?? 0) / CHILDREN_PAGE));
      requests += pages;
      resourceUnits += 2 * pages;
    }
    const nonRoot = drive.items.length - 1;
    requests += nonRoot;
    resourceUnits += 5 * nonRoot;
  }
  return { requests, resourceUnits };
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`);

const genStart = performance.now();
// The server's clock is the generated tenant's "now", so its expiring links are live as generated.
const GENERATED_AT = new Date('2026-01-01T00:00:00Z');
const tenant = createDemoTenant();
tenant.sharepoint = generateSharePoint({ seed: 'bench', sites, items, sharedRatio, now: GENERATED_AT });
const genSeconds = (performance.now() - genStart) / 1000;

const server = await startTestServer(createSharepointServer({ now: () => GENERATED_AT.getTime() }), {
  tenant,
});
try {
  server.sim.throttling.setMode('faithful');
  // Network latency on every round trip (a $batch counts once, as one HTTP exchange).
  if (latencyMs > 0)
    server.sim.faults.add({
      match: { inBatch: false },
      times: Number.MAX_SAFE_INTEGER,
      fault: { kind: 'delay', ms: latencyMs },
    });
  const min = minimum(tenant);
  const before = server.sim.requests.all().length;
  const started = performance.now();
  let progressEvents = 0;
  const result = CallToolResultSchema.parse(
    await server.client.callTool(
      {
        name: 'audit_sharepoint_sites',
        arguments: { max_seconds: 3600, max_sites: 100_000, max_items: 10_000_000 },
      },
      CallToolResultSchema,
      { timeout: 7_200_000, resetTimeoutOnProgress: true, onprogress: () => void progressEvents++ },
    ),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const data = (result.structuredContent ?? {}) as Record<string, unknown>;
  const log = server.sim.requests
    .all()
    .slice(before)
    .filter((e) => e.side === 'graph');
  const operations = log.filter((e) => e.path !== '/$batch');
  const served = operations.filter((e) => e.status >= 200 && e.status < 300);
  const throttled = operations.filter((e) => e.status === 429).length;
  const earlyRetries = operations.filter((e) => e.earlyRetry).length;
  const httpExchanges = log.filter((e) => e.batch === undefined).length;
  const batches = log.filter((e) => e.path === '/$batch').length;
  const ru = served.reduce((n, e) => n + (e.resourceUnits ?? 0), 0);
  const minSeconds = throttleBoundSeconds(min.resourceUnits);
  const nv = naive(tenant);
  const naiveSeconds = throttleBoundSeconds(nv.resourceUnits);

  const lines = [
    `m365-sharepoint audit benchmark: ${fmt(sites)} sites, ${fmt(items)} items, ${fmt(min.sharedItems)} shared (${sharedRatio * 100}%), ` +
      `faithful SharePoint throttling (${CAPACITY} RU/min), ${latencyMs} ms latency; tenant generated in ${genSeconds.toFixed(1)} s`,
    `audit result: complete=${String(data.complete)}, sites ${fmt(Number(data.sitesAudited))}, items scanned ${fmt(Number(data.itemsScanned))}, shared found ${fmt(Number(data.sharedItems))}, progress notifications ${progressEvents}, isError=${String(result.isError ?? false)}`,
    '',
    'strategy           Graph requests (ok)   vs minimum   resource units   wall time (s)   vs throttle-bound minimum',
    `minimum needed     ${fmt(min.requests).padStart(19)}   ${'1.00x'.padStart(10)}   ${fmt(min.resourceUnits).padStart(14)}   ${fmt(minSeconds).padStart(13)}   (lower bound)`,
    `this server        ${fmt(served.length).padStart(19)}   ${ratio(served.length, min.requests).padStart(10)}   ${fmt(ru).padStart(14)}   ${fmt(wallSeconds).padStart(13)}   ${ratio(wallSeconds, minSeconds)}`,
    `naive (modelled)   ${fmt(nv.requests).padStart(19)}   ${ratio(nv.requests, min.requests).padStart(10)}   ${fmt(nv.resourceUnits).padStart(14)}   ${fmt(naiveSeconds).padStart(13)}   ${ratio(naiveSeconds, minSeconds)} (at best: its own throttle bound)`,
    '',
    `this server also: ${fmt(throttled)} throttled attempts (429, retried; ${fmt(earlyRetries)} early retries), ${fmt(httpExchanges)} HTTP exchanges of which ${fmt(batches)} $batch; ` +
      `requests counted as Graph operations ($batch members one by one, as SharePoint charges them).`,
    `minimum: ceil(sites/200) site pages + one library list per site + ceil(items/1000) delta pages per library + one permission read per shared item; ` +
      `time = (RU - ${CAPACITY} bucket) / ${REFILL.toFixed(2)} RU/s.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await server.close();
}
