// Typed DNS failures, so a check can tell "the record is not there" (a finding) from "the lookup did
// not work" (no verdict): NXDOMAIN and an empty answer are facts about the zone; SERVFAIL, a refusal
// and a timeout are facts about the resolver.

export type DnsFailure = 'notFound' | 'noData' | 'serverFailure' | 'refused' | 'timeout' | 'other';

export class DnsError extends Error {
  readonly kind: DnsFailure;
  /** The name looked up, e.g. `_dmarc.contoso.com`. */
  readonly hostname: string;
  readonly recordType: 'TXT' | 'CNAME';
  /** Node's resolver code, e.g. `ENOTFOUND`, `ESERVFAIL`, `ETIMEOUT`. */
  readonly code: string;

  constructor(
    kind: DnsFailure,
    hostname: string,
    recordType: 'TXT' | 'CNAME',
    code: string,
    cause?: unknown,
  ) {
    super(`${recordType} lookup of ${hostname} failed: ${describe(kind)} (${code})`, { cause });
    this.name = 'DnsError';
    this.kind = kind;
    this.hostname = hostname;
    this.recordType = recordType;
    this.code = code;
  }

  /** True when the answer says the record does not exist (NXDOMAIN, or the name has no such record). */
  get absent(): boolean {
    return this.kind === 'notFound' || this.kind === 'noData';
  }
}

function describe(kind: DnsFailure): string {
  switch (kind) {
    case 'notFound':
      return 'no such name (NXDOMAIN)';
    case 'noData':
      return 'the name has no record of this type';
    case 'serverFailure':
      return 'the DNS server failed (SERVFAIL)';
    case 'refused':
      return 'the DNS server refused the query';
    case 'timeout':
      return 'no answer in time';
    default:
      return 'the lookup failed';
  }
}

/** Node's c-ares codes (node:dns) as a DnsFailure. */
export function dnsFailureOf(code: string | undefined): DnsFailure {
  switch (code) {
    case 'ENOTFOUND':
      return 'notFound';
    case 'ENODATA':
      return 'noData';
    case 'ESERVFAIL':
      return 'serverFailure';
    case 'EREFUSED':
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEOUT':
      return 'timeout';
    default:
      return 'other';
  }
}
