// readContentPrefixes against graph-sim over HTTPS: Graph's 302 from the $batch sub-response is
// followed through the pre-authenticated download URL (with a Range, without Authorization, at most
// four at a time), an inline 200/206 body (a proxy) is still used, and failures say why.
import { createGraphClient, type GraphClient, resolveCloud } from '@m365-mcp/graph-core';
import {
  createDemoTenant,
  type GraphSim,
  type GraphSimOptions,
  PLANTED_CARD_NUMBERS,
  PLANTED_IBANS,
  type SimDriveItem,
  startGraphSim,
  type Tenant,
} from '@m365-mcp/graph-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { readContentPrefixes } from '../src/graph/read-content.js';

interface Setup {
  sim: GraphSim;
  graph: GraphClient;
  files: { driveId: string; itemId: string }[];
  names: string[];
}

const open: Setup[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.graph.close();
    await s.sim.close();
  }
});

/** The demo's planted text files, an empty file, and ten filler copies to have more than four downloads. */
function tenantWithFiles(): { tenant: Tenant; files: Setup['files']; names: string[] } {
  const tenant = createDemoTenant();
  const files: Setup['files'] = [];
  const names: string[] = [];
  for (const drive of tenant.sharepoint.drives) {
    for (const item of drive.items) {
      if (item.content === undefined) continue;
      files.push({ driveId: drive.id, itemId: item.id });
      names.push(item.name);
    }
  }
  const drive = tenant.sharepoint.drives.find((d) =>
    d.items.some((i) => i.name === 'Card settlements Q3.csv'),
  );
  const template = drive?.items.find((i) => i.kind === 'file') as SimDriveItem;
  const root = drive?.items.find((i) => i.parentId === null) as SimDriveItem;
  const extra = (id: string, name: string, content: string): SimDriveItem => ({
    ...template,
    id,
    name,
    parentId: root.id,
    permissions: [],
    content,
    size: Buffer.byteLength(content),
  });
  drive?.items.push(extra('EMPTY-FILE', 'empty.txt', ''));
  files.push({ driveId: drive?.id ?? '', itemId: 'EMPTY-FILE' });
  names.push('empty.txt');
  for (let i = 0; i < 10; i++) {
    drive?.items.push(extra(`FILLER-${i}`, `notes-${i}.txt`, `nothing to see ${i}\n`.repeat(50)));
    files.push({ driveId: drive?.id ?? '', itemId: `FILLER-${i}` });
    names.push(`notes-${i}.txt`);
  }
  return { tenant, files, names };
}

async function setup(options: GraphSimOptions = {}): Promise<Setup> {
  const { tenant, files, names } = tenantWithFiles();
  const sim = await startGraphSim({ tenant, ...options });
  const clientId = '5c0a7e11-0000-4000-8000-00000000c0de';
  // A given token, as M365_ACCESS_TOKEN would supply it.
  const credential = {
    getToken: async () => ({
      token: sim.issueToken({ clientId, roles: ['Sites.Read.All'] }),
      expiresOnTimestamp: Date.now() + 3_600_000,
    }),
  };
  const graph = createGraphClient({
    credential,
    cloud: resolveCloud({ AZURE_AUTHORITY_HOST: sim.url, M365_GRAPH_URL: sim.url }),
    ca: sim.ca,
  });
  const s = { sim, graph, files, names };
  open.push(s);
  return s;
}

function textOf(results: Awaited<ReturnType<typeof readContentPrefixes>>, names: string[], name: string) {
  const result = results[names.indexOf(name)];
  if (!result?.ok) throw new Error(`${name}: ${result?.reason}`);
  return result.text;
}

describe('readContentPrefixes', () => {
  it('follows the batch 302s through the download URL, with a Range and without Authorization', async () => {
    const { sim, graph, files, names } = await setup();
    sim.faults.add({
      match: { path: '/_layouts/15/download.aspx' },
      times: files.length,
      fault: { kind: 'delay', ms: 40 },
    });
    const results = await readContentPrefixes(graph, files, 4096);
    expect(results.every((r) => r.ok)).toBe(true);
    const cards = textOf(results, names, 'Card settlements Q3.csv');
    for (const card of PLANTED_CARD_NUMBERS) expect(cards).toContain(card);
    for (const iban of PLANTED_IBANS)
      expect(textOf(results, names, 'New starter bank details.csv')).toContain(iban);
    expect(results[names.indexOf('empty.txt')]).toEqual({ ok: true, text: '', bytes: 0 });

    const log = sim.requests.all();
    const contentReads = log.filter((e) => e.path.endsWith('/content'));
    expect(contentReads).toHaveLength(files.length);
    expect(contentReads.every((e) => e.batch !== undefined && e.status === 302)).toBe(true);
    const downloads = log.filter((e) => e.side === 'download');
    expect(downloads).toHaveLength(files.length);
    for (const d of downloads) {
      expect(d.headers.range).toBe('bytes=0-4095');
      expect(d.headers).not.toHaveProperty('authorization');
    }
    expect(downloads.map((d) => d.status).sort()).toEqual([
      ...Array.from({ length: files.length - 1 }, () => 206),
      416,
    ]);
    // At most four downloads at once, and more than one: from the simulator's own timestamps.
    const overlap = Math.max(
      ...downloads.map(
        (d) => downloads.filter((o) => o.time <= d.time && d.time < o.time + o.durationMs).length,
      ),
    );
    expect(overlap).toBeLessThanOrEqual(4);
    expect(overlap).toBeGreaterThan(1);
  });

  it('reads no more than maxBytes of a file', async () => {
    const { graph, files, names } = await setup();
    const results = await readContentPrefixes(graph, files, 16);
    const cards = results[names.indexOf('Card settlements Q3.csv')];
    expect(cards).toEqual({ ok: true, text: 'settlement_id,me', bytes: 16 });
  });

  it('still takes the bytes inline when the sub-response holds them (a proxy that follows the redirect)', async () => {
    const { sim, graph, files, names } = await setup({ fileContent: 'inline' });
    const results = await readContentPrefixes(graph, files.slice(0, 3), 4096);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(textOf(results, names, names[0] ?? '')).not.toBe('');
    expect(sim.requests.all().filter((e) => e.side === 'download')).toEqual([]);
    expect(sim.requests.all().filter((e) => e.path.endsWith('/content') && e.status === 206)).toHaveLength(3);
  });

  it('reports a refused (expired) download URL as not scanned, without the URL’s tempauth', async () => {
    const { sim, graph, files } = await setup({ downloadUrlLifetimeSeconds: -1 });
    const [result] = await readContentPrefixes(graph, files.slice(0, 1), 4096);
    expect(result?.ok).toBe(false);
    const reason = result && !result.ok ? result.reason : '';
    expect(reason).toMatch(/refused \(HTTP 401\)/);
    expect(reason).not.toMatch(/tempauth/i);
    expect(sim.requests.all().filter((e) => e.side === 'download')).toHaveLength(1);
  });
});
