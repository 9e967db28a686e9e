import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { type DnsSim, type DnsZone, emptyDnsZone, startDnsSim } from '@m365-mcp/graph-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkDnsServers, createDnsReader, DnsError } from '../src/index.js';

// The DNS reader against graph-sim's DNS server on loopback: answers, each failure as its own
// typed error, one query per name however often it is asked, and the concurrency bound.

let zone: DnsZone;
let dns: DnsSim;
beforeAll(async () => {
  dns = await startDnsSim(() => zone);
});
afterAll(async () => {
  await dns.close();
});
beforeEach(() => {
  zone = emptyDnsZone();
});

const reader = (extra: Parameters<typeof createDnsReader>[0] = {}) =>
  createDnsReader({ servers: [dns.address], timeoutMs: 200, tries: 1, ...extra });

async function failure(p: Promise<unknown>): Promise<DnsError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DnsError);
  return error as DnsError;
}

describe('createDnsReader', () => {
  it('reads TXT records (a long record joined from its 255-byte strings) and CNAME targets', async () => {
    const long = `v=spf1 ${'include:a.example.com '.repeat(14)}-all`;
    expect(long.length).toBeGreaterThan(255);
    zone.txt['contoso.com'] = ['v=spf1 include:spf.protection.outlook.com -all', long];
    zone.cname['selector1._domainkey.contoso.com'] =
      'selector1-contoso-com._domainkey.contoso.onmicrosoft.com';
    const r = reader();
    expect(await r.txt('Contoso.com.')).toEqual(['v=spf1 include:spf.protection.outlook.com -all', long]);
    expect(await r.cname('selector1._domainkey.contoso.com')).toEqual([
      'selector1-contoso-com._domainkey.contoso.onmicrosoft.com',
    ]);
  });

  it('tells NXDOMAIN from a name without that record type', async () => {
    zone.txt['contoso.com'] = ['MS=ms1'];
    const r = reader();
    const missing = await failure(r.txt('nowhere.contoso.com'));
    expect(missing).toMatchObject({ kind: 'notFound', code: 'ENOTFOUND', recordType: 'TXT', absent: true });
    expect(missing.message).toContain('nowhere.contoso.com');
    const noCname = await failure(r.cname('contoso.com'));
    expect(noCname).toMatchObject({ kind: 'noData', code: 'ENODATA', absent: true });
  });

  it('reports SERVFAIL, a refusal and a timeout as failures of the lookup, not absence', async () => {
    zone.faults['broken.contoso.com'] = 'servfail';
    zone.faults['refused.contoso.com'] = 'refused';
    zone.faults['silent.contoso.com'] = 'drop';
    const r = reader();
    expect(await failure(r.txt('broken.contoso.com'))).toMatchObject({
      kind: 'serverFailure',
      absent: false,
    });
    expect(await failure(r.txt('refused.contoso.com'))).toMatchObject({ kind: 'refused', absent: false });
    const timeout = await failure(r.txt('silent.contoso.com'));
    expect(timeout).toMatchObject({ kind: 'timeout', code: 'ETIMEOUT', absent: false });
    expect(timeout.message).toBe('TXT lookup of silent.contoso.com failed: no answer in time (ETIMEOUT)');
  });

  it('looks each name up once, however many callers ask at once or later', async () => {
    zone.txt['contoso.com'] = ['v=spf1 -all'];
    const before = dns.queries.length;
    const r = reader();
    const answers = await Promise.all([r.txt('contoso.com'), r.txt('CONTOSO.COM'), r.txt('contoso.com.')]);
    expect(answers).toEqual([['v=spf1 -all'], ['v=spf1 -all'], ['v=spf1 -all']]);
    await failure(r.txt('gone.contoso.com'));
    await failure(r.txt('gone.contoso.com'));
    expect(r.queries).toBe(2);
    expect(dns.queries.slice(before)).toEqual(['TXT contoso.com', 'TXT gone.contoso.com']);
  });

  it('refuses a servers entry that is not an address, naming it', () => {
    expect(() => createDnsReader({ servers: ['dns.example.com'] })).toThrow(
      'DNS server "dns.example.com" is not an IP address with an optional port',
    );
    expect(() => checkDnsServers([])).toThrow('give at least one address');
    expect(() => checkDnsServers(['127.0.0.1:5353', '[::1]:53', '10.0.0.1'])).not.toThrow();
  });
});

describe('concurrency', () => {
  // A server that holds every query until the test lets it answer: how many are waiting at once
  // shows the reader's bound, without any timing.
  let socket: Socket;
  const held: { packet: Buffer; port: number; address: string }[] = [];
  let onQuery: () => void = () => {};
  beforeAll(async () => {
    socket = createSocket('udp4');
    socket.on('message', (packet, from) => {
      held.push({ packet, port: from.port, address: from.address });
      onQuery();
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => socket.close(() => resolve())));

  it('keeps at most maxConcurrency queries in flight', async () => {
    const { port } = socket.address() as AddressInfo;
    const r = createDnsReader({
      servers: [`127.0.0.1:${port}`],
      maxConcurrency: 2,
      timeoutMs: 5000,
      tries: 1,
    });
    const names = ['a', 'b', 'c', 'd', 'e'].map((n) => `${n}.contoso.com`);
    const lookups = names.map((n) => r.txt(n).catch((e: unknown) => e));
    const waitFor = (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (held.length >= count) resolve();
        };
        onQuery = check;
        check();
      });
    // Answer NXDOMAIN to each held query in turn; a new one may arrive only after one is answered.
    let answered = 0;
    while (answered < names.length) {
      await waitFor(answered + 1);
      expect(held.length - answered).toBeLessThanOrEqual(2);
      const { packet, port: p, address } = held[answered] as (typeof held)[number];
      const reply = Buffer.from(packet);
      reply.writeUInt16BE(0x8183, 2); // QR, RD, RA, NXDOMAIN
      reply.writeUInt16BE(0, 10); // no additional records (drops the query's EDNS OPT)
      socket.send(reply.subarray(0, questionEnd(packet)), p, address);
      answered += 1;
    }
    const results = await Promise.all(lookups);
    expect(results.every((e) => e instanceof DnsError && e.kind === 'notFound')).toBe(true);
    expect(r.queries).toBe(5);
  });
});

/** The end of the question section: the reply is the header and the question, no records. */
function questionEnd(packet: Buffer): number {
  let offset = 12;
  while ((packet[offset] ?? 0) !== 0) offset += 1 + (packet[offset] ?? 0);
  return offset + 5;
}
