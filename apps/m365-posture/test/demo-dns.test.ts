import { Resolver } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoEnvironment, startDemoEnvironment } from '../src/demo.js';
import type { ServerCommand } from '../src/servers.js';

// The posture demo runs the servers as against a real tenant, so m365-compliance would ask the
// system resolver for the demo's domains; its config points it at the simulator's DNS server.

const printsPermissions = (name: string): ServerCommand => ({
  name,
  command: process.execPath,
  args: [
    '-e',
    `console.log(JSON.stringify({ permissions: [{ permission: 'Domain.Read.All', access: 'read' }] }))`,
  ],
});

let demo: DemoEnvironment;
beforeAll(async () => {
  demo = await startDemoEnvironment();
});
afterAll(async () => {
  await demo.close();
});

describe('posture demo DNS', () => {
  it("gives m365-compliance a config naming the simulator's DNS server, which answers for the demo", async () => {
    const env = await demo.envFor(printsPermissions('m365-compliance'));
    const config = JSON.parse(readFileSync(env.M365_MCP_CONFIG as string, 'utf8'));
    expect(config).toEqual({ settings: { dnsServers: [demo.sim.dns.address] } });
    const resolver = new Resolver();
    resolver.setServers(config.settings.dnsServers);
    const txt = (await resolver.resolveTxt('contoso.com')).map((chunks) => chunks.join(''));
    expect(txt).toContain('v=spf1 include:spf.protection.outlook.com -all');
  });

  it('leaves the other servers without a config file', async () => {
    expect((await demo.envFor(printsPermissions('m365-identity'))).M365_MCP_CONFIG).toBeUndefined();
  });
});

describe('posture demo grants', () => {
  it("give a server's app what the admin APIs it declares ask for, at the simulator's URLs", async () => {
    const exchange = {
      service: 'exchange',
      resource: 'Office 365 Exchange Online',
      resourceAppId: '00000002-0000-0ff1-ce00-000000000000',
      appRole: { permission: 'Exchange.ManageAsApp', id: 'dc50a0fb-09a3-484d-be87-e023b12c6440' },
      directoryRoles: [{ name: 'Global Reader', templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451' }],
      reason: 'Exchange Online settings.',
    };
    const printed = JSON.stringify({
      permissions: [{ permission: 'Domain.Read.All', access: 'read' }],
      services: [exchange],
    });
    const env = await demo.envFor({
      name: 'm365-compliance',
      command: process.execPath,
      args: ['-e', `console.log(${JSON.stringify(printed)})`],
    });
    expect(env.M365_EXCHANGE_URL).toBe(demo.sim.serviceUrls.exchange);
    expect(env.M365_FABRIC_URL).toBe(demo.sim.serviceUrls.fabric);
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: env.AZURE_CLIENT_ID ?? '',
      client_secret: env.AZURE_CLIENT_SECRET ?? '',
      scope: 'https://outlook.office365.com/.default',
    }).toString();
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${env.AZURE_AUTHORITY_HOST}/${env.AZURE_TENANT_ID}/oauth2/v2.0/token`,
        { method: 'POST', ca: demo.sim.ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
          });
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end(form);
    });
    const { access_token: token } = JSON.parse(body) as { access_token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(claims.roles).toEqual(['Exchange.ManageAsApp']);
    const held = demo.sim.tenant.directory.roleAssignments.filter((a) => a.principalId === claims.oid);
    expect(held.map((a) => a.roleDefinitionId)).toEqual([exchange.directoryRoles[0]?.templateId]);
  });
});
