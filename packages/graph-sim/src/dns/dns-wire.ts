// Just enough of the DNS wire format (RFC 1035) to answer one question with TXT or CNAME records:
// the simulator's DNS server reads queries from Node's resolver and writes its answers.

export const QTYPE = { CNAME: 5, TXT: 16 } as const;
export const RCODE = { noError: 0, formErr: 1, servFail: 2, nxDomain: 3, refused: 5 } as const;

export interface DnsQuestion {
  id: number;
  /** The query's flags, of which RD (recursion desired) and the opcode are echoed. */
  flags: number;
  name: string;
  type: number;
  qclass: number;
  /** The question section as sent (labels, type, class), echoed in the answer. */
  raw: Buffer;
}

/** The first question of a query, or undefined when the packet is not one we can read. */
export function readQuestion(packet: Buffer): DnsQuestion | undefined {
  if (packet.length < 12 || packet.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  while (offset < packet.length) {
    const length = packet[offset] ?? 0;
    if (length === 0) break;
    if (length > 63) return undefined; // a compressed name in a question is not something clients send
    labels.push(packet.subarray(offset + 1, offset + 1 + length).toString('latin1'));
    offset += 1 + length;
  }
  if (offset + 5 > packet.length) return undefined;
  return {
    id: packet.readUInt16BE(0),
    flags: packet.readUInt16BE(2),
    name: labels.join('.').toLowerCase(),
    type: packet.readUInt16BE(offset + 1),
    qclass: packet.readUInt16BE(offset + 3),
    raw: packet.subarray(12, offset + 5),
  };
}

function encodeName(name: string): Buffer {
  const parts = name
    .replace(/\.$/, '')
    .split('.')
    .filter((p) => p.length > 0)
    .map((label) => {
      const bytes = Buffer.from(label, 'latin1');
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function txtData(record: string): Buffer {
  const bytes = Buffer.from(record, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length || i === 0; i += 255) {
    const chunk = bytes.subarray(i, i + 255);
    chunks.push(Buffer.from([chunk.length]), chunk);
  }
  return Buffer.concat(chunks);
}

export type Answer = { type: typeof QTYPE.TXT; text: string } | { type: typeof QTYPE.CNAME; target: string };

/** A response to `q`: the rcode and the answers, each pointing back at the question's name. */
export function writeResponse(q: DnsQuestion, rcode: number, answers: readonly Answer[] = []): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(q.id, 0);
  // QR, the query's opcode and RD, RA (we answer as a recursive resolver would), the rcode.
  header.writeUInt16BE(0x8000 | (q.flags & 0x7900) | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const records = answers.map((answer) => {
    const data = answer.type === QTYPE.TXT ? txtData(answer.text) : encodeName(answer.target);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    fixed.writeUInt16BE(answer.type, 2);
    fixed.writeUInt16BE(1, 4); // class IN
    fixed.writeUInt32BE(300, 6);
    fixed.writeUInt16BE(data.length, 10);
    return Buffer.concat([fixed, data]);
  });
  return Buffer.concat([header, q.raw, ...records]);
}
