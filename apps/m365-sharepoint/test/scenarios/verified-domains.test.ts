// Issue 11: every verified domain of the tenant is internal, not only the one its SharePoint host
// name suggests. Contoso also owns northwind-traders.example (verified in Entra): a file shared
// with someone there is an internal share; the same file shared with a gmail.com address is an
// outside one. Without Organization.Read.All the server can only guess from the host name, and
// says so in its log.
import { callTool, startTestServer, type TestServer } from '@m365-mcp/mcp-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createSharepointServer } from '../../src/index.js';
import { sharepointPermissions } from '../../src/permissions.js';
import { field } from '../support.js';
import { SCENARIO_NOW, scenarioTenant } from './scenario-tenant.js';

const OWNED_DOMAIN = 'northwind-traders.example';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(recipient: string, roles?: string[]): Promise<TestServer> {
  const tenant = scenarioTenant({
    teamSite: [
      {
        name: 'Quarterly plan.docx',
        links: [
          {
            scope: 'users',
            type: 'edit',
            grantees: [
              {
                id: '5a1d0c7e-0000-4000-8000-00000000beef',
                displayName: 'Alex Recipient',
                email: recipient,
                loginName: `i:0#.f|membership|${recipient}`,
              },
            ],
          },
        ],
      },
    ],
  });
  const organization = tenant.directory.organization as unknown as { verifiedDomains: object[] };
  organization.verifiedDomains.push({
    capabilities: 'Email',
    isDefault: false,
    isInitial: false,
    name: OWNED_DOMAIN,
    type: 'Managed',
  });
  t = await startTestServer(createSharepointServer({ now: () => SCENARIO_NOW }), {
    tenant,
    ...(roles ? { roles } : {}),
  });
  return t;
}

async function externalGrants(server: TestServer): Promise<number> {
  const audit = await callTool(server.client, 'audit_sharepoint_sites', {});
  expect(audit.isError).toBeFalsy();
  return audit.structured.externalGrants as number;
}

describe('verified domains are internal', () => {
  it('a share with a second verified domain is internal', async () => {
    expect(await externalGrants(await start(`alex@${OWNED_DOMAIN}`))).toBe(0);
  });

  it('a share with an address outside every verified domain is external', async () => {
    const server = await start('alex@gmail.com');
    expect(await externalGrants(server)).toBe(1);
    const site = await callTool(server.client, 'analyze_sharepoint_permissions', {
      site_url: 'https://contoso.sharepoint.com/sites/projects',
    });
    const users = field<{ name: string; permissions: { external: boolean }[] }[]>(
      field<Record<string, unknown>>(site.structured, 'itemsByScope'),
      'users',
    );
    expect(users.map((i) => [i.name, i.permissions.map((p) => p.external)])).toEqual([
      ['Quarterly plan.docx', [true]],
    ]);
  });

  it('without Organization.Read.All only the host name guess is left: the second domain reads as outside', async () => {
    const roles = sharepointPermissions.permissions
      .filter((p) => p.access === 'read' && p.permission !== 'Organization.Read.All')
      .map((p) => p.permission);
    expect(await externalGrants(await start(`alex@${OWNED_DOMAIN}`, roles))).toBe(1);
  });
});
