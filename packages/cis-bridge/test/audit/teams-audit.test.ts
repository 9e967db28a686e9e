// CIS 8 end to end below the MCP server: runAudit reads the Teams resources through graph-core's
// admin API client, over HTTPS, from graph-sim's Teams admin API (front door, token audience,
// directory role), and 8.6.1's report submission policy through Exchange Online's InvokeCommand.
import {
  createAdminApis,
  createGraphClient,
  directoryRoleTemplateIds,
  microsoftApiAppIds,
  resolveCloud,
} from '@m365-mcp/graph-core';
import { createDemoTenant, type GraphSim, startGraphSim, type Tenant } from '@m365-mcp/graph-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/index.js';
import { catalogueRoles } from './graph-audit.js';

const now = new Date('2026-11-25T12:00:00Z');
let sim: GraphSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Section 8's statuses (and reasons) for the demo tenant, edited, with the app holding `directoryRoles`. */
async function section8(edit: (t: Tenant) => void, directoryRoles: string[]) {
  const tenant = createDemoTenant({ now });
  edit(tenant);
  sim = await startGraphSim({ tenant });
  const current = sim;
  const app = current.registerApp({
    displayName: 'teams audit (test)',
    roles: catalogueRoles,
    serviceRoles: { [microsoftApiAppIds.exchangeOnline]: ['Exchange.ManageAsApp'] },
    directoryRoles,
  });
  // A credential as a given token is: the simulator's token for the scope's resource.
  const credential = {
    getToken: async (scopes: string | string[]) => {
      const scope = Array.isArray(scopes) ? (scopes[0] ?? '') : scopes;
      const audience = scope.replace(/\/\.default$/, '');
      const exchange = audience === 'https://outlook.office365.com';
      return {
        token: current.issueToken({
          clientId: app.clientId,
          roles: exchange ? ['Exchange.ManageAsApp'] : catalogueRoles,
          ...(audience.startsWith('https://graph') || audience === current.url ? {} : { audience }),
        }),
        expiresOnTimestamp: Date.now() + 3_600_000,
      };
    },
  };
  const cloud = resolveCloud({
    AZURE_AUTHORITY_HOST: current.url,
    M365_GRAPH_URL: current.url,
    M365_EXCHANGE_URL: current.serviceUrls.exchange,
    M365_TEAMS_ADMIN_URL: current.serviceUrls.teams,
  });
  const graph = createGraphClient({ credential, cloud, ca: current.ca });
  const services = createAdminApis({ credential, cloud, ca: current.ca, graph, tenantId: current.tenantId });
  try {
    const run = await runAudit(graph, { now, services, filter: { sections: ['8'] } });
    return Object.fromEntries(
      run.results.map((r) => [
        r.finding.id.replace('CIS.M365.', ''),
        { status: r.finding.status, reason: r.finding.reason },
      ]),
    );
  } finally {
    await graph.close();
  }
}

const both = [directoryRoleTemplateIds.teamsAdministrator, directoryRoleTemplateIds.globalReader];

describe('CIS 8 over HTTPS', () => {
  it("finds the demo's planted Teams gaps and passes the rest", async () => {
    const results = await section8(() => {}, both);
    const statuses = Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.status]));
    expect(statuses).toEqual({
      '8.1.1': 'fail',
      '8.1.2': 'pass',
      '8.2.1': 'fail',
      '8.2.2': 'fail',
      '8.2.3': 'pass',
      '8.2.4': 'pass',
      '8.4.1': 'pass',
      '8.5.1': 'pass',
      '8.5.2': 'pass',
      '8.5.3': 'fail',
      '8.5.4': 'pass',
      '8.5.5': 'pass',
      '8.5.6': 'pass',
      '8.5.7': 'pass',
      '8.5.8': 'pass',
      '8.5.9': 'fail',
      '8.6.1': 'pass',
    });
  });

  it('reads what the tenant holds: a fixed Global meeting policy passes', async () => {
    const results = await section8((t) => {
      Object.assign(t.teams.TeamsMeetingPolicy[0] ?? {}, {
        AutoAdmittedUsers: 'OrganizerOnly',
        AllowCloudRecording: false,
      });
    }, both);
    expect(results['8.5.3']?.status).toBe('pass');
    expect(results['8.5.9']?.status).toBe('pass');
  });

  it('skips the Teams controls, saying why, when the app holds no Teams-capable directory role', async () => {
    const results = await section8(() => {}, []);
    for (const id of ['8.1.1', '8.2.1', '8.5.1']) {
      expect(results[id]?.status, id).toBe('skipped');
      expect(results[id]?.reason, id).toMatch(/Teams/);
    }
  });
});
