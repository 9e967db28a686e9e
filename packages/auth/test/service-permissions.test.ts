import { microsoftGraphAppId } from '@m365-mcp/graph-core';
import { describe, expect, it } from 'vitest';
import { definePermissions, formatPermissions, requiredResourceAccess } from '../src/index.js';
import { serviceManifest } from './service-manifest.js';

const exchangeOnline = '00000002-0000-0ff1-ce00-000000000000';
const sharePointOnline = '00000003-0000-0ff1-ce00-000000000000';
const manageAsAppId = 'dc50a0fb-09a3-484d-be87-e023b12c6440';
const sitesFullControlId = '678536fe-1083-478a-9c59-b99265e6b0d3';
const globalReaderId = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
const teamsAdministratorId = '69091246-20e8-4a56-aa4d-066075b2a7a8';

function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const end = text.indexOf('\n\n', start + 1);
  return text.slice(start + 1, end);
}

describe('requiredResourceAccess with services', () => {
  it('adds one entry per other API with an app role, after Graph, Exchange Online once', () => {
    const blocks = requiredResourceAccess(serviceManifest, { writes: false });
    expect(blocks.map((block) => block.resourceAppId)).toEqual([
      microsoftGraphAppId,
      exchangeOnline,
      sharePointOnline,
    ]);
    expect(blocks[0]?.resourceAccess).toHaveLength(2);
    expect(blocks[1]?.resourceAccess).toEqual([{ id: manageAsAppId, type: 'Role' }]);
    expect(blocks[2]?.resourceAccess).toEqual([{ id: sitesFullControlId, type: 'Role' }]);
  });

  it('is Graph alone for a server without services', () => {
    const graphOnly = definePermissions('m365-x', [
      { permission: 'User.Read.All', reason: 'users', access: 'read' },
    ]);
    expect(requiredResourceAccess(graphOnly, { writes: false }).map((b) => b.resourceAppId)).toEqual([
      microsoftGraphAppId,
    ]);
    expect(formatPermissions(graphOnly, { writes: false, json: false })).not.toContain(
      'beyond Microsoft Graph',
    );
  });
});

