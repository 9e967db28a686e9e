// The simulated tenant: plain data in Graph's own shapes, mutable so that tests can plant or fix a
// misconfiguration and write routes can change it. Each Graph area keeps its data in its own
// module (directory, security, sharepoint); the engine only needs the tenant's identity.
import type { DnsZone } from '../dns/dns-zone.js';
import type { ComplianceData } from './compliance.js';
import type { DirectoryData } from './directory.js';
import type { SecurityData } from './security.js';
import type { SharePointData } from './sharepoint.js';

export interface Tenant {
  /** Directory (tenant) id, a GUID. */
  id: string;
  displayName: string;
  /** The initial domain, e.g. `contoso.onmicrosoft.com`. */
  initialDomain: string;
  /** SharePoint host name, e.g. `contoso.sharepoint.com`. */
  sharepointHost: string;
  /** Entra users, groups, roles, apps, policies, risk, registration details, audit logs. */
  directory: DirectoryData;
  /** Defender XDR: secure scores, control profiles, alerts, incidents. */
  security: SecurityData;
  /** SharePoint and OneDrive: tenant settings, sites, drives, items, permissions, file content. */
  sharepoint: SharePointData;
  /** Purview records management that Graph exposes to apps (retention events). */
  compliance: ComplianceData;
  /** What the tenant's domains publish in DNS (SPF, DMARC, DKIM), served by the simulator's DNS server. */
  dns: DnsZone;
}
