// The tenant-wide audit: fewest requests, resumable without loss or repetition, honest when partial,
// and calm under faults.
import { createDemoTenant, generateSharePoint } from '@m365-mcp/graph-sim';
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharepointServer, sharepointServer } from '../src/index.js';

// The generated tenant is made as of CREATED, with anyone links expiring up to 90 days later; the
// server's clock is a month on, so some of them have expired and the rest are live.
const CREATED = Date.parse('2026-01-01T00:00:00Z');
const NOW = CREATED + 30 * 86_400_000;
const server = createSharepointServer({ now: () => NOW });

function generatedTenant() {
  const tenant = createDemoTenant();
  tenant.sharepoint = generateSharePoint({
    seed: 'audit-test',
    sites: 45,
    items: 3000,
    sharedRatio: 0.03,
    now: new Date(CREATED),
  });
  return tenant;
}

/** Items whose `shared` facet is set (each costs one permission read), and those still shared at NOW. */
function sharing(t: TestServer) {
  const items = t.sim.tenant.sharepoint.drives.flatMap((d) => d.items.filter((i) => i.parentId !== null));
  const live = (p: { expirationDateTime?: string }) =>
    p.expirationDateTime === undefined || Date.parse(p.expirationDateTime) > NOW;
  return {
    facet: items.filter((i) => i.permissions.length > 0).length,
    live: items.filter((i) => i.permissions.some(live)).length,
  };
}

const permissionReads = (t: TestServer) =>
  t.sim.requests
    .all()
    .filter((e) => /\/drives\/[^/]+\/items\/[^/]+\/permissions$/.test(e.path) && e.status === 200);
const deltaFirstPages = (t: TestServer) =>
  t.sim.requests
    .all()
    .filter((e) => /\/root\/delta$/.test(e.path) && !('$skiptoken' in e.query) && e.status === 200);

describe('audit_sharepoint_sites on a generated tenant', () => {
  let t: TestServer;
  let sharedItems: number;
  let facetShared: number;
  beforeAll(async () => {
    // Throttling is off here, so the client-side pacing gets an unlimited budget.
    t = await startTestServer(server, {
      tenant: generatedTenant(),
      config: { settings: { resourceUnits: { perMinute: 60_000_000, capacity: 1_000_000 } } },
    });
    ({ live: sharedItems, facet: facetShared } = sharing(t));
    // The tenant holds expired links, so both counts are exercised.
    expect(facetShared).toBeGreaterThan(sharedItems);
  });
  afterAll(async () => t.close());

  it('reads delta with $select and only the shared items’ permissions, batched', async () => {
    const progress: string[] = [];
    const r = await callTool(
      t.client,
      'audit_sharepoint_sites',
      { max_seconds: 600 },
      {
        onprogress: (p) => void progress.push(p.message ?? ''),
      },
    );
    expect(r.structured.complete).toBe(true);
    expect(r.structured.sitesAudited).toBe(45);
    expect(r.structured.sharedItems).toBe(sharedItems);
    expect(r.structured.expiredPermissions).toBeGreaterThan(0);
    expect(permissionReads(t)).toHaveLength(facetShared);
    const deltas = deltaFirstPages(t);
    expect(deltas).toHaveLength(45);
    expect(deltas.every((e) => (e.query.$select ?? '').includes('shared'))).toBe(true);
    // Permission reads travel in $batch requests of up to 20.
    const batches = t.sim.requests.all().filter((e) => e.path === '/$batch');
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(facetShared / 20) + 3 + 3);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toMatch(/45 sites/);
  });

  it('resumes from its cursor with nothing lost and nothing repeated', async () => {
    const full = await callTool(t.client, 'audit_sharepoint_sites', { max_seconds: 600 });
    const before = t.sim.requests.all().length;
    let r = await callTool(t.client, 'audit_sharepoint_sites', { max_sites: 10 });
    let calls = 1;
    while (r.structured.complete !== true) {
      expect(r.structured.stoppedBy).toBe('maxSites');
      expect(r.text).toMatch(/PARTIAL/);
      expect(typeof r.structured.cursor).toBe('string');
      r = await callTool(t.client, 'audit_sharepoint_sites', { max_sites: 10, cursor: r.structured.cursor });
      calls += 1;
    }
    expect(calls).toBe(5);
    for (const key of [
      'sitesAudited',
      'itemsScanned',
      'sharedItems',
      'expiredPermissions',
      'permissions',
      'byScope',
      'externalDomains',
      'riskiestSites',
      'riskiestItems',
    ])
      expect(r.structured[key]).toEqual(full.structured[key]);
    const resumed = t.sim.requests.all().slice(before);
    const deltaDrives = resumed
      .filter((e) => /\/root\/delta$/.test(e.path) && e.status === 200)
      .map((e) => e.path);
    expect(new Set(deltaDrives).size).toBe(45);
    expect(deltaDrives).toHaveLength(45);
    const perms = resumed
      .filter((e) => /\/items\/[^/]+\/permissions$/.test(e.path) && e.status === 200)
      .map((e) => e.path);
    expect(new Set(perms).size).toBe(perms.length);
    expect(perms).toHaveLength(facetShared);
  }, 120_000);

  it('stops on the item budget and says so', async () => {
    const r = await callTool(t.client, 'audit_sharepoint_sites', { max_items: 100 });
    expect(r.structured.complete).toBe(false);
    expect(r.structured.stoppedBy).toBe('maxItems');
    expect(r.structured.cursor).toBeDefined();
    const findings = r.structured.findings as { status: string }[];
    expect(findings.some((f) => f.status === 'pass')).toBe(false);
  });

  it('refuses a cursor that is not its own', async () => {
    const r = await callTool(t.client, 'audit_sharepoint_sites', { cursor: 'bm90LWEtY3Vyc29y' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/cursor is not valid/);
  });

  it('refuses a cursor whose state was altered (forged totals), signature kept', async () => {
    const first = await callTool(t.client, 'audit_sharepoint_sites', { max_items: 100 });
    const [payload, signature] = String(first.structured.cursor).split('.');
    const state = JSON.parse(Buffer.from(payload as string, 'base64url').toString('utf8'));
    state.s.totals.anonymousLinks = 0; // "nothing to see here"
    const forged = `${Buffer.from(JSON.stringify(state)).toString('base64url')}.${signature}`;
    const r = await callTool(t.client, 'audit_sharepoint_sites', { cursor: forged });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/cursor is not valid \(it was altered/);
  });
});

