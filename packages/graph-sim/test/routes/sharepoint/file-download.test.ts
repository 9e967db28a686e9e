// File content as Graph serves it: /content (plain and in $batch) answers 302 with a Location to a
// pre-authenticated download URL on the simulator's host; that URL needs no Authorization, is bound
// to its file, expires, honours byte ranges, takes faults, and is logged with side `download`.
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED_CARD_NUMBERS } from '../../../src/tenant/demo/sharepoint.js';
import { type AppClient, type Body, type DemoSim, startDemoSim } from './support/demo-sim.js';

let demo: DemoSim;
let reader: AppClient;
let anonymous: Agent;
let driveId: string;
let csv: Body;
let otherFile: Body;

/** A request with no Authorization at all, redirects not followed. */
async function plain(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers, redirect: 'manual', dispatcher: anonymous });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, text: body.toString('utf8'), bytes: body };
}

async function contentRedirect(itemId: string): Promise<string> {
  const response = await fetch(`${demo.sim.url}/v1.0/drives/${driveId}/items/${itemId}/content`, {
    headers: { authorization: bearer() },
    redirect: 'manual',
    dispatcher: anonymous,
  });
  expect(response.status).toBe(302);
  expect(await response.text()).toBe('');
  const location = response.headers.get('location');
  if (!location) throw new Error('no Location');
  return location;
}

function bearer(): string {
  return `Bearer ${demo.sim.issueToken({ clientId: reader.clientId, roles: ['Sites.Read.All'] })}`;
}

beforeAll(async () => {
  demo = await startDemoSim();
  reader = await demo.as(['Sites.Read.All']);
  anonymous = new Agent({ connect: { ca: demo.sim.ca } });
  const site = (await reader.get('/v1.0/sites/contoso.sharepoint.com:/sites/finance')).json();
  driveId = (await reader.get(`/v1.0/sites/${site.id}/drive`)).json().id;
  const drive = demo.sim.tenant.sharepoint.drives.find((d) => d.id === driveId);
  csv = drive?.items.find((i) => i.name === 'Card settlements Q3.csv');
  otherFile = drive?.items.find((i) => i.kind === 'file' && i.id !== csv?.id);
  expect(csv).toBeDefined();
  expect(otherFile).toBeDefined();
});
afterAll(async () => {
  await anonymous.close();
  await demo.close();
});

describe('/content answers 302 to a pre-authenticated download URL', () => {
  it('plain: a Location on the simulator host, signed, and no body', async () => {
    const location = await contentRedirect(csv.id);
    const url = new URL(location);
    expect(url.origin).toBe(demo.sim.url);
    expect(url.pathname).toBe('/_layouts/15/download.aspx');
    expect(url.searchParams.get('UniqueId')).toBe(csv.id);
    expect(url.searchParams.get('tempauth')).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    const logged = demo.sim.requests.all().findLast((e) => e.path.endsWith('/content'));
    expect(logged).toMatchObject({ side: 'graph', status: 302, resourceUnits: 1, responseBytes: 0 });
  });

  it('in $batch: the sub-response is the 302 with its location header and no body', async () => {
    const response = await reader.send('POST', '/v1.0/$batch', {
      requests: [
        {
          id: '1',
          method: 'GET',
          url: `/drives/${driveId}/items/${csv.id}/content`,
          headers: { Range: 'bytes=0-9' },
        },
      ],
    });
    expect(response.status).toBe(200);
    const [sub] = response.json().responses;
    expect(sub.status).toBe(302);
    expect(sub).not.toHaveProperty('body');
    const location = sub.headers.Location as string;
    expect(new URL(location).origin).toBe(demo.sim.url);
    const downloaded = await plain(location);
    expect(downloaded.status).toBe(200);
    for (const card of PLANTED_CARD_NUMBERS) expect(downloaded.text).toContain(card);
  });

  it('a folder has no content (400)', async () => {
    const folder = demo.sim.tenant.sharepoint.drives
      .find((d) => d.id === driveId)
      ?.items.find((i) => i.kind === 'folder' && i.parentId !== null);
    expect((await reader.get(`/v1.0/drives/${driveId}/items/${folder?.id}/content`)).status).toBe(400);
  });
});

