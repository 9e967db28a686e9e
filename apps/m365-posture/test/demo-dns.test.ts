import { Resolver } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
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
    const env = demo.envFor(printsPermissions('m365-compliance'));
    const config = JSON.parse(readFileSync(env.M365_MCP_CONFIG as string, 'utf8'));
    expect(config).toEqual({ settings: { dnsServers: [demo.sim.dns.address] } });
    const resolver = new Resolver();
    resolver.setServers(config.settings.dnsServers);
    const txt = (await resolver.resolveTxt('contoso.com')).map((chunks) => chunks.join(''));
    expect(txt).toContain('v=spf1 include:spf.protection.outlook.com -all');
  });

  it('leaves the other servers without a config file', () => {
    expect(demo.envFor(printsPermissions('m365-identity')).M365_MCP_CONFIG).toBeUndefined();
  });
});
