// Delta and paging over a generated tenant: every item once, the deltaLink, changes since a token
// (a removed link shows up as a change), $select on delta items, and SharePoint's costs for each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSharePoint } from '../../../src/tenant/generate/sharepoint.js';
import type { SimDrive } from '../../../src/tenant/sharepoint.js';
import { type AppClient, type Body, type DemoSim, readAll, startDemoSim } from './support/demo-sim.js';

let demo: DemoSim;
let reader: AppClient;
let drive: SimDrive;

beforeAll(async () => {
  demo = await startDemoSim();
  demo.sim.tenant.sharepoint = generateSharePoint({
    seed: 'delta-test',
    sites: 3,
    items: 1200,
    sharedRatio: 0.05,
  });
  drive = [...demo.sim.tenant.sharepoint.drives].sort(
    (a, b) => b.items.length - a.items.length,
  )[0] as SimDrive;
  reader = await demo.as(['Files.Read.All']);
});
afterAll(() => demo.close());

function entriesFor(pathPart: string) {
  return demo.sim.requests.all().filter((e) => e.path.includes(pathPart));
}

describe('drive delta', () => {
  it('returns every item once, parents first, and a deltaLink only on the last page', async () => {
    demo.sim.requests.clear();
    const sync = await readAll(reader, `/v1.0/drives/${drive.id}/root/delta`);
    expect(drive.items.length).toBeGreaterThan(400);
    expect(sync.pages).toBe(Math.ceil(drive.items.length / 200));
    expect(sync.items.map((i) => i.id)).toEqual(drive.items.map((i) => i.id));
    expect(sync.items[0]).toHaveProperty('root');
    expect(sync.last['@odata.deltaLink']).toMatch(/\/root\/delta\?.*token=/);
    const shared = sync.items.filter((i) => i.shared);
    expect(shared.length).toBe(
      drive.items.filter((i) => i.permissions.length > 0 && i.parentId !== null).length,
    );
    expect(sync.items.every((i) => i.parentReference.path === undefined)).toBe(true);
    const costs = entriesFor('/root/delta').map((e) => e.resourceUnits);
    expect(costs[0]).toBe(2);
  });

  it('honours $select on delta items', async () => {
    const page = (
      await reader.get(`/v1.0/drives/${drive.id}/root/delta?$select=id,name,shared&$top=50`)
    ).json();
    expect(page.value).toHaveLength(50);
    for (const item of page.value)
      for (const key of Object.keys(item)) expect(['id', 'name', 'shared']).toContain(key);
  });

  it('reports nothing new from a fresh token, then exactly the item whose link was removed', async () => {
    const sync = await readAll(reader, `/v1.0/drives/${drive.id}/root/delta`);
    const deltaLink: string = sync.last['@odata.deltaLink'];
    demo.sim.requests.clear();
    const quiet = (await reader.get(deltaLink)).json();
    expect(quiet.value).toEqual([]);
    expect(quiet['@odata.deltaLink']).toBeDefined();
    expect(entriesFor('/root/delta')[0]?.resourceUnits).toBe(1);

    const target = sync.items.find((i) => i.shared && i.id !== sync.items[0].id) as Body;
    const writer = await demo.as(['Files.ReadWrite.All']);
    const base = `/v1.0/drives/${drive.id}/items/${target.id}/permissions`;
    const own = (await reader.get(base)).json().value.filter((p: Body) => !p.inheritedFrom);
    for (const p of own) expect((await writer.send('DELETE', `${base}/${p.id}`)).status).toBe(204);

    const changes = (await reader.get(quiet['@odata.deltaLink'])).json();
    expect(changes.value.map((i: Body) => i.id)).toEqual([target.id]);
    expect(changes.value[0]).not.toHaveProperty('shared');
    expect((await reader.get(changes['@odata.deltaLink'])).json().value).toEqual([]);
  });

  it("skips to now with token=latest and refuses tokens that are not this drive's", async () => {
    const latest = (await reader.get(`/v1.0/drives/${drive.id}/root/delta?token=latest`)).json();
    expect(latest.value).toEqual([]);
    const token = new URL(latest['@odata.deltaLink']).searchParams.get('$deltatoken');
    const other = demo.sim.tenant.sharepoint.drives.find((d) => d.id !== drive.id) as SimDrive;
    expect((await reader.get(`/v1.0/drives/${other.id}/root/delta?token=${token}`)).status).toBe(400);
    expect((await reader.get(`/v1.0/drives/${drive.id}/root/delta?token=garbage`)).status).toBe(400);
  });
});

describe('children paging', () => {
  it('pages children 200 at a time by default, and takes a larger $top', async () => {
    const root = drive.items[0];
    if (!root) throw new Error('no root');
    // Plant a flat library: every item directly under the root.
    for (const item of drive.items.slice(1)) {
      item.parentId = root.id;
      item.kind = 'file';
    }
    drive.changeCounter += 1;
    const total = drive.items.length - 1;
    const paged = await readAll(reader, `/v1.0/drives/${drive.id}/root/children`);
    expect(paged.items).toHaveLength(total);
    expect(paged.pages).toBe(Math.ceil(total / 200));
    const big = await readAll(reader, `/v1.0/drives/${drive.id}/items/${root.id}/children?$top=999`);
    expect(big.pages).toBe(Math.ceil(total / 999));
    expect((await reader.get(`/v1.0/drives/${drive.id}/root`)).json().folder.childCount).toBe(total);
  });
});
