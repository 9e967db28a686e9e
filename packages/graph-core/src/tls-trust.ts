import { getCACertificates, rootCertificates } from 'node:tls';

/**
 * The certificates to trust for a client given an extra CA (a simulator or a private endpoint):
 * passing `ca` replaces Node's trust store, so start from it (including NODE_EXTRA_CA_CERTS).
 */
export function trustWith(ca: string): string[] {
  return [...defaultCertificates(), ca];
}

function defaultCertificates(): readonly string[] {
  try {
    return getCACertificates('default');
  } catch {
    return rootCertificates;
  }
}
