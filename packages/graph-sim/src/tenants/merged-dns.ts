// The DNS server answers for every hosted tenant's domains: one zone merged from all of them at each
// query (so a test's edit shows at once). Tenants' domains do not overlap; if they did, the first
// (the simulator's own) tenant's records win.
import { type DnsZone, emptyDnsZone } from '../dns/dns-zone.js';
import type { Tenant } from '../tenant/model.js';

export function mergedDnsZone(tenants: readonly Tenant[]): DnsZone {
  const merged = emptyDnsZone();
  for (let i = tenants.length - 1; i >= 0; i--) {
    const zone = tenants[i]?.dns;
    if (!zone) continue;
    Object.assign(merged.txt, zone.txt);
    Object.assign(merged.cname, zone.cname);
    Object.assign(merged.faults, zone.faults);
  }
  return merged;
}
