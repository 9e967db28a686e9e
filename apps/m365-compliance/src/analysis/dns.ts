import { createDnsReader, type DnsReader } from '@m365-mcp/graph-core';
import type { ComplianceSettings } from './settings.js';

/**
 * The DNS side of a run (CIS 2.1.8-2.1.10 read SPF, DMARC and DKIM records of the tenant's domains):
 * the configured servers (`settings.dnsServers`), else the system resolver. The demo tenant's
 * domains are not in public DNS, so a demo without configured servers skips those controls and
 * says why rather than failing them on records that were never meant to exist.
 */
export function dnsForRun(
  settings: ComplianceSettings,
  demo: boolean | undefined,
): { dns: DnsReader } | { dnsUnavailable: string } {
  if (settings.dnsServers) return { dns: createDnsReader({ servers: settings.dnsServers }) };
  if (demo === true)
    return {
      dnsUnavailable:
        "The demo tenant's domains are not in public DNS: set settings.dnsServers to graph-sim's DNS server (sim.dns.address) to read their records.",
    };
  return { dns: createDnsReader() };
}
