// Pre-authenticated downloads against graph-sim over HTTPS: the URL comes from the 302 of a real
// $batch /content sub-request, and the simulator's request log proves what was (and was not) sent.
import { ClientSecretCredential } from '@azure/identity';
import { createDemoTenant, type GraphSim, type SimDriveItem, startGraphSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  checkDownloadUrl,
  cloudProfile,
  createGraphClient,
  ForbiddenError,
  type GraphClient,
  GraphError,
  graphPath,
  resolveCloud,
  ThrottledError,
  UnauthorizedError,
  UntrustedLinkError,
} from '../src/index.js';

let sim: GraphSim;
let graph: GraphClient;
let driveId: string;
let csv: SimDriveItem;
const LARGE_SIZE = 8 * 1024 * 1024;
let large: SimDriveItem;

beforeAll(async () => {
  const tenant = createDemoTenant();
  const drive = tenant.sharepoint.drives.find((d) =>
    d.items.some((i) => i.name === 'Card settlements Q3.csv'),
  );
  if (drive === undefined) throw new Error('demo drive not found');
  driveId = drive.id;
  csv = drive.items.find((i) => i.name === 'Card settlements Q3.csv') as SimDriveItem;
  const root = drive.items.find((i) => i.parentId === null) as SimDriveItem;
  large = { ...csv, id: 'LARGE-FILE-0001', name: 'export.log', parentId: root.id, size: LARGE_SIZE };
  delete large.content;
  large.permissions = [];
  drive.items.push(large);
  sim = await startGraphSim({ tenant });
  const app = sim.registerApp({ roles: ['Sites.Read.All'] });
  const credential = new ClientSecretCredential(sim.tenantId, app.clientId, app.secret ?? '', {
    authorityHost: sim.url,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: sim.ca },
  });
  graph = createGraphClient({
    credential,
    cloud: resolveCloud({ AZURE_AUTHORITY_HOST: sim.url, M365_GRAPH_URL: sim.url }),
    ca: sim.ca,
    scheduler: { backoffBaseMs: 5, backoffCapMs: 20, maxRetries: 2 },
  });
});
afterAll(async () => {
  await graph.close();
  await sim.close();
});
beforeEach(() => {
  sim.faults.clear();
  sim.requests.clear();
});

/** The download URL Graph hands out: the Location of the 302 sub-response of a $batch /content. */
async function locationOf(itemId: string): Promise<string> {
  const [result] = await graph.batch([
    { id: '1', method: 'GET', url: graphPath`/drives/${driveId}/items/${itemId}/content` },
  ]);
  expect(result?.status).toBe(302);
  const location = result?.headers.location;
  if (location === undefined) throw new Error('no location');
  return location;
}

const downloads = () => sim.requests.all().filter((e) => e.side === 'download');

