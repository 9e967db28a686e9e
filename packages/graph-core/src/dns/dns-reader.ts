import { Resolver } from 'node:dns/promises';
import { DnsError, dnsFailureOf } from './dns-errors.js';

// TXT and CNAME lookups for checks over a tenant's domains (SPF, DMARC, DKIM). One reader per run:
// each name is looked up once however many checks ask (the promise is kept), and at most
// `maxConcurrency` queries are in flight. `servers` points it at a given resolver (a test's or the
// simulator's DNS server); without it Node's system resolver configuration is used.

export interface DnsReaderOptions {
  /** Resolver addresses, `ip` or `ip:port` (`[v6]:port`); the system's by default. */
  servers?: readonly string[];
  /** Time per attempt before a query is retried (c-ares `timeout`), default 2000 ms. */
  timeoutMs?: number;
  /** Attempts per server before ETIMEOUT, default 2. */
  tries?: number;
  /** Queries in flight at once, default 8. */
  maxConcurrency?: number;
}

export interface DnsReader {
  /** TXT records of `name`, each record's strings joined (as SPF and DMARC read them). */
  txt(name: string): Promise<string[]>;
  /** CNAME targets of `name`. */
  cname(name: string): Promise<string[]>;
  /** Queries actually sent (after de-duplication), for tests and benchmarks. */
  readonly queries: number;
}

const SERVER = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\]|[0-9a-f:]+)(:\d{1,5})?$/i;

/** Checks `servers` and says which entry is wrong: the resolver would otherwise throw a bare EINVAL. */
export function checkDnsServers(servers: readonly string[]): void {
  if (servers.length === 0) throw new TypeError('DNS servers: give at least one address, or none at all.');
  for (const server of servers) {
    if (!SERVER.test(server))
      throw new TypeError(
        `DNS server "${server}" is not an IP address with an optional port (e.g. 127.0.0.1:5353).`,
      );
  }
}

export function createDnsReader(options: DnsReaderOptions = {}): DnsReader {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2000, tries: options.tries ?? 2 });
  if (options.servers !== undefined) {
    checkDnsServers(options.servers);
    resolver.setServers([...options.servers]);
  }
  const limit = Math.max(1, options.maxConcurrency ?? 8);
  let active = 0;
  let sent = 0;
  const waiting: (() => void)[] = [];
  const cache = new Map<string, Promise<string[]>>();

  async function slot<T>(work: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await work();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  }

  function lookup(type: 'TXT' | 'CNAME', name: string): Promise<string[]> {
    const hostname = name.trim().replace(/\.$/, '').toLowerCase();
    const key = `${type} ${hostname}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = slot(async () => {
        sent += 1;
        try {
          if (type === 'TXT') return (await resolver.resolveTxt(hostname)).map((chunks) => chunks.join(''));
          return await resolver.resolveCname(hostname);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
          throw new DnsError(dnsFailureOf(code), hostname, type, code, error);
        }
      });
      cache.set(key, pending);
    }
    return pending;
  }

  return {
    txt: (name) => lookup('TXT', name),
    cname: (name) => lookup('CNAME', name),
    get queries() {
      return sent;
    },
  };
}
