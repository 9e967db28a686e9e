// SharePoint routes over HTTPS against the demo tenant: settings, sites by id and by path, drives,
// items, permissions and their cost, link removal, file content, and 403 without the role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../../../src/index.js';
import { PLANTED_CARD_NUMBERS } from '../../../src/tenant/demo/sharepoint.js';
import { type AppClient, type Body, type DemoSim, readAll, startDemoSim } from './support/demo-sim.js';

let demo: DemoSim;
let reader: AppClient;

beforeAll(async () => {
  demo = await startDemoSim();
  reader = await demo.as(['Sites.Read.All', 'Files.Read.All', 'SharePointTenantSettings.Read.All']);
});
afterAll(() => demo.close());

async function siteByPath(path: string): Promise<Body> {
  const response = await reader.get(`/v1.0/sites/contoso.sharepoint.com:${path}`);
  expect(response.status).toBe(200);
  return response.json();
}

async function itemByName(driveId: string, names: string[]): Promise<Body> {
  let parent = 'root';
  let found: Body;
  for (const name of names) {
    const children = await readAll(reader, `/v1.0/drives/${driveId}/items/${parent}/children`);
    found = children.items.find((i) => i.name === name);
    expect(found, name).toBeDefined();
    parent = found.id;
  }
  return found;
}

function lastLogEntry(pathPart: string) {
  const entries = demo.sim.requests.all().filter((e) => e.path.includes(pathPart));
  const last = entries.at(-1);
  if (!last) throw new Error(`no request for ${pathPart}`);
  return last;
}

describe('tenant sharing settings', () => {
  it('serves the settings as a flat entity', async () => {
    const response = await reader.get('/v1.0/admin/sharepoint/settings');
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body).not.toHaveProperty('value');
    expect(body['@odata.context']).toMatch(/\$metadata#admin\/sharepoint\/settings\/\$entity$/);
    expect(body).toMatchObject({
      sharingCapability: 'externalUserAndGuestSharing',
      isResharingByExternalUsersEnabled: true,
    });
    expect(lastLogEntry('/admin/sharepoint/settings')).toMatchObject({
      workload: 'sharepoint',
      resourceUnits: 1,
    });
  });

  it('serves the value-wrapped shape of Microsoft’s docs sample when the tenant asks for it', async () => {
    demo.sim.tenant.sharepoint.settingsShape = 'valueWrapped';
    try {
      const body = (await reader.get('/v1.0/admin/sharepoint/settings')).json();
      expect(body).not.toHaveProperty('sharingCapability');
      expect(body.value).toMatchObject({ sharingCapability: 'externalUserAndGuestSharing' });
    } finally {
      delete demo.sim.tenant.sharepoint.settingsShape;
    }
  });

  it('changes settings only with the ReadWrite role, validates them, and shows the change', async () => {
    const fix = {
      sharingCapability: 'existingExternalUserSharingOnly',
      isResharingByExternalUsersEnabled: false,
    };
    expect((await reader.send('PATCH', '/v1.0/admin/sharepoint/settings', fix)).status).toBe(403);
    const admin = await demo.as(['SharePointTenantSettings.ReadWrite.All']);
    expect(
      (await admin.send('PATCH', '/v1.0/admin/sharepoint/settings', { sharingCapability: 'anyone' })).status,
    ).toBe(400);
    expect(
      (await admin.send('PATCH', '/v1.0/admin/sharepoint/settings', { noSuchSetting: true })).status,
    ).toBe(400);
    const patched = await admin.send('PATCH', '/v1.0/admin/sharepoint/settings', fix);
    expect(patched.status).toBe(200);
    expect((await reader.get('/v1.0/admin/sharepoint/settings')).json()).toMatchObject(fix);
  });
});

