// The demo tenant "Contoso": realistic data across every Graph area, with known misconfigurations
// planted for the demo (and the tests) to find. Each call returns a fresh, independent copy.
import type { Tenant } from '../model.js';
import { demoCompliance } from './compliance.js';
import { demoDefender } from './defender.js';
import { demoDirectory } from './directory.js';
import { demoDnsZone } from './dns.js';
import { demoExchange } from './exchange.js';
import { demoFabric } from './fabric.js';
import { CONTOSO_TENANT_ID } from './people.js';
import { demoPurview } from './purview.js';
import { demoSecurity } from './security.js';
import { demoSharePoint } from './sharepoint.js';
import { demoSharePointAdmin } from './sharepoint-admin.js';
import { demoTeams } from './teams.js';

export interface DemoTenantOptions {
  /** "Now" for the tenant's dates (sign-ins, expiries, alert times); default the current time. */
  now?: Date;
}

export function createDemoTenant(options: DemoTenantOptions = {}): Tenant {
  const now = options.now ?? new Date();
  return {
    id: CONTOSO_TENANT_ID,
    displayName: 'Contoso',
    initialDomain: 'contoso.onmicrosoft.com',
    sharepointHost: 'contoso.sharepoint.com',
    directory: demoDirectory(now),
    security: demoSecurity(now),
    sharepoint: demoSharePoint(now),
    compliance: demoCompliance(now),
    dns: demoDnsZone(),
    exchange: demoExchange(now),
    defender: demoDefender(now),
    purview: demoPurview(now),
    teams: demoTeams(now),
    fabric: demoFabric(now),
    sharepointAdmin: demoSharePointAdmin(now),
  };
}