describe('under SharePoint throttling', () => {
  it('paces itself in resource units: (almost) no 429, the audit complete', async () => {
    const t = await startTestServer(server, {
      tenant: generatedTenant(),
      // The same budget on both sides, small enough that the audit (about 650 units) must wait.
      config: { settings: { resourceUnits: { perMinute: 60_000, capacity: 200 } } },
    });
    try {
      t.sim.throttling.setMode('faithful');
      t.sim.throttling.configure('sharepoint', { capacity: 200, refillPerSecond: 1000 });
      const r = await callTool(t.client, 'audit_sharepoint_sites', {});
      expect(r.structured.complete).toBe(true);
      const graphLog = t.sim.requests.all().filter((e) => e.side === 'graph' && e.path !== '/$batch');
      const units = graphLog.reduce((n, e) => n + (e.resourceUnits ?? 0), 0);
      expect(units).toBeGreaterThan(400);
      // The two buckets start a request's flight apart, so a stray 429 can happen; without pacing
      // a sixth of the requests were throttled in the benchmark.
      expect(graphLog.filter((e) => e.status === 429).length).toBeLessThanOrEqual(
        Math.ceil(graphLog.length * 0.03),
      );
      // It had to wait: the units spent beyond the bucket took at least their refill time, by the log.
      const first = graphLog[0]?.time ?? 0;
      const last = graphLog.at(-1)?.time ?? 0;
      expect(last - first).toBeGreaterThanOrEqual(((units - 200 - 5 * 20) / 1000) * 1000 * 0.9);
    } finally {
      await t.close();
    }
  });
});

describe('under faults', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(sharepointServer);
  });
  afterAll(async () => t.close());

  it('a 429 storm on permission reads: retried, complete and correct', async () => {
    const clean = await callTool(t.client, 'audit_sharepoint_sites', {});
    t.sim.faults.add({
      match: { path: /\/permissions$/ },
      times: 12,
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    const r = await callTool(t.client, 'audit_sharepoint_sites', {});
    expect(r.isError).toBeFalsy();
    expect(r.structured.complete).toBe(true);
    expect(r.structured.sharedItems).toBe(clean.structured.sharedItems);
    expect(t.sim.requests.all().filter((e) => e.status === 429).length).toBeGreaterThanOrEqual(12);
  });

  it('a persistent 503 on one site’s libraries: partial, the site named, no crash', async () => {
    t.sim.faults.clear();
    const finance = t.sim.tenant.sharepoint.sites.find((s) => s.path === '/sites/finance');
    expect(finance).toBeDefined();
    t.sim.faults.clear();
    t.sim.faults.add({
      match: { path: `/sites/${finance?.id}/drives` },
      times: 50,
      fault: { kind: 'status', status: 503, retryAfter: 0 },
    });
    const r = await callTool(t.client, 'audit_sharepoint_sites', {});
    expect(r.isError).toBeFalsy();
    expect(r.structured.complete).toBe(false);
    expect((r.structured.sitesWithErrors as { name: string }[]).map((s) => s.name)).toEqual(['Finance']);
    expect(r.text).toMatch(/errors on 1 site/);
    const findings = r.structured.findings as { status: string }[];
    expect(findings.some((f) => f.status === 'pass')).toBe(false);
    t.sim.faults.clear();
  });

  it('dropped connections on delta: retried, and the result is correct', async () => {
    const clean = await callTool(t.client, 'audit_sharepoint_sites', {});
    t.sim.faults.add({ match: { path: /\/root\/delta$/ }, times: 3, fault: { kind: 'drop' } });
    const r = await callTool(t.client, 'audit_sharepoint_sites', {});
    expect(r.isError).toBeFalsy();
    expect(r.structured.sharedItems).toBe(clean.structured.sharedItems);
    expect(r.structured.complete).toBe(true);
    t.sim.faults.clear();
  });
});