describe('the permissions command with services', () => {
  const text = formatPermissions(serviceManifest, { writes: false, json: false });

  it('says the services are optional, after the Graph table', () => {
    const graph = text.indexOf('Organization.Read.All');
    const services = text.indexOf('m365-audit also reads 5 admin API(s) beyond Microsoft Graph.');
    expect(graph).toBeGreaterThan(-1);
    expect(services).toBeGreaterThan(graph);
    expect(text).toContain('Each is optional: without it, only its controls are skipped');
  });

  it('prints each service with what it unlocks, the API, app role and directory role ids, and the portal steps', () => {
    const exchange = section(text, 'Exchange Online (exchange)');
    expect(exchange).toContain('Unlocks:         Exchange Online settings (CIS 6.x).');
    expect(exchange).toContain(`API:             Office 365 Exchange Online (app id ${exchangeOnline})`);
    expect(exchange).toContain(`App role:        Exchange.ManageAsApp (id ${manageAsAppId})`);
    expect(exchange).toContain(`Directory role:  Global Reader (template id ${globalReaderId})`);
    expect(exchange).toContain(
      '1. Microsoft Entra admin center > App registrations > the app > API permissions > Add a permission > ' +
        'APIs my organization uses > Office 365 Exchange Online > Application permissions > ' +
        'Exchange.ManageAsApp > Add permissions; then Grant admin consent.',
    );
    expect(exchange).toContain(
      '2. Microsoft Entra admin center > Roles and administrators > Global Reader > Add assignments > select the app',
    );

    // Purview is the same API and role: one grant, said once.
    expect(section(text, 'Security & Compliance (Purview) (compliance)')).toContain(
      'Steps:           the same as Exchange Online: one grant serves both.',
    );

    const teams = section(text, 'Teams admin (teams)');
    expect(teams).toContain(`Directory role:  Teams Administrator (template id ${teamsAdministratorId})`);
    expect(teams).not.toContain('App role:');
    expect(teams).toContain(
      '1. Microsoft Entra admin center > Roles and administrators > Teams Administrator',
    );

    const fabric = section(text, 'Fabric (Power BI) admin (fabric)');
    expect(fabric).toContain(
      "1. Fabric admin portal > Tenant settings > turn on 'Service principals can access",
    );
    expect(fabric).not.toContain('Directory role:');
  });

  it("notes SharePoint's certificate and gives the upload step", () => {
    const sharePoint = section(text, 'SharePoint admin (sharepointAdmin)');
    expect(sharePoint).toContain(`App role:        Sites.FullControl.All (id ${sitesFullControlId})`);
    expect(sharePoint).toContain(
      'Certificate:     This API refuses app-only tokens got with a client secret',
    );
    expect(sharePoint).toContain(
      '2. Microsoft Entra admin center > App registrations > the app > Certificates & secrets',
    );
    // Exchange takes secrets: no certificate note there.
    expect(section(text, 'Exchange Online (exchange)')).not.toContain('Certificate:');
  });

  it('gives the az commands once each: app roles, one consent, the role assignments through Graph', () => {
    const cli = section(
      text,
      'The same grants with the Azure CLI (bash; run as a Privileged Role Administrator):',
    )
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
    expect(cli).toEqual([
      "APP_ID='<the app registration's client id>'",
      'SP_ID=$(az ad sp show --id "$APP_ID" --query id -o tsv)',
      `az ad app permission add --id "$APP_ID" --api ${exchangeOnline} --api-permissions ${manageAsAppId}=Role`,
      `az ad app permission add --id "$APP_ID" --api ${sharePointOnline} --api-permissions ${sitesFullControlId}=Role`,
      'az ad app permission admin-consent --id "$APP_ID"',
      `az rest --method POST --url https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments --body "{\\"principalId\\":\\"$SP_ID\\",\\"roleDefinitionId\\":\\"${globalReaderId}\\",\\"directoryScopeId\\":\\"/\\"}"`,
      `az rest --method POST --url https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments --body "{\\"principalId\\":\\"$SP_ID\\",\\"roleDefinitionId\\":\\"${teamsAdministratorId}\\",\\"directoryScopeId\\":\\"/\\"}"`,
      "# No az command sets Fabric (Power BI) admin's service setting: take its step above in its portal.",
    ]);
  });

  it('ends with the requiredResourceAccess block, Graph first', () => {
    const blockStart = text.indexOf('requiredResourceAccess for the app registration, Microsoft Graph first');
    expect(blockStart).toBeGreaterThan(text.indexOf('az rest'));
    const block = JSON.parse(text.slice(text.indexOf('[', blockStart))) as { resourceAppId: string }[];
    expect(block.map((entry) => entry.resourceAppId)).toEqual([
      microsoftGraphAppId,
      exchangeOnline,
      sharePointOnline,
    ]);
  });

  it('gives the same facts and steps as JSON', () => {
    const json = JSON.parse(formatPermissions(serviceManifest, { writes: false, json: true })) as {
      services: {
        service: string;
        appRole?: { permission: string; id: string };
        directoryRoles: { name: string; templateId: string }[];
        certificateRequired: boolean;
        steps: { portal: string[]; azureCli: string[] };
      }[];
      requiredResourceAccess: { resourceAppId: string }[];
    };
    expect(json.services.map((entry) => entry.service)).toEqual([
      'exchange',
      'compliance',
      'teams',
      'fabric',
      'sharepointAdmin',
    ]);
    const [exchange, , teams, fabric, sharePoint] = json.services;
    expect(exchange?.appRole).toEqual({ permission: 'Exchange.ManageAsApp', id: manageAsAppId });
    expect(exchange?.directoryRoles).toEqual([{ name: 'Global Reader', templateId: globalReaderId }]);
    expect(exchange?.steps.azureCli).toHaveLength(3);
    expect(teams?.steps.azureCli).toEqual([expect.stringContaining(teamsAdministratorId)]);
    expect(fabric?.steps).toEqual({ portal: [expect.stringContaining('Fabric admin portal')], azureCli: [] });
    expect(sharePoint?.certificateRequired).toBe(true);
    expect(exchange?.certificateRequired).toBe(false);
    expect(json.requiredResourceAccess).toHaveLength(3);
  });
});
