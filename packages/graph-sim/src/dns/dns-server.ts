import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { type Answer, QTYPE, RCODE, readQuestion, writeResponse } from './dns-wire.js';
import type { DnsZone } from './dns-zone.js';

// A tiny authoritative-looking DNS server over UDP on loopback: answers TXT and CNAME questions
// from a zone read at each query (so a test's edit shows at once), NXDOMAIN for unknown names, an
// empty answer for a known name without that type, and the zone's planted faults.

export interface DnsSim {
  /** `127.0.0.1:port`, as a resolver's servers list takes it. */
  readonly address: string;
  /** Every question answered or dropped, in order (`TXT _dmarc.contoso.com`). */
  readonly queries: readonly string[];
  close(): Promise<void>;
}

export async function startDnsSim(zone: () => DnsZone, host = '127.0.0.1'): Promise<DnsSim> {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (packet, from) => {
    const q = readQuestion(packet);
    if (!q) return;
    const typeName = q.type === QTYPE.TXT ? 'TXT' : q.type === QTYPE.CNAME ? 'CNAME' : String(q.type);
    queries.push(`${typeName} ${q.name}`);
    const reply = (rcode: number, answers: Answer[] = []) =>
      socket.send(writeResponse(q, rcode, answers), from.port, from.address);
    const z = zone();
    const fault = z.faults[q.name];
    if (fault === 'drop') return;
    if (fault === 'servfail') return reply(RCODE.servFail);
    if (fault === 'refused') return reply(RCODE.refused);
    const txt = z.txt[q.name];
    const cname = z.cname[q.name];
    if (txt === undefined && cname === undefined) return reply(RCODE.nxDomain);
    if (q.type === QTYPE.TXT)
      return reply(
        RCODE.noError,
        (txt ?? []).map((text) => ({ type: QTYPE.TXT, text })),
      );
    if (q.type === QTYPE.CNAME && cname !== undefined)
      return reply(RCODE.noError, [{ type: QTYPE.CNAME, target: cname }]);
    return reply(RCODE.noError);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const { port } = socket.address() as AddressInfo;
  return {
    address: `${host}:${port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
