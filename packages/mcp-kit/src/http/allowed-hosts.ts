import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * One acceptable authority for the Host and Origin headers. `port` undefined accepts any port:
 * that is how a name given with `--allowed-host` (a reverse proxy's public name) is meant, since
 * its Host header usually carries no port while the browser's Origin carries https's 443.
 */
export interface AllowedHost {
  hostname: string;
  port: number | undefined;
}

// A Host header is a name or an IP literal with an optional port, nothing else: no user info,
// no path, no percent-encoding, so the URL parser below cannot be steered to another host.
const hostHeaderPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])(?::(\d{1,5}))?$/;

/** `[::1]` for an IPv6 address, the lower-cased name otherwise: the form URL.hostname uses. */
export function hostnameOf(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIP(bare) === 6) return new URL(`http://[${bare}]`).hostname;
  return bare.toLowerCase();
}

/** A loopback bind: only processes on this machine can reach it. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.toLowerCase() === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return hostnameOf(bare) === '[::1]';
  return false;
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * Parses one `--allowed-host` value (`name` or `name:port`); undefined when it is not a plain
 * host, so the caller can refuse to start with a clear message.
 */
export function parseAllowedHost(value: string): AllowedHost | undefined {
  return parseAuthority(value.trim(), undefined);
}

function parseAuthority(value: string, defaultPort: number | undefined): AllowedHost | undefined {
  const match = hostHeaderPattern.exec(value);
  if (!match) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${value}`);
  } catch {
    return undefined;
  }
  const explicitPort = match[1];
  const port = explicitPort === undefined ? defaultPort : Number(explicitPort);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65_535)) return undefined;
  return { hostname: url.hostname, port };
}

/**
 * The Host values a request may carry: the bound address and port, `localhost` on a loopback
 * bind, every local interface address on a wildcard bind (an IP literal cannot be rebound by
 * DNS), and the names given with `--allowed-host`.
 */
export function allowedHostsFor(
  bound: { host: string; address: string; port: number },
  extra: AllowedHost[],
) {
  const allowed: AllowedHost[] = [...extra];
  const add = (address: string) => allowed.push({ hostname: hostnameOf(address), port: bound.port });
  add(bound.address);
  if (!isWildcardHost(bound.host)) add(bound.host);
  if (isLoopbackHost(bound.host) || isWildcardHost(bound.host)) add('localhost');
  if (isWildcardHost(bound.host)) {
    for (const entries of Object.values(networkInterfaces())) {
      for (const entry of entries ?? []) add(entry.address);
    }
  }
  return allowed;
}

function isAllowed(candidate: AllowedHost, allowed: readonly AllowedHost[]): boolean {
  return allowed.some(
    (entry) =>
      entry.hostname === candidate.hostname && (entry.port === undefined || entry.port === candidate.port),
  );
}

/**
 * DNS-rebinding protection: a browser tricked into sending requests here carries the attacker's
 * name in Host, and a cross-site page carries its own Origin. Returns why the request is refused,
 * or undefined when it may go on. A missing Origin is fine (non-browser clients send none).
 */
export function refuseForeignHostOrOrigin(
  headers: { host?: string | undefined; origin?: string | undefined },
  allowed: readonly AllowedHost[],
): string | undefined {
  const host = headers.host === undefined ? undefined : parseAuthority(headers.host, 80);
  if (!host || !isAllowed(host, allowed)) return 'Forbidden: this Host is not served here';
  if (headers.origin === undefined) return undefined;
  let origin: URL;
  try {
    origin = new URL(headers.origin);
  } catch {
    return 'Forbidden: the Origin is not this server';
  }
  if ((origin.protocol !== 'http:' && origin.protocol !== 'https:') || origin.username || origin.password) {
    return 'Forbidden: the Origin is not this server';
  }
  const port = origin.port === '' ? (origin.protocol === 'https:' ? 443 : 80) : Number(origin.port);
  if (!isAllowed({ hostname: origin.hostname, port }, allowed))
    return 'Forbidden: the Origin is not this server';
  return undefined;
}