describe('downloadPreauthenticated', () => {
  it('reads a range without sending the Graph token (proved from the request log)', async () => {
    const location = await locationOf(csv.id);
    const file = await graph.downloadPreauthenticated(location, {
      range: { start: 0, end: 99 },
      maxBytes: 100,
    });
    expect(file).toMatchObject({ status: 206, offset: 0, totalBytes: csv.size, contentType: 'text/csv' });
    expect(Buffer.from(file.bytes).toString('utf8')).toBe(csv.content?.slice(0, 100));
    const log = sim.requests.all();
    const batch = log.find((e) => e.path === '/$batch');
    expect(batch?.headers.authorization).toBe('Bearer <redacted>');
    const [download] = downloads();
    expect(download?.headers.range).toBe('bytes=0-99');
    expect(download?.headers).not.toHaveProperty('authorization');
    expect(download?.headers).not.toHaveProperty('cookie');
  });

  it('stops at maxBytes on a large file, even without a range, and says it stopped', async () => {
    const location = await locationOf(large.id);
    const whole = await graph.downloadPreauthenticated(location, { maxBytes: 4096 });
    expect(whole).toMatchObject({ status: 200, totalBytes: LARGE_SIZE, truncated: true });
    expect(whole.bytes.length).toBe(4096);
    const ranged = await graph.downloadPreauthenticated(location, {
      range: { start: 1000, end: 999_999 },
      maxBytes: 10,
    });
    expect(ranged).toMatchObject({ status: 206, offset: 1000, totalBytes: LARGE_SIZE, truncated: true });
    expect(ranged.bytes.length).toBe(10);
    const small = await graph.downloadPreauthenticated(await locationOf(csv.id), { maxBytes: 1_000_000 });
    expect(small).toMatchObject({ status: 200, truncated: false });
    expect(small.bytes.length).toBe(csv.size);
  });

  it('refuses a foreign host, a look-alike host and http:// before sending anything', async () => {
    const location = new URL(await locationOf(csv.id));
    sim.requests.clear();
    const query = location.search;
    for (const url of [
      `https://evil.example.com/_layouts/15/download.aspx${query}`,
      `https://contoso.sharepoint.com.evil.example/_layouts/15/download.aspx${query}`,
      `https://evilsharepoint.com/_layouts/15/download.aspx${query}`,
      `http://${location.host}/_layouts/15/download.aspx${query}`,
      `https://user:pw@${location.host}/_layouts/15/download.aspx${query}`,
      'not a url',
    ]) {
      const error = await graph.downloadPreauthenticated(url, { maxBytes: 10 }).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(UntrustedLinkError);
      expect(String((error as Error).message)).not.toContain('tempauth=');
    }
    expect(sim.requests.all()).toEqual([]);
  });

  it('answers 416 past the end with a typed error', async () => {
    const location = await locationOf(csv.id);
    const error = await graph
      .downloadPreauthenticated(location, { range: { start: csv.size + 10 }, maxBytes: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 416, code: 'rangeNotSatisfiable' });
  });

  it('maps an expired URL to UnauthorizedError and a URL for another file to ForbiddenError, without the tempauth', async () => {
    const expired = sim.issueDownloadUrl({ driveId, itemId: csv.id, expiresInSeconds: -1 });
    const error = await graph.downloadPreauthenticated(expired, { maxBytes: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ status: 401, code: 'downloadUrlRefused' });
    const tempauth = new URL(expired).searchParams.get('tempauth') ?? '';
    expect(JSON.stringify(error)).not.toContain(tempauth);
    expect((error as Error).message).not.toContain(tempauth);
    const other = new URL(await locationOf(csv.id));
    other.searchParams.set('UniqueId', large.id);
    const denied = await graph
      .downloadPreauthenticated(other.href, { maxBytes: 10 })
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(ForbiddenError);
  });

  it('retries 429 and 503 after Retry-After, and gives up with ThrottledError when the budget is spent', async () => {
    const location = await locationOf(csv.id);
    sim.faults.add({
      match: { path: '/_layouts/15/download.aspx' },
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    sim.faults.add({
      match: { path: '/_layouts/15/download.aspx' },
      fault: { kind: 'status', status: 503, retryAfter: 0 },
    });
    const file = await graph.downloadPreauthenticated(location, {
      range: { start: 0, end: 9 },
      maxBytes: 10,
    });
    expect(file.status).toBe(206);
    expect(downloads().map((e) => e.status)).toEqual([429, 503, 206]);
    // Every attempt is a fresh request without Authorization, with the range.
    expect(downloads().every((e) => e.headers.range === 'bytes=0-9' && !('authorization' in e.headers))).toBe(
      true,
    );

    sim.requests.clear();
    sim.faults.add({
      match: { path: '/_layouts/15/download.aspx' },
      times: 10,
      fault: { kind: 'status', status: 429, retryAfter: 0 },
    });
    const error = await graph.downloadPreauthenticated(location, { maxBytes: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect(downloads()).toHaveLength(3); // the first try and maxRetries (2) retries
  });

  it('retries a dropped connection', async () => {
    const location = await locationOf(csv.id);
    sim.faults.add({ match: { path: '/_layouts/15/download.aspx' }, fault: { kind: 'drop' } });
    const file = await graph.downloadPreauthenticated(location, { maxBytes: 10 });
    expect(file.bytes.length).toBe(10);
    expect(downloads().map((e) => e.status)).toEqual([0, 200]);
  });

  it('refuses a nonsensical request', async () => {
    const location = await locationOf(csv.id);
    await expect(graph.downloadPreauthenticated(location, { maxBytes: 0 })).rejects.toBeInstanceOf(
      BadRequestError,
    );
    await expect(
      graph.downloadPreauthenticated(location, { range: { start: 5, end: 1 }, maxBytes: 10 }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe('checkDownloadUrl: the download hosts of each cloud', () => {
  const path = '/_layouts/15/download.aspx?UniqueId=x&tempauth=y';
  it('accepts SharePoint and OneDrive download hosts of the cloud, and the Graph host', () => {
    const global = cloudProfile('global');
    expect(checkDownloadUrl(`https://contoso.sharepoint.com${path}`, global).host).toBe(
      'contoso.sharepoint.com',
    );
    expect(() => checkDownloadUrl(`https://contoso-my.sharepoint.com${path}`, global)).not.toThrow();
    expect(() => checkDownloadUrl('https://b0mpua-by3301.files.1drv.com/y23vmag', global)).not.toThrow();
    expect(() => checkDownloadUrl(`https://graph.microsoft.com${path}`, global)).not.toThrow();
    expect(() =>
      checkDownloadUrl(`https://contoso.sharepoint.us${path}`, cloudProfile('usgov')),
    ).not.toThrow();
    expect(() =>
      checkDownloadUrl(`https://contoso.sharepoint-mil.us${path}`, cloudProfile('usgov-dod')),
    ).not.toThrow();
    expect(() =>
      checkDownloadUrl(`https://contoso.sharepoint.cn${path}`, cloudProfile('china')),
    ).not.toThrow();
  });

  it('refuses other clouds’ hosts, odd ports and bare suffixes', () => {
    const global = cloudProfile('global');
    expect(() => checkDownloadUrl(`https://contoso.sharepoint.cn${path}`, global)).toThrow(
      UntrustedLinkError,
    );
    expect(() => checkDownloadUrl(`https://contoso.sharepoint.com${path}`, cloudProfile('china'))).toThrow(
      /\*\.sharepoint\.cn/,
    );
    expect(() => checkDownloadUrl(`https://contoso.sharepoint.com:8443${path}`, global)).toThrow(
      UntrustedLinkError,
    );
    expect(() => checkDownloadUrl(`https://sharepoint.com${path}`, global)).toThrow(UntrustedLinkError);
  });
});