describe('the download URL', () => {
  it('works without Authorization, serves the whole file or a range, and 416 past the end', async () => {
    const location = await contentRedirect(csv.id);
    const whole = await plain(location);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('text/csv');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.bytes.length).toBe(csv.size);
    const head = await plain(location, { range: 'bytes=0-9' });
    expect(head.status).toBe(206);
    expect(head.text).toBe(whole.text.slice(0, 10));
    expect(head.headers.get('content-range')).toBe(`bytes 0-9/${csv.size}`);
    const tail = await plain(location, { range: 'bytes=-5' });
    expect(tail.status).toBe(206);
    expect(tail.text).toBe(whole.text.slice(-5));
    const past = await plain(location, { range: `bytes=${csv.size}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${csv.size}`);
  });

  it('is logged with side download, its tempauth redacted, and no authorization header', async () => {
    demo.sim.requests.clear();
    const location = await contentRedirect(csv.id);
    await plain(location, { range: 'bytes=0-99' });
    const entry = demo.sim.requests.all().find((e) => e.side === 'download');
    expect(entry).toMatchObject({ method: 'GET', status: 206, version: null, clientId: undefined });
    expect(entry?.path).toBe('/_layouts/15/download.aspx');
    expect(entry?.query).toMatchObject({ UniqueId: csv.id, tempauth: '<redacted>' });
    expect(entry?.url).not.toContain(new URL(location).searchParams.get('tempauth') ?? 'x');
    expect(entry?.headers.range).toBe('bytes=0-99');
    expect(entry?.headers).not.toHaveProperty('authorization');
  });

  it('refuses a forged, tampered, missing or expired tempauth with 401, and another file with 403', async () => {
    const location = new URL(await contentRedirect(csv.id));
    const tempauth = location.searchParams.get('tempauth') ?? '';
    const tampered = new URL(location);
    const [version, payload, signature] = tempauth.split('.');
    tampered.searchParams.set('tempauth', `${version}.${payload}x.${signature}`);
    expect((await plain(tampered.href)).status).toBe(401);
    const forged = new URL(location);
    forged.searchParams.set('tempauth', `v1.${Buffer.from('{}').toString('base64url')}.AAAA`);
    expect((await plain(forged.href)).status).toBe(401);
    const missing = new URL(location);
    missing.searchParams.delete('tempauth');
    expect((await plain(missing.href)).status).toBe(401);
    const expired = demo.sim.issueDownloadUrl({ driveId, itemId: csv.id, expiresInSeconds: -1 });
    const refused = await plain(expired);
    expect(refused.status).toBe(401);
    expect(refused.text).toMatch(/expired/);
    // The token is bound to its file: it does not open another one.
    const other = new URL(location);
    other.searchParams.set('UniqueId', otherFile.id);
    expect((await plain(other.href)).status).toBe(403);
  });

  it('takes scripted faults: a 429 with Retry-After, then the file', async () => {
    demo.sim.faults.add({
      match: { path: '/_layouts/15/download.aspx' },
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    const location = await contentRedirect(csv.id);
    const throttled = await plain(location);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('0');
    expect((await plain(location)).status).toBe(200);
  });

  it('answers 404 when the file is gone', async () => {
    const url = demo.sim.issueDownloadUrl({ driveId, itemId: 'no-such-item' });
    expect((await plain(url)).status).toBe(404);
  });
});

describe('a simulator with lifetime and content mode options', () => {
  it('expires URLs by downloadUrlLifetimeSeconds, and serves /content inline with fileContent inline', async () => {
    const other = await startDemoSim({ downloadUrlLifetimeSeconds: -1, fileContent: 'inline' });
    const client = await other.as(['Sites.Read.All']);
    const site = (await client.get('/v1.0/sites/contoso.sharepoint.com:/sites/finance')).json();
    const drive = (await client.get(`/v1.0/sites/${site.id}/drive`)).json();
    const item = other.sim.tenant.sharepoint.drives
      .find((d) => d.id === drive.id)
      ?.items.find((i) => i.name === 'Card settlements Q3.csv');
    try {
      const inline = await client.get(`/v1.0/drives/${drive.id}/items/${item?.id}/content`, {
        range: 'bytes=0-9',
      });
      expect(inline.status).toBe(206);
      expect(inline.headers.get('content-range')).toBe(`bytes 0-9/${item?.size}`);
      const agent = new Agent({ connect: { ca: other.sim.ca } });
      const url = other.sim.issueDownloadUrl({ driveId: drive.id, itemId: item?.id ?? '' });
      const response = await fetch(url, { dispatcher: agent });
      expect(response.status).toBe(401);
      await response.arrayBuffer();
      await agent.close();
    } finally {
      await other.close();
    }
  });
});
