// The command line of a server that reads admin APIs beyond Graph: `permissions` prints them with
// their ids and steps; `check` on a tenant that granted Graph alone warns for each and exits 0.
import { definePermissions } from '@m365-mcp/auth';
import {
  directoryRoleTemplateIds,
  microsoftApiAppIds,
  microsoftApiAppRoleIds,
  microsoftGraphAppId,
} from '@m365-mcp/graph-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runServerCli } from '../src/cli/index.js';
import { sampleServer } from './sample-server.js';

const auditPermissions = definePermissions(
  'm365-audit-sample',
  [
    { permission: 'User.Read.All', reason: 'list users', access: 'read' },
    { permission: 'RoleManagement.Read.Directory', reason: 'role assignments', access: 'read' },
  ],
  [
    {
      service: 'exchange',
      resource: 'Office 365 Exchange Online',
      resourceAppId: microsoftApiAppIds.exchangeOnline,
      appRole: { permission: 'Exchange.ManageAsApp', id: microsoftApiAppRoleIds.exchangeManageAsApp },
      directoryRoles: [{ name: 'Global Reader', templateId: directoryRoleTemplateIds.globalReader }],
      reason: 'Exchange Online settings (CIS 6.x).',
    },
    {
      service: 'teams',
      resource: 'Skype and Teams Tenant Admin API',
      resourceAppId: microsoftApiAppIds.teamsTenantAdmin,
      directoryRoles: [
        { name: 'Teams Administrator', templateId: directoryRoleTemplateIds.teamsAdministrator },
      ],
      reason: 'Teams policies (CIS 8.x).',
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
      reason: 'SharePoint tenant properties (CIS 7.2.x).',
    },
  ],
);

const auditServer = { ...sampleServer, name: 'm365-audit-sample', permissions: auditPermissions };

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runServerCli(auditServer, ['node', 'm365-audit-sample', ...args], {
    env: {},
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

const servicesJson = z.object({
  services: z.array(
    z.object({
      service: z.string(),
      resourceAppId: z.string(),
      steps: z.object({ portal: z.array(z.string()), azureCli: z.array(z.string()) }),
    }),
  ),
  requiredResourceAccess: z.array(
    z.object({ resourceAppId: z.string(), resourceAccess: z.array(z.object({ id: z.string() })) }),
  ),
});

describe('the command line of a server reading admin APIs beyond Graph', () => {
  it('permissions prints the Graph table, then each API with its ids and steps, then the block', async () => {
    const { code, stdout } = await run(['permissions']);
    expect(code).toBe(0);
    const order = [
      'User.Read.All',
      'm365-audit-sample also reads 3 admin API(s) beyond Microsoft Graph.',
      `App role:        Exchange.ManageAsApp (id ${microsoftApiAppRoleIds.exchangeManageAsApp})`,
      `Directory role:  Teams Administrator (template id ${directoryRoleTemplateIds.teamsAdministrator})`,
      'Certificate:     This API refuses app-only tokens got with a client secret',
      `az ad app permission add --id "$APP_ID" --api ${microsoftApiAppIds.exchangeOnline}`,
      'az rest --method POST --url https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments',
      'requiredResourceAccess for the app registration, Microsoft Graph first',
    ].map((fragment) => stdout.indexOf(fragment));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('permissions --json carries the services and one requiredResourceAccess entry per API with an app role', async () => {
    const { code, stdout } = await run(['permissions', '--json']);
    expect(code).toBe(0);
    const parsed = servicesJson.parse(JSON.parse(stdout));
    expect(parsed.services.map((entry) => entry.service)).toEqual(['exchange', 'teams', 'sharepointAdmin']);
    expect(parsed.requiredResourceAccess.map((entry) => entry.resourceAppId)).toEqual([
      microsoftGraphAppId,
      microsoftApiAppIds.exchangeOnline,
      microsoftApiAppIds.sharePointOnline,
    ]);
  });

  it('check on a tenant that granted Graph alone warns for each API beyond it, names what is missing, and exits 0', async () => {
    // The demo app holds the manifest's Graph permissions and nothing beyond Graph.
    const { code, stdout } = await run(['--demo', 'check']);
    expect(stdout).toContain('Each is optional: what is missing here is a WARNING, does not fail the check');
    expect(stdout).toContain('  Exchange Online: WARNING, missing:');
    expect(stdout).toContain(
      `    - app role Exchange.ManageAsApp (id ${microsoftApiAppRoleIds.exchangeManageAsApp}) on Office 365 Exchange Online`,
    );
    expect(stdout).toContain(
      `    - directory role Teams Administrator (template id ${directoryRoleTemplateIds.teamsAdministrator}) on the app's service principal`,
    );
    expect(stdout).toContain('    Skipped until then: Teams policies (CIS 8.x).');
    expect(stdout).toMatch(/Result: OK; WARNING: 3 of 3 admin API\(s\) beyond Graph not ready/);
    expect(code).toBe(0);
  });
});