describe('sites', () => {
  it('searches team sites and lists every site, OneDrives included, with paging', async () => {
    const finance = await readAll(reader, '/v1.0/sites?search=finance');
    expect(finance.items.map((s) => s.displayName)).toEqual(['Finance']);
    const all = await readAll(reader, '/v1.0/sites?search=*');
    expect(all.items).toHaveLength(6);
    const everything = await readAll(reader, '/v1.0/sites/getAllSites?$top=4');
    expect(everything.pages).toBe(3);
    expect(everything.items).toHaveLength(9);
    expect(everything.items.filter((s) => s.isPersonalSite)).toHaveLength(3);
    expect(everything.items.filter((s) => s.root)).toHaveLength(1);
    expect(lastLogEntry('/sites/getAllSites').resourceUnits).toBe(2);
  });

  it('finds a site by id, by host and path, and the root site; unknown ones are 404', async () => {
    const byPath = await siteByPath('/sites/finance');
    expect(byPath.id).toMatch(/^contoso\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
    expect(byPath).toMatchObject({
      displayName: 'Finance',
      webUrl: 'https://contoso.sharepoint.com/sites/finance',
    });
    const byId = (await reader.get(`/v1.0/sites/${byPath.id}`)).json();
    expect(byId.id).toBe(byPath.id);
    expect((await reader.get(`/v1.0/sites/${byPath.id.toUpperCase()}`)).status).toBe(200);
    expect((await reader.get('/v1.0/sites/root')).json()).toMatchObject({
      webUrl: 'https://contoso.sharepoint.com',
      root: {},
    });
    expect((await reader.get('/v1.0/sites/contoso.sharepoint.com:/sites/nope')).status).toBe(404);
    expect((await reader.get('/v1.0/sites/contoso.sharepoint.com:/sites/finance:')).json().id).toBe(
      byPath.id,
    );
    const onedrive = await reader.get('/v1.0/sites/contoso-my.sharepoint.com:/personal/meganb_contoso_com');
    expect(onedrive.json()).toMatchObject({ isPersonalSite: true, displayName: 'Megan Bowen' });
  });

  it('lists app grants on a site only for Sites.FullControl.All, at 5 resource units', async () => {
    const site = await siteByPath('/sites/marketing');
    expect((await reader.get(`/v1.0/sites/${site.id}/permissions`)).status).toBe(403);
    const admin = await demo.as(['Sites.FullControl.All']);
    const grants = (await admin.get(`/v1.0/sites/${site.id}/permissions`)).json().value;
    expect(grants).toEqual([
      expect.objectContaining({
        roles: ['write'],
        grantedToIdentitiesV2: [
          { application: expect.objectContaining({ displayName: 'Fabrikam Social Publisher' }) },
        ],
      }),
    ]);
    expect(lastLogEntry('/permissions').resourceUnits).toBe(5);
  });
});

describe('drives and items', () => {
  it("lists a site's drives, its default drive, and a user's OneDrive by id or UPN", async () => {
    const site = await siteByPath('/sites/finance');
    const drives = (await reader.get(`/v1.0/sites/${site.id}/drives`)).json().value;
    expect(drives).toHaveLength(1);
    expect(drives[0]).toMatchObject({
      driveType: 'documentLibrary',
      name: 'Documents',
      owner: { group: { displayName: 'Finance' } },
    });
    expect((await reader.get(`/v1.0/sites/${site.id}/drive`)).json().id).toBe(drives[0].id);
    expect((await reader.get(`/v1.0/drives/${drives[0].id}`)).json().webUrl).toBe(
      'https://contoso.sharepoint.com/sites/finance/Shared%20Documents',
    );
    const byId = (await reader.get(`/v1.0/users/${demoPeople.miriam.id}/drive`)).json();
    const byUpn = (await reader.get(`/v1.0/users/${demoPeople.miriam.userPrincipalName}/drive`)).json();
    expect(byId).toMatchObject({ driveType: 'business', owner: { user: { id: demoPeople.miriam.id } } });
    expect(byUpn.id).toBe(byId.id);
    expect((await reader.get(`/v1.0/users/${demoPeople.diego.id}/drive`)).status).toBe(404);
  });

  it("walks nested folders; items carry the shared facet and Graph's item shape", async () => {
    const site = await siteByPath('/sites/finance');
    const drive = (await reader.get(`/v1.0/sites/${site.id}/drive`)).json();
    const root = (await reader.get(`/v1.0/drives/${drive.id}/root`)).json();
    expect(root).toMatchObject({ root: {}, folder: { childCount: 3 } });
    const top = await readAll(reader, `/v1.0/drives/${drive.id}/root/children`);
    expect(top.items.map((i) => i.name).sort()).toEqual(['Budget 2026.xlsx', 'Invoices', 'Payments']);
    expect(top.items.find((i) => i.name === 'Invoices').shared).toMatchObject({ scope: 'organization' });
    const csv = await itemByName(drive.id, ['Payments', 'Card settlements Q3.csv']);
    expect(csv).toMatchObject({
      file: { mimeType: 'text/csv' },
      shared: { scope: 'anonymous', owner: { user: { id: demoPeople.joni.id } } },
      parentReference: {
        driveId: drive.id,
        driveType: 'documentLibrary',
        path: `/drives/${drive.id}/root:/Payments`,
        siteId: site.id,
      },
      webUrl:
        'https://contoso.sharepoint.com/sites/finance/Shared%20Documents/Payments/Card%20settlements%20Q3.csv',
    });
    expect(csv.eTag).toMatch(/^"\{[0-9A-F-]{36}\},\d+"$/);
    expect(top.items.find((i) => i.name === 'Budget 2026.xlsx')).not.toHaveProperty('shared');
    expect(lastLogEntry('/children').resourceUnits).toBe(2);
    const one = await reader.get(`/v1.0/drives/${drive.id}/items/${csv.id}?$select=id,name,shared`);
    expect(Object.keys(one.json()).sort()).toEqual(['@odata.context', 'id', 'name', 'shared']);
    expect(lastLogEntry(`/items/${csv.id}`).resourceUnits).toBe(1);
  });

  it("lists an item's own and inherited permissions in Graph's shapes, at 5 resource units", async () => {
    const site = await siteByPath('/sites/marketing');
    const drive = (await reader.get(`/v1.0/sites/${site.id}/drive`)).json();
    const brief = await itemByName(drive.id, ['Campaigns', 'Autumn launch brief.docx']);
    const permissions = (await reader.get(`/v1.0/drives/${drive.id}/items/${brief.id}/permissions`)).json()
      .value;
    expect(lastLogEntry('/permissions').resourceUnits).toBe(5);
    const anonymous = permissions.find((p: Body) => p.link?.scope === 'anonymous');
    expect(anonymous).toMatchObject({
      roles: ['write'],
      link: {
        type: 'edit',
        preventsDownload: false,
        webUrl: expect.stringMatching(/^https:\/\/contoso\.sharepoint\.com\/:f:\/s\/marketing\//),
      },
      expirationDateTime: '0001-01-01T00:00:00Z',
      hasPassword: false,
      inheritedFrom: { driveId: drive.id, path: `/drives/${drive.id}/root:/Campaigns` },
    });
    const groups = permissions.filter((p: Body) => p.grantedToV2?.siteGroup);
    expect(groups.map((p: Body) => p.grantedToV2.siteGroup.displayName).sort()).toEqual([
      'Marketing Members',
      'Marketing Owners',
      'Marketing Visitors',
    ]);
    const press = await itemByName(drive.id, ['Press list.xlsx']);
    const expanded = (
      await reader.get(`/v1.0/drives/${drive.id}/items/${press.id}?$expand=permissions`)
    ).json();
    expect(lastLogEntry(`/items/${press.id}`).resourceUnits).toBe(5);
    expect(expanded.permissions[0]).toMatchObject({
      link: { scope: 'users', type: 'edit' },
      grantedToIdentitiesV2: [
        {
          user: { email: 'jordan.reed@gmail.com' },
          siteUser: { loginName: expect.stringContaining('#ext#') },
        },
      ],
    });
    // Graph has no `owners` on a driveItem (400); it has `thumbnails`, which graph-sim does not render (501).
    const unknown = await reader.get(`/v1.0/drives/${drive.id}/items/${press.id}?$expand=owners`);
    expect(unknown.status).toBe(400);
    expect(unknown.json().error.message).toBe(
      "Parsing OData Select and Expand failed: Could not find a property named 'owners' on type 'microsoft.graph.driveItem'.",
    );
    expect((await reader.get(`/v1.0/drives/${drive.id}/items/${press.id}?$expand=thumbnails`)).status).toBe(
      501,
    );
  });

  it('removes a sharing link only with Files.ReadWrite.All, never an inherited one, and the item is no longer shared', async () => {
    const site = await siteByPath('/sites/finance');
    const drive = (await reader.get(`/v1.0/sites/${site.id}/drive`)).json();
    const csv = await itemByName(drive.id, ['Payments', 'Card settlements Q3.csv']);
    const base = `/v1.0/drives/${drive.id}/items/${csv.id}/permissions`;
    const permissions = (await reader.get(base)).json().value;
    const link = permissions.find((p: Body) => p.link?.scope === 'anonymous');
    const inherited = permissions.find((p: Body) => p.inheritedFrom);
    expect((await reader.send('DELETE', `${base}/${link.id}`)).status).toBe(403);
    const writer = await demo.as(['Files.ReadWrite.All']);
    expect((await writer.send('DELETE', `${base}/${inherited.id}`)).status).toBe(400);
    expect((await writer.send('DELETE', `${base}/no-such-permission`)).status).toBe(404);
    const removed = await writer.send('DELETE', `${base}/${link.id}`);
    expect(removed.status).toBe(204);
    expect(lastLogEntry(`/permissions/${link.id}`).resourceUnits).toBe(5);
    expect((await reader.get(base)).json().value.some((p: Body) => p.link?.scope === 'anonymous')).toBe(
      false,
    );
    expect((await reader.get(`/v1.0/drives/${drive.id}/items/${csv.id}`)).json()).not.toHaveProperty(
      'shared',
    );
  });

  it('answers file content with a redirect to a download URL (see file-download.test.ts)', async () => {
    const site = await siteByPath('/sites/finance');
    const drive = (await reader.get(`/v1.0/sites/${site.id}/drive`)).json();
    const csv = await itemByName(drive.id, ['Payments', 'Card settlements Q3.csv']);
    // The test client follows the 302 as most HTTP clients do.
    const content = await reader.get(`/v1.0/drives/${drive.id}/items/${csv.id}/content`);
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toBe('text/csv');
    for (const card of PLANTED_CARD_NUMBERS) expect(content.text).toContain(card);
    expect(lastLogEntry('/content')).toMatchObject({ status: 302, resourceUnits: 1 });
    expect(lastLogEntry('/_layouts/15/download.aspx')).toMatchObject({ side: 'download', status: 200 });
    const folder = await itemByName(drive.id, ['Payments']);
    expect((await reader.get(`/v1.0/drives/${drive.id}/items/${folder.id}/content`)).status).toBe(400);
  });

  it('answers 403 to an app without a files or sites role', async () => {
    const other = await demo.as(['User.Read.All']);
    const site = await siteByPath('/sites/legal');
    expect((await other.get(`/v1.0/sites/${site.id}/drives`)).status).toBe(403);
    expect((await other.get('/v1.0/admin/sharepoint/settings')).status).toBe(403);
  });
});
