// The simulated tenant: plain data in Graph's own shapes, mutable so that tests can plant or fix a
// misconfiguration and write routes can change it. Each Graph area keeps its data in its own
// module (directory, security, sharepoint); the engine only needs the tenant's identity.
import type { DnsZone } from '../dns/dns-zone.js';
import type { ComplianceData } from './compliance.js';
import type { DefenderData } from './defender.js';
import type { DirectoryData } from './directory.js';
import type { ExchangeData } from './exchange.js';
import type { FabricData } from './fabric.js';
import type { PurviewData } from './purview.js';
import type { SecurityData } from './security.js';
import type { SharePointData } from './sharepoint.js';
import type { SharePointAdminData } from './sharepoint-admin.js';
import type { TeamsData } from './teams.js';

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
  // The admin APIs beyond Graph (services/): each answers from its own data.
  /** Exchange Online (its InvokeCommand admin API). */
  exchange: ExchangeData;
  /** Defender for Office 365 and Exchange Online Protection policies, served by Exchange Online. */
  defender: DefenderData;
  /** Security & Compliance (Purview) policies (its InvokeCommand admin API). */
  purview: PurviewData;
  /** Teams tenant settings (the Teams admin API). */
  teams: TeamsData;
  /** Fabric (Power BI) tenant settings (the Fabric admin API). */
  fabric: FabricData;
  /** SharePoint tenant properties Graph does not carry (the SharePoint admin API). */
  sharepointAdmin: SharePointAdminData;
}
