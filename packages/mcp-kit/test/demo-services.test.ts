// The demo grants the app what the manifest's services need, points every admin API at the
// simulator, and the connection's admin APIs stay idle until first used.
import { existsSync } from 'node:fs';
import { definePermissions, type ServiceRequirement } from '@m365-mcp/auth';
import { directoryRoleTemplateIds, microsoftApiAppIds, microsoftApiAppRoleIds } from '@m365-mcp/graph-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type DemoTenant, startDemoTenant } from '../src/cli/demo.js';
import { graphFromEnvironment } from '../src/cli/startup.js';

const globalReader = { name: 'Global Reader', templateId: directoryRoleTemplateIds.globalReader };
const services: ServiceRequirement[] = [
  {
    service: 'exchange',
    resource: 'Office 365 Exchange Online',
    resourceAppId: microsoftApiAppIds.exchangeOnline,
    appRole: { permission: 'Exchange.ManageAsApp', id: microsoftApiAppRoleIds.exchangeManageAsApp },
    directoryRoles: [globalReader],
    reason: 'Exchange settings.',
  },
  {
    service: 'fabric',
    resource: 'Power BI Service',
    resourceAppId: microsoftApiAppIds.powerBiService,
    directoryRoles: [],
    reason: 'Fabric settings.',
  },
  {
    service: 'sharepointAdmin',
    resource: 'Office 365 SharePoint Online',
    resourceAppId: microsoftApiAppIds.sharePointOnline,
    appRole: {
      permission: 'Sites.FullControl.All',
      id: microsoftApiAppRoleIds.sharePointSitesFullControlAll,
    },
    directoryRoles: [],
    reason: 'SharePoint tenant properties.',
  },
];
const manifest = definePermissions(
  'demo-services-test',
  [{ permission: 'Organization.Read.All', access: 'read', reason: 'The tenant.' }],
  services,
);

let demo: DemoTenant | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

describe('a demo tenant for a server that reads admin APIs', () => {
  it('grants the services, signs in with a certificate for SharePoint, and reads nothing until asked', async () => {
    demo = await startDemoTenant({ manifest, writes: false });
    expect(demo.services).toEqual(['exchange', 'fabric', 'sharepointAdmin']);
    expect(demo.env).toMatchObject({
      M365_EXCHANGE_URL: demo.sim.serviceUrls.exchange,
      M365_COMPLIANCE_URL: demo.sim.serviceUrls.compliance,
      M365_TEAMS_ADMIN_URL: demo.sim.serviceUrls.teams,
      M365_FABRIC_URL: demo.sim.serviceUrls.fabric,
      M365_SHAREPOINT_ADMIN_URL: demo.sim.serviceUrls.sharepointAdmin,
    });
    expect(demo.env.AZURE_CLIENT_SECRET).toBeUndefined();
    const certificatePath = demo.env.AZURE_CLIENT_CERTIFICATE_PATH ?? '';
    expect(existsSync(certificatePath)).toBe(true);

    const connection = await graphFromEnvironment(demo.env, { ca: demo.sim.ca });
    try {
      expect(demo.sim.requests.all()).toEqual([]);
      const mailboxes = await connection.admin.invokeCmdlet('exchange', 'Get-Mailbox', { ResultSize: 5 });
      expect(Array.isArray(mailboxes)).toBe(true);
      const tenant = await connection.admin.get(
        'sharepointAdmin',
        '/_api/Microsoft.Online.SharePoint.TenantAdministration.Tenant',
      );
      expect(tenant).toBeTypeOf('object');
      expect(await connection.admin.list('fabric', '/v1/admin/tenantsettings')).not.toHaveLength(0);
    } finally {
      await connection.graph.close();
      await connection.admin.close();
    }
    await demo.close();
    expect(existsSync(certificatePath)).toBe(false);
    demo = undefined;
  });

  it('grants only the services asked for, with a client secret when SharePoint is not among them', async () => {
    demo = await startDemoTenant({ manifest, writes: false, services: ['exchange'] });
    expect(demo.services).toEqual(['exchange']);
    expect(demo.env.AZURE_CLIENT_SECRET).toMatch(/\S/);
    const connection = await graphFromEnvironment(demo.env, { ca: demo.sim.ca });
    try {
      const refused = await connection.admin
        .list('fabric', '/v1/admin/tenantsettings')
        .catch((error: { status: number }) => error);
      expect([401, 403]).toContain((refused as { status: number }).status);
    } finally {
      await connection.graph.close();
      await connection.admin.close();
    }
  });
});
