// The DNS records a simulated tenant publishes: what SPF, DMARC and DKIM checks read. Names are
// lower-case without the trailing dot. A name in `faults` is answered with that failure instead.

export type DnsFault = 'servfail' | 'refused' | 'drop';

export interface DnsZone {
  /** TXT records by name; each entry is one record (split into 255-byte strings on the wire). */
  txt: Record<string, string[]>;
  /** The CNAME target of a name. */
  cname: Record<string, string>;
  /** SERVFAIL, REFUSED, or no answer at all (the client times out). */
  faults: Record<string, DnsFault>;
}

export function emptyDnsZone(): DnsZone {
  return { txt: {}, cname: {}, faults: {} };
}
